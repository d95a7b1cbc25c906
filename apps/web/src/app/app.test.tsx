import type { CurrentUser } from "@lofteskollen/contracts";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { currentLocation, fakeFetch, meRoute, renderApp, unauthenticated, USERS } from "../test/render";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const emptyAudit = { body: { items: [], nextCursor: null } };

function stubApi(routes: Parameters<typeof fakeFetch>[0]) {
  const api = fakeFetch({ "/api/promises": { body: [] }, ...routes });
  vi.stubGlobal("fetch", api);
  return api;
}

function mainMenu() {
  return screen.findByRole("navigation", { name: "Huvudmeny" });
}

describe("the signed-in frame", () => {
  it("shows who is signed in, their role in Swedish and the organisations they act for", async () => {
    stubApi({ "/api/auth/me": meRoute(USERS.coordinator) });
    renderApp("/");
    const session = await screen.findByRole("region", { name: "Inloggad användare" });
    expect(session.textContent).toContain("Sara Samordnare");
    expect(session.textContent).toContain("samordnare för Fältenheten och Polisen");
    expect(within(session).getByRole("button", { name: "Logga ut" })).toBeTruthy();
  });

  it("names an admin's role without organisations", async () => {
    stubApi({ "/api/auth/me": meRoute(USERS.admin) });
    renderApp("/");
    const session = await screen.findByRole("region", { name: "Inloggad användare" });
    expect(session.textContent).toBe("Anna AdminadministratörLogga ut");
  });

  it.each<[string, CurrentUser, string[]]>([
    ["coordinator", USERS.coordinator, ["Översikt", "Registrera", "API-nycklar"]],
    ["viewer", USERS.viewer, ["Översikt", "API-nycklar"]],
    ["manager", USERS.manager, ["Översikt", "Aktörer, områden och typer", "API-nycklar"]],
  ])("offers a %s only what the role may use: no Händelselogg, Registrera only to those who log", async (_role, user, expected) => {
    stubApi({ "/api/auth/me": meRoute(user) });
    renderApp("/");
    const links = within(await mainMenu()).getAllByRole("link").map((link) => link.textContent);
    expect(links).toEqual(expected);
  });

  it("shows Händelselogg, Registrera, Terminskalender, Aktörer, områden och typer and Användare to an admin", async () => {
    stubApi({ "/api/auth/me": meRoute(USERS.admin) });
    renderApp("/");
    const links = within(await mainMenu()).getAllByRole("link").map((link) => link.textContent);
    expect(links).toEqual(["Översikt", "Registrera", "Händelselogg", "Terminskalender", "Aktörer, områden och typer", "Användare", "API-nycklar"]);
  });

  it("marks the page the person is on in the menu", async () => {
    stubApi({ "/api/auth/me": meRoute(USERS.viewer), "/api/tokens": { body: [] } });
    renderApp("/api-nycklar");
    const current = within(await mainMenu()).getByRole("link", { current: "page" });
    expect(current.textContent).toBe("API-nycklar");
  });
});

