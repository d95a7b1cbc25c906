import type { AuditEntry } from "@lofteskollen/contracts";
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { currentLocation, type FakeRoute, fakeFetch, meRoute, renderApp, USERS } from "../../test/render";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const voided: AuditEntry = {
  id: 12,
  at: "2026-07-01T10:00:00.000Z",
  userId: 3,
  userName: "Frida Fältassistent",
  actor: "user:3",
  action: "activity.void",
  recordType: "activity",
  recordId: "42",
  before: { id: 42, quantity: 1, voidedAt: null, voidReason: null },
  after: { id: 42, quantity: 1, voidedAt: "2026-07-01T10:00:00.000Z", voidReason: "Registrerad två gånger" },
  address: "10.0.0.7",
};

const failedSignIn: AuditEntry = {
  id: 11,
  at: "2026-01-15T23:30:05.000Z",
  userId: null,
  userName: null,
  actor: "anonymous",
  action: "auth.sign_in_failed",
  recordType: "user",
  recordId: "3",
  before: null,
  after: null,
  address: null,
};

function stubApi(audit: Record<string, FakeRoute>) {
  const api = fakeFetch({ "/api/auth/me": meRoute(USERS.admin), ...audit });
  vi.stubGlobal("fetch", api);
  return api;
}

const auditRequests = (api: ReturnType<typeof stubApi>) =>
  api.requests.filter((request) => request.url.startsWith("/api/audit")).map((request) => request.url);

describe("AuditPage", () => {
  it("builds its query from the filters in the address and shows them in the form", async () => {
    const api = stubApi({
      "/api/audit?recordType=activity&recordId=42&userId=3&from=2026-07-01&to=2026-07-31&limit=50": {
        body: { items: [voided], nextCursor: null },
      },
    });
    renderApp("/handelselogg?to=2026-07-31&userId=3&recordType=activity&from=2026-07-01&recordId=42");

    await screen.findByRole("table", { name: "Händelser, nyast först" });
    expect(auditRequests(api)).toEqual([
      "/api/audit?recordType=activity&recordId=42&userId=3&from=2026-07-01&to=2026-07-31&limit=50",
    ]);
    expect(screen.getByLabelText("Typ av post")).toHaveProperty("value", "activity");
    expect(screen.getByLabelText("Postens id")).toHaveProperty("value", "42");
    expect(screen.getByLabelText("Användarens id")).toHaveProperty("value", "3");
    expect(screen.getByLabelText("Från och med")).toHaveProperty("value", "2026-07-01");
    expect(screen.getByLabelText("Till och med")).toHaveProperty("value", "2026-07-31");
  });

  it("puts the chosen filters in the address and asks again", async () => {
    const api = stubApi({
      "/api/audit?limit=50": { body: { items: [voided, failedSignIn], nextCursor: null } },
      "/api/audit?recordType=user&userId=3&limit=50": { body: { items: [failedSignIn], nextCursor: null } },
    });
    renderApp("/handelselogg");
    await screen.findByRole("table");

    fireEvent.change(screen.getByLabelText("Typ av post"), { target: { value: "user" } });
    fireEvent.change(screen.getByLabelText("Användarens id"), { target: { value: "3" } });
    fireEvent.click(screen.getByRole("button", { name: "Visa händelser" }));

    await screen.findByText("Visar 1 händelse.", { exact: false });
    expect(currentLocation()).toBe("/handelselogg?recordType=user&userId=3");
    expect(auditRequests(api)).toEqual(["/api/audit?limit=50", "/api/audit?recordType=user&userId=3&limit=50"]);

    fireEvent.click(screen.getByRole("button", { name: "Rensa filtren" }));
    await screen.findByText("Visar 2 händelser.", { exact: false });
    expect(currentLocation()).toBe("/handelselogg");
  });

  it("shows each event in Stockholm time, with who, what and the change in words", async () => {
    stubApi({ "/api/audit?limit=50": { body: { items: [voided, failedSignIn], nextCursor: null } } });
    renderApp("/handelselogg");
    const [, first, second] = within(await screen.findByRole("table")).getAllByRole("row");

    const cells = (row: HTMLElement | undefined) => (row ? within(row).getAllByRole("cell").map((cell) => cell.textContent) : []);
    expect(cells(first)).toEqual([
      "2026-07-01 12:00:00",
      "Frida Fältassistent (användare 3)från 10.0.0.7",
      "Aktivitet makulerad",
      "Aktivitet 42",
      "voidedAt: från tomt → till 2026-07-01T10:00:00.000ZvoidReason: från tomt → till Registrerad två gånger",
    ]);
    expect(cells(second)).toEqual(["2026-01-16 00:30:05", "Ej inloggad", "Misslyckad inloggning", "Användare 3", "–"]);
  });

  it("shows more events with Visa fler until there are no more", async () => {
    const api = stubApi({
      "/api/audit?limit=50": { body: { items: [voided], nextCursor: "11" } },
      "/api/audit?limit=50&cursor=11": { body: { items: [failedSignIn], nextCursor: null } },
    });
    renderApp("/handelselogg");
    await screen.findByText("Visar 1 händelse.", { exact: false });

    fireEvent.click(screen.getByRole("button", { name: "Visa fler" }));

    await screen.findByText("Visar 2 händelser. Alla händelser visas.");
    expect(within(screen.getByRole("table")).getAllByRole("row")).toHaveLength(3);
    expect(screen.queryByRole("button", { name: "Visa fler" })).toBeNull();
    expect(auditRequests(api)).toEqual(["/api/audit?limit=50", "/api/audit?limit=50&cursor=11"]);
  });

  it("says so when no event matches", async () => {
    stubApi({ "/api/audit?recordType=term&limit=50": { body: { items: [], nextCursor: null } } });
    renderApp("/handelselogg?recordType=term");
    expect(await screen.findByText("Inga händelser matchar filtren.")).toBeTruthy();
  });
});
