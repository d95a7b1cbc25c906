import type { CurrentUser, User } from "@lofteskollen/contracts";
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
];

const user = (id: number, overrides: Partial<User> = {}): User => ({
  id,
  email: `person${id}@goteborg.se`,
  name: `Person ${id}`,
  role: "viewer",
  organisations: [],
  disabledAt: null,
  createdAt: "2026-01-10T09:00:00.000Z",
  ...overrides,
});

const LIST: User[] = [
  user(1, { name: "Anna Admin", email: "anna.admin@goteborg.se", role: "admin" }),
  user(3, { name: "Sara Samordnare", email: "sara.samordnare@goteborg.se", role: "coordinator", organisations: ["Fältenheten", "Polisen"] }),
  user(9, { name: "Olle Slutat", email: "olle@goteborg.se", disabledAt: "2026-03-01T10:00:00.000Z" }),
];

function open(me: CurrentUser, routes: Record<string, FakeRoute> = {}) {
  const api = fakeFetch({
    "/api/auth/me": meRoute(me),
    "/api/users": { body: LIST },
    "/api/organisations": { body: ORGANISATIONS },
    ...routes,
  });
  vi.stubGlobal("fetch", api);
  renderApp("/anvandare");
  return api;
}

const rowOf = async (name: string) => {
  const header = await screen.findByRole("rowheader", { name });
  const row = header.closest("tr");
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};

describe("UsersPage", () => {
  it.each([
    ["a manager", USERS.manager],
    ["a coordinator", USERS.coordinator],
  ])("is hidden from %s: not in the menu, and the address says no", async (_who, me) => {
    const api = open(me);
    expect(await screen.findByRole("heading", { name: "Ingen behörighet" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Användare" })).toBeNull();
    expect(api.requests.some((request) => request.url === "/api/users")).toBe(false);
  });

  it("lists every user with email, role, organisations and status in words, linked in the admin's menu", async () => {
    open(USERS.admin);
    expect(await screen.findByRole("link", { name: "Användare" })).toBeTruthy();
    const sara = await rowOf("Sara Samordnare");
    expect(sara.textContent).toContain("sara.samordnare@goteborg.se");
    expect(sara.textContent).toContain("Samordnare");
    expect(sara.textContent).toContain("Fältenheten, Polisen");
    expect(sara.textContent).toContain("Aktiv");
    expect((await rowOf("Olle Slutat")).textContent).toContain("Avstängd");
    expect((await rowOf("Anna Admin")).textContent).toContain("Administratör");
    expect(within(sara).getByRole("link", { name: "Sara Samordnare" }).getAttribute("href")).toBe("/anvandare/3");
  });

  it("adds a coordinator with the organisations ticked (archived ones not offered) and a temporary password", async () => {
    let users = LIST;
    const created = user(12, { name: "Frida Berg", email: "frida.berg@goteborg.se", role: "coordinator", organisations: ["Fältenheten"] });
    const api = open(USERS.admin, {
      "/api/users": () => ({ body: users }),
      "POST /api/users": () => {
        users = [...LIST, created];
        return { status: 201, body: created };
      },
    });
    const form = within(await screen.findByRole("form", { name: "Lägg till användare" }));
    fireEvent.change(form.getByLabelText("Namn"), { target: { value: " Frida Berg " } });
    fireEvent.change(form.getByLabelText("E-postadress"), { target: { value: "frida.berg@goteborg.se" } });
    expect((form.getByLabelText("Roll") as HTMLSelectElement).value).toBe("coordinator");
    fireEvent.click(await form.findByLabelText("Fältenheten"));
    expect(form.queryByLabelText(/Gamla föreningen/)).toBeNull();
    fireEvent.change(form.getByLabelText("Tillfälligt lösenord"), { target: { value: "sommar vid havet" } });
    fireEvent.click(form.getByRole("button", { name: "Lägg till användaren" }));

    expect(await screen.findByText(/Frida Berg är tillagd och kan logga in\./)).toBeTruthy();
    expect(api.requests.find((request) => request.method === "POST")?.body).toEqual({
      name: "Frida Berg",
      email: "frida.berg@goteborg.se",
      role: "coordinator",
      organisations: ["Fältenheten"],
      password: "sommar vid havet",
    });
    expect(screen.getByRole("link", { name: "Öppna Frida Berg" }).getAttribute("href")).toBe("/anvandare/12");
    expect(await rowOf("Frida Berg")).toBeTruthy();
    expect((form.getByLabelText("Namn") as HTMLInputElement).value).toBe("");
  });

  it("shows what the API refused at each field and keeps what was typed", async () => {
    open(USERS.admin, {
      "POST /api/users": {
        status: 422,
        body: {
          error: {
            code: "organisation_required",
            message: "Uppgifterna bryter mot reglerna, se varje fält.",
            issues: [
              { path: "organisations", code: "organisation_required", message: "En samordnare måste höra till minst en aktör." },
              { path: "password", code: "common_password", message: "Lösenordet är för vanligt och lätt att gissa." },
            ],
          },
        },
      },
    });
    const form = within(await screen.findByRole("form", { name: "Lägg till användare" }));
    fireEvent.change(form.getByLabelText("Namn"), { target: { value: "Frida Berg" } });
    fireEvent.change(form.getByLabelText("Tillfälligt lösenord"), { target: { value: "password1" } });
    fireEvent.click(form.getByRole("button", { name: "Lägg till användaren" }));

    const password = form.getByLabelText("Tillfälligt lösenord");
    await waitFor(() => expect(password.getAttribute("aria-invalid")).toBe("true"));
    expect(password.getAttribute("aria-describedby")).toContain(form.getByText("Lösenordet är för vanligt och lätt att gissa.").id);
    const organisations = form.getByRole("group", { name: "Aktörer" });
    expect(organisations.getAttribute("aria-describedby")).toContain(form.getByText("En samordnare måste höra till minst en aktör.").id);
    expect((form.getByLabelText("Namn") as HTMLInputElement).value).toBe("Frida Berg");
    expect(form.queryByRole("alert")).toBeNull();
  });
});
