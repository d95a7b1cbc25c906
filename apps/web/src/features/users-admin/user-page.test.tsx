import type { CreatedToken, Token, User, UserSession } from "@lofteskollen/contracts";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type FakeRoute, fakeFetch, meRoute, renderApp, USERS } from "../../test/render";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ORGANISATIONS = [
  { id: 1, name: "Polisen", kind: "police", archived: false, commitments: 2, activities: 5 },
  { id: 2, name: "Fältenheten", kind: "municipal", archived: false, commitments: 1, activities: 3 },
  { id: 3, name: "Gamla föreningen", kind: "association", archived: true, commitments: 0, activities: 1 },
  { id: 4, name: "Mötesplatserna", kind: "municipal", archived: false, commitments: 1, activities: 0 },
];

const FRIDA: User = {
  id: 5,
  email: "frida.berg@goteborg.se",
  name: "Frida Berg",
  role: "coordinator",
  organisations: ["Fältenheten", "Gamla föreningen"],
  disabledAt: null,
  createdAt: "2026-01-10T09:00:00.000Z",
};

const PHONE: UserSession = {
  id: "0a1b2c3d4e5f6a7b",
  createdAt: "2026-07-01T06:30:00.000Z",
  lastSeenAt: "2026-07-01T07:45:00.000Z",
  expiresAt: "2026-07-01T18:30:00.000Z",
  address: "10.0.0.7",
  userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  current: false,
};
const LAPTOP: UserSession = {
  ...PHONE,
  id: "ffeeddccbbaa9988",
  createdAt: "2026-07-01T05:00:00.000Z",
  userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  address: null,
};

const KEY: Token = { id: 41, userId: 5, name: "Import från Lifecare", createdAt: "2026-02-01T08:00:00.000Z", lastUsedAt: null, revokedAt: null };

function open(routes: Record<string, FakeRoute> = {}, path = "/anvandare/5") {
  const api = fakeFetch({
    "/api/auth/me": meRoute(USERS.admin),
    "/api/users/5": { body: FRIDA },
    "/api/users/5/sessions": { body: [PHONE, LAPTOP] },
    "/api/users/5/tokens": { body: [KEY] },
    "/api/organisations": { body: ORGANISATIONS },
    ...routes,
  });
  vi.stubGlobal("fetch", api);
  renderApp(path);
  return api;
}

const section = async (heading: string) => within((await screen.findByRole("heading", { level: 2, name: heading })).closest("section") as HTMLElement);
const writes = (api: ReturnType<typeof fakeFetch>) => api.requests.filter((request) => request.method !== "GET");

