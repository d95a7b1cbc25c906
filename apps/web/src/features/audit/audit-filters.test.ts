import { describe, expect, it } from "vitest";
import { i18n } from "../../i18n";
import {
  AUDIT_RECORD_TYPE_OPTIONS,
  auditApiPath,
  auditFiltersFromSearchParams,
  auditFiltersToSearchParams,
  hasAuditFilters,
} from "./audit-filters";

describe("AUDIT_RECORD_TYPE_OPTIONS", () => {
  it("names every record type in Swedish and English", () => {
    expect(AUDIT_RECORD_TYPE_OPTIONS.length).toBeGreaterThan(5);
    for (const type of AUDIT_RECORD_TYPE_OPTIONS) {
      expect(i18n.exists(`audit.recordType.${type}`, { lng: "sv" }), type).toBe(true);
      expect(i18n.exists(`audit.recordType.${type}`, { lng: "en" }), type).toBe(true);
    }
  });
});

describe("auditFiltersFromSearchParams", () => {
  it("reads every filter from the page's address", () => {
    const params = new URLSearchParams("recordType=activity&recordId=42&userId=3&from=2026-01-01&to=2026-01-31");
    expect(auditFiltersFromSearchParams(params)).toEqual({
      recordType: "activity",
      recordId: "42",
      userId: "3",
      from: "2026-01-01",
      to: "2026-01-31",
    });
  });

  it("leaves out what the API would refuse instead of failing the page", () => {
    const params = new URLSearchParams("recordType=banana&userId=-1&from=2026-02-30&to=igår&recordId=%20%20");
    expect(auditFiltersFromSearchParams(params)).toEqual({});
  });

  it("reads an address without filters as no filters", () => {
    expect(auditFiltersFromSearchParams(new URLSearchParams())).toEqual({});
    expect(hasAuditFilters({})).toBe(false);
  });
});

describe("auditFiltersToSearchParams", () => {
  it("writes the filters in a fixed order and leaves out empty ones", () => {
    const params = auditFiltersToSearchParams({ to: "2026-01-31", recordId: " ", userId: "3", recordType: "token" });
    expect(params.toString()).toBe("recordType=token&userId=3&to=2026-01-31");
  });

  it("round-trips through the address", () => {
    const filters = { recordType: "user", recordId: "a b&c", userId: "12", from: "2026-03-01", to: "2026-03-31" } as const;
    expect(auditFiltersFromSearchParams(auditFiltersToSearchParams(filters))).toEqual(filters);
  });
});

describe("auditApiPath", () => {
  it("asks the API for one page with the filters, the page size and the cursor", () => {
    expect(auditApiPath({ recordType: "activity", from: "2026-01-01" }, "c-123", 20)).toBe(
      "/api/audit?recordType=activity&from=2026-01-01&limit=20&cursor=c-123",
    );
  });

  it("asks for the first page without a cursor", () => {
    expect(auditApiPath({}, null)).toBe("/api/audit?limit=50");
  });
});
