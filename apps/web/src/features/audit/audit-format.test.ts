import { describe, expect, it } from "vitest";
import { i18n } from "../../i18n";
import { auditActionLabel, auditActorLabel, auditChanges, auditRecordLabel, formatAuditValue } from "./audit-format";

const t = i18n.getFixedT("sv");

describe("auditActionLabel", () => {
  it("words every action the API writes in Swedish", () => {
    expect(auditActionLabel("activity.create", t)).toBe("Aktivitet registrerad");
    expect(auditActionLabel("activity.void", t)).toBe("Aktivitet makulerad");
    expect(auditActionLabel("auth.sign_in_failed", t)).toBe("Misslyckad inloggning");
    expect(auditActionLabel("auth.denied", t)).toBe("Nekad åtgärd");
    expect(auditActionLabel("token.revoke", t)).toBe("API-nyckel återkallad");
    expect(auditActionLabel("update.create", t)).toBe("Lägesrapport skriven");
  });

  it("shows an action it has no words for as its code", () => {
    expect(auditActionLabel("activity.teleport", t)).toBe("activity.teleport");
    expect(auditActionLabel("export", t)).toBe("export");
    expect(auditActionLabel("activity.create.twice", t)).toBe("activity.create.twice");
  });

  it("speaks English when asked", () => {
    expect(auditActionLabel("user.create", i18n.getFixedT("en"))).toBe("User created");
  });
});

describe("auditActorLabel", () => {
  it("names a user, with the API key they used", () => {
    expect(auditActorLabel("user:3", t)).toBe("Användare 3");
    expect(auditActorLabel("user:3/token:7", t)).toBe("Användare 3 med API-nyckel 7");
  });

  it("puts the user's name first when the API knows it", () => {
    expect(auditActorLabel("user:3", t, "Anna Admin")).toBe("Anna Admin (användare 3)");
    expect(auditActorLabel("user:3/token:7", t, "Anna Admin")).toBe("Anna Admin (användare 3) med API-nyckel 7");
  });

  it("names the system actors and shows an unknown one as it is", () => {
    expect(auditActorLabel("anonymous", t)).toBe("Ej inloggad");
    expect(auditActorLabel("seed", t)).toBe("Startdata");
    expect(auditActorLabel("robot:9", t)).toBe("robot:9");
  });
});

describe("auditRecordLabel", () => {
  it("names the record type in Swedish with the record's id", () => {
    expect(auditRecordLabel("activity", "42", t)).toBe("Aktivitet 42");
    expect(auditRecordLabel("activity_type", null, t)).toBe("Aktivitetstyp");
  });

  it("has nothing to show for an event without a record", () => {
    expect(auditRecordLabel(null, null, t)).toBeNull();
  });
});

describe("auditChanges", () => {
  it("lists only the fields a change touched", () => {
    const before = { id: 7, quantity: 1, place: "Hammarkullen", voidedAt: null };
    const after = { id: 7, quantity: 2, place: "Hammarkullen", voidedAt: "2026-03-01T10:00:00Z" };
    expect(auditChanges(before, after)).toEqual([
      { field: "quantity", kind: "changed", before: "1", after: "2" },
      { field: "voidedAt", kind: "changed", before: null, after: "2026-03-01T10:00:00Z" },
    ]);
  });

  it("lists every field of a created record and of a removed one", () => {
    expect(auditChanges(null, { name: "Import", revokedAt: null })).toEqual([
      { field: "name", kind: "set", before: null, after: "Import" },
      { field: "revokedAt", kind: "set", before: null, after: null },
    ]);
    expect(auditChanges({ name: "Import" }, null)).toEqual([{ field: "name", kind: "removed", before: "Import", after: null }]);
  });

  it("has nothing to show without before and after", () => {
    expect(auditChanges(null, null)).toEqual([]);
  });

  it("shows nested values as JSON and cuts long ones short", () => {
    expect(formatAuditValue({ organisations: ["Polisen"] })).toBe('{"organisations":["Polisen"]}');
    const long = formatAuditValue("x".repeat(500));
    expect(long).toHaveLength(120);
    expect(long?.endsWith("…")).toBe(true);
  });
});