describe("UserPage", () => {
  it("shows who the user is, and changes role and organisations (an archived one they have stays on offer)", async () => {
    let current = FRIDA;
    const api = open({
      "/api/users/5": () => ({ body: current }),
      "PATCH /api/users/5": (request) => {
        current = { ...FRIDA, ...(request.body as Partial<User>) };
        return { body: current };
      },
    });
    expect(await screen.findByRole("heading", { level: 2, name: "Frida Berg" })).toBeTruthy();
    expect(screen.getByText("frida.berg@goteborg.se")).toBeTruthy();

    const access = await section("Roll och aktörer");
    expect((access.getByLabelText("Fältenheten") as HTMLInputElement).checked).toBe(true);
    expect((await access.findByLabelText("Gamla föreningen (arkiverad)") as HTMLInputElement).checked).toBe(true);
    fireEvent.click(access.getByLabelText("Gamla föreningen (arkiverad)"));
    fireEvent.click(access.getByLabelText("Mötesplatserna"));
    fireEvent.change(access.getByLabelText("Roll"), { target: { value: "manager" } });
    fireEvent.click(access.getByRole("button", { name: "Spara ändringarna" }));

    expect(await access.findByText(/Ändringarna för Frida Berg är sparade/)).toBeTruthy();
    expect(writes(api).map((request) => [request.method, request.url, request.body])).toEqual([
      ["PATCH", "/api/users/5", { name: "Frida Berg", role: "manager", organisations: ["Fältenheten", "Mötesplatserna"] }],
    ]);
  });

  it("shows the API's 409 for the last admin at the role field", async () => {
    open({
      "PATCH /api/users/5": {
        status: 409,
        body: { error: { code: "last_admin", message: "Frida Berg är den enda aktiva administratören.", issues: [{ path: "role", code: "last_admin", message: "Frida Berg är den enda aktiva administratören och kan inte få en annan roll." }] } },
      },
    });
    const access = await section("Roll och aktörer");
    fireEvent.click(access.getByRole("button", { name: "Spara ändringarna" }));
    const role = access.getByLabelText("Roll");
    await waitFor(() => expect(role.getAttribute("aria-invalid")).toBe("true"));
    expect(access.getByText(/den enda aktiva administratören och kan inte få en annan roll/)).toBeTruthy();
  });

  it("lists the sessions by browser, ends one, and signs the user out everywhere", async () => {
    let sessions = [PHONE, LAPTOP];
    const api = open({
      "/api/users/5/sessions": () => ({ body: sessions }),
      [`DELETE /api/users/5/sessions/${PHONE.id}`]: () => {
        sessions = [LAPTOP];
        return { body: { ended: 1 } };
      },
      "DELETE /api/users/5/sessions": () => {
        sessions = [];
        return { body: { ended: 1 } };
      },
    });
    const panel = await section("Inloggningar");
    const phone = (await panel.findByRole("rowheader", { name: "Safari, iPhone" })).closest("tr") as HTMLElement;
    expect(phone.textContent).toContain("2026-07-01 08:30");
    expect(phone.textContent).toContain("10.0.0.7");
    expect(panel.getByRole("rowheader", { name: "Chrome, Windows" }).closest("tr")?.textContent).toContain("Okänd");

    fireEvent.click(within(phone).getByRole("button", { name: "Logga ut Safari, iPhone, inloggad 2026-07-01 08:30" }));
    expect(await panel.findByText("1 inloggning avslutad. Frida Berg måste logga in igen där.")).toBeTruthy();
    await waitFor(() => expect(panel.queryByRole("rowheader", { name: "Safari, iPhone" })).toBeNull());

    fireEvent.click(panel.getByRole("button", { name: "Logga ut överallt" }));
    expect(await panel.findByText("Frida Berg är inte inloggad någonstans just nu.")).toBeTruthy();
    expect(writes(api).map((request) => `${request.method} ${request.url}`)).toEqual([
      `DELETE /api/users/5/sessions/${PHONE.id}`,
      "DELETE /api/users/5/sessions",
    ]);
  });

  it("sets a new password, and shows a refused one at the field", async () => {
    let attempt = 0;
    const api = open({
      "POST /api/users/5/password": () =>
        ++attempt === 1
          ? { status: 422, body: { error: { code: "common_password", message: "För vanligt.", issues: [{ path: "password", code: "common_password", message: "Lösenordet är för vanligt och lätt att gissa." }] } } }
          : { status: 204 },
    });
    const panel = await section("Nytt lösenord");
    const field = panel.getByLabelText("Tillfälligt lösenord");
    fireEvent.change(field, { target: { value: "password1" } });
    fireEvent.click(panel.getByRole("button", { name: "Sätt nytt lösenord" }));
    await waitFor(() => expect(field.getAttribute("aria-invalid")).toBe("true"));
    expect(panel.getByText("Lösenordet är för vanligt och lätt att gissa.")).toBeTruthy();

    fireEvent.change(field, { target: { value: "tre ord i följd" } });
    expect(field.getAttribute("aria-invalid")).toBeNull();
    fireEvent.click(panel.getByRole("button", { name: "Sätt nytt lösenord" }));
    expect(await panel.findByText(/Lösenordet är bytt\. Frida Berg är utloggad överallt/)).toBeTruthy();
    expect((field as HTMLInputElement).value).toBe("");
    expect(writes(api).map((request) => request.body)).toEqual([{ password: "password1" }, { password: "tre ord i följd" }]);
  });

  it("disables only after the admin confirms", async () => {
    let current = FRIDA;
    const api = open({
      "/api/users/5": () => ({ body: current }),
      "POST /api/users/5/disable": () => {
        current = { ...FRIDA, disabledAt: "2026-07-01T08:00:00.000Z" };
        return { body: current };
      },
    });
    const panel = await section("Stäng av användaren");
    fireEvent.click(panel.getByRole("button", { name: "Stäng av Frida Berg" }));
    expect(panel.getByText(/Stänga av Frida Berg\? Hen loggas ut överallt/)).toBeTruthy();
    fireEvent.click(panel.getByRole("button", { name: "Avbryt" }));
    expect(writes(api)).toEqual([]);

    fireEvent.click(panel.getByRole("button", { name: "Stäng av Frida Berg" }));
    fireEvent.click(panel.getByRole("button", { name: "Ja, stäng av" }));
    expect(await screen.findByRole("heading", { level: 2, name: "Aktivera användaren" })).toBeTruthy();
    expect(await screen.findByText("Frida Berg är avstängd.")).toBeTruthy();
    expect(writes(api).map((request) => `${request.method} ${request.url}`)).toEqual(["POST /api/users/5/disable"]);
    expect(screen.getAllByText("Avstängd").length).toBeGreaterThan(0);
  });

  it("creates an API key for the user, shows its secret once, and revokes a key after confirmation", async () => {
    const SECRET = "lk_9x8w7v6u5t4s3r2q1p0oNnMmLlKkJjIiHhGgFfE";
    let tokens: Token[] = [KEY];
    const created: CreatedToken = { ...KEY, id: 42, name: "Skript", token: SECRET };
    const api = open({
      "/api/users/5/tokens": () => ({ body: tokens }),
      "POST /api/users/5/tokens": () => {
        tokens = [KEY, { ...KEY, id: 42, name: "Skript" }];
        return { status: 201, body: created };
      },
      "POST /api/tokens/41/revoke": () => {
        tokens = [{ ...KEY, revokedAt: "2026-07-02T08:00:00.000Z" }, { ...KEY, id: 42, name: "Skript" }];
        return { body: tokens[0] };
      },
    });
    const panel = await section("API-nycklar");
    fireEvent.change(panel.getByLabelText("Namn på nyckeln"), { target: { value: "Skript" } });
    fireEvent.click(panel.getByRole("button", { name: "Skapa nyckel" }));
    expect(await panel.findByLabelText("API-nyckeln för Frida Berg")).toHaveProperty("value", SECRET);
    await panel.findByRole("rowheader", { name: "Skript" });
    fireEvent.click(panel.getByRole("button", { name: "Jag har sparat nyckeln" }));
    await waitFor(() => expect(document.body.innerHTML).not.toContain(SECRET));

    fireEvent.click(panel.getByRole("button", { name: "Återkalla ”Import från Lifecare”" }));
    fireEvent.click(panel.getByRole("button", { name: "Ja, återkalla" }));
    expect(await panel.findByText("Återkallad 2026-07-02 10:00")).toBeTruthy();
    expect(writes(api).map((request) => [`${request.method} ${request.url}`, request.body])).toEqual([
      ["POST /api/users/5/tokens", { name: "Skript" }],
      ["POST /api/tokens/41/revoke", {}],
    ]);
  });

  it("says so for a user that does not exist", async () => {
    open({ "/api/users/77": { status: 404, body: { error: { code: "not_found", message: "Användaren finns inte." } } } }, "/anvandare/77");
    expect(await screen.findByRole("heading", { name: "Användaren finns inte" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Till alla användare" }).getAttribute("href")).toBe("/anvandare");
  });
});