describe("pages behind sign-in", () => {
  it("send a visitor who is not signed in to the sign-in page, to come back afterwards", async () => {
    const api = stubApi({ "/api/auth/me": unauthenticated });
    renderApp("/handelselogg?recordType=activity");
    await screen.findByRole("heading", { name: "Logga in" });
    expect(currentLocation()).toBe("/logga-in?next=%2Fhandelselogg%3FrecordType%3Dactivity");
    // Nobody was signed out: no notice, and nothing asked of the audit trail.
    expect(screen.queryByText("Du har loggats ut. Logga in igen.")).toBeNull();
    expect(api.requests.some((request) => request.url.startsWith("/api/audit"))).toBe(false);
  });

  it("tell a non-admin who types the address of the audit trail that they may not see it", async () => {
    const api = stubApi({ "/api/auth/me": meRoute(USERS.viewer) });
    renderApp("/handelselogg");
    expect(await screen.findByText("Du har inte behörighet att se den här sidan.")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Ingen behörighet" })).toBeTruthy();
    expect(api.requests.some((request) => request.url.startsWith("/api/audit"))).toBe(false);
  });

  it("answer an address that leads nowhere with a Swedish page", async () => {
    stubApi({ "/api/auth/me": meRoute(USERS.viewer) });
    renderApp("/finns-inte");
    expect(await screen.findByRole("heading", { name: "Sidan finns inte" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Till översikten" }).getAttribute("href")).toBe("/");
  });
});

describe("an expired session", () => {
  it("leads from a query's 401 to the sign-in page and, after signing in, back to where the person was", async () => {
    const expired = { status: 401, body: { error: { code: "unauthenticated", message: "Du är inte inloggad. Logga in och försök igen." } } };
    let signedIn = true;
    let auditRequests = 0;
    stubApi({
      "/api/auth/me": () => (signedIn ? meRoute(USERS.admin) : expired),
      // The session ends just as the page asks for the audit trail the first time.
      "/api/audit?limit=50": () => {
        auditRequests += 1;
        if (auditRequests > 1) return emptyAudit;
        signedIn = false;
        return expired;
      },
      "POST /api/auth/sign-in": () => {
        signedIn = true;
        return { body: USERS.admin };
      },
    });
    const { queryClient } = renderApp("/handelselogg");

    expect(await screen.findByText("Du har loggats ut. Logga in igen.")).toBeTruthy();
    expect(currentLocation()).toBe("/logga-in?next=%2Fhandelselogg");
    expect(screen.queryByRole("navigation", { name: "Huvudmeny" })).toBeNull();
    expect(queryClient.getQueryData(["auth", "me"])).toBeNull();

    fireEvent.change(screen.getByLabelText("E-postadress"), { target: { value: "anna.admin@goteborg.se" } });
    fireEvent.change(screen.getByLabelText("Lösenord"), { target: { value: "rätt lösenord" } });
    fireEvent.click(screen.getByRole("button", { name: "Logga in" }));

    expect(await screen.findByText("Inga händelser matchar filtren.")).toBeTruthy();
    expect(currentLocation()).toBe("/handelselogg");
  });

  it("leads from a mutation's 401 to the sign-in page as well", async () => {
    stubApi({
      "/api/auth/me": meRoute(USERS.viewer),
      "/api/tokens": { body: [] },
      "POST /api/tokens": unauthenticated,
    });
    renderApp("/api-nycklar");
    fireEvent.change(await screen.findByLabelText("Namn på nyckeln"), { target: { value: "Import" } });
    fireEvent.click(screen.getByRole("button", { name: "Skapa nyckel" }));
    expect(await screen.findByText("Du har loggats ut. Logga in igen.")).toBeTruthy();
    expect(currentLocation()).toBe("/logga-in?next=%2Fapi-nycklar");
  });
});

describe("signing out", () => {
  it("ends the session, forgets what was fetched and goes to the sign-in page", async () => {
    const api = stubApi({
      "/api/auth/me": meRoute(USERS.viewer),
      "/api/tokens": { body: [{ id: 1, userId: 4, name: "Import", createdAt: "2026-01-01T10:00:00Z", lastUsedAt: null, revokedAt: null }] },
      "POST /api/auth/sign-out": { status: 204 },
    });
    const { queryClient } = renderApp("/api-nycklar");
    await screen.findByText("Import");

    fireEvent.click(screen.getByRole("button", { name: "Logga ut" }));

    await screen.findByRole("heading", { name: "Logga in" });
    expect(currentLocation()).toBe("/logga-in");
    expect(screen.queryByText("Du har loggats ut. Logga in igen.")).toBeNull();
    await waitFor(() => expect(screen.queryByRole("region", { name: "Inloggad användare" })).toBeNull());
    expect(api.requests.filter((request) => request.method === "POST").map((request) => request.url)).toEqual(["/api/auth/sign-out"]);
    expect(queryClient.getQueryData(["tokens", "list"])).toBeUndefined();
    expect(queryClient.getQueryData(["auth", "me"])).toBeNull();
  });
});
