import type { CurrentUser } from "@lofteskollen/contracts";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type FakeRoute, fakeFetch, meRoute, renderApp, USERS } from "../../test/render";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ORGANISATIONS = [
  { id: 1, name: "Polisen", kind: "police", archived: false, commitments: 2, activities: 5 },
  { id: 2, name: "Polisområde Syd", kind: "other", archived: false, commitments: 1, activities: 3 },
  { id: 3, name: "Gamla föreningen", kind: "association", archived: true, commitments: 0, activities: 1 },
];
const AREAS = [{ id: 7, name: "Testområdet", parentId: null, archived: false, promises: 1 }];

function open(user: CurrentUser, routes: Record<string, FakeRoute> = {}) {
  const api = fakeFetch({
    "/api/auth/me": meRoute(user),
    "/api/organisations": { body: ORGANISATIONS },
    "/api/areas": { body: AREAS },
    ...routes,
  });
  vi.stubGlobal("fetch", api);
  renderApp("/aktorer-och-omraden");
  return api;
}

const organisationsSection = async () => within((await screen.findByRole("heading", { name: "Aktörer" })).closest("section") as HTMLElement);
const row = async (name: string) => {
  const section = await organisationsSection();
  return within(await section.findByRole("listitem", { name }));
};

describe("ReferenceListsPage", () => {
  it.each([
    ["a coordinator", USERS.coordinator],
    ["a viewer", USERS.viewer],
  ])("is hidden from %s: not in the menu, and the address says no", async (_who, user) => {
    open(user);
    expect(await screen.findByRole("heading", { name: "Ingen behörighet" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Aktörer och områden" })).toBeNull();
  });

  it("lists organisations and areas with their counts, for a manager, linked in the menu", async () => {
    open(USERS.manager);
    expect(await screen.findByRole("link", { name: "Aktörer och områden" })).toBeTruthy();
    const polisen = await row("Polisen");
    expect(polisen.getByText("2 åtaganden, 5 aktiviteter")).toBeTruthy();
    const old = await row("Gamla föreningen");
    expect(old.getByText("arkiverad")).toBeTruthy();
    expect(old.getByText("0 åtaganden, 1 aktivitet")).toBeTruthy();
    expect(old.getByRole("button", { name: "Återställ Gamla föreningen" })).toBeTruthy();
    const areas = within((await screen.findByRole("heading", { name: "Områden" })).closest("section") as HTMLElement);
    expect(areas.getByText("1 löfte")).toBeTruthy();
  });

  it("renames inline, and shows the API's 409 at the name field", async () => {
    const api = open(USERS.manager, {
      "PATCH /api/organisations/2": {
        status: 409,
        body: { error: { code: "name_taken", message: "Finns redan.", issues: [{ path: "name", code: "name_taken", message: 'Det finns redan en aktör som heter "Polisen" (id 1). Slå ihop dem i stället?' }] } },
      },
    });
    const syd = await row("Polisområde Syd");
    fireEvent.click(syd.getByRole("button", { name: "Byt namn på Polisområde Syd" }));
    const name = syd.getByLabelText("Nytt namn");
    fireEvent.change(name, { target: { value: "Polisen" } });
    fireEvent.click(syd.getByRole("button", { name: "Spara namnet" }));
    await waitFor(() => expect(name.getAttribute("aria-invalid")).toBe("true"));
    expect(syd.getByText(/Slå ihop dem i stället\?/)).toBeTruthy();
    expect(api.requests.find((r) => r.method === "PATCH")?.body).toEqual({ name: "Polisen" });
  });

  it("archives with one click", async () => {
    const api = open(USERS.admin, { "PATCH /api/organisations/1": { body: { ...ORGANISATIONS[0], archived: true } } });
    fireEvent.click((await row("Polisen")).getByRole("button", { name: "Arkivera Polisen" }));
    await waitFor(() => expect(api.requests.find((r) => r.method === "PATCH")?.body).toEqual({ archived: true }));
  });

  it("merges after a confirm step that says what moves", async () => {
    const api = open(USERS.admin, { "POST /api/organisations/2/merge": { body: { ...ORGANISATIONS[0], commitments: 3, activities: 8 } } });
    const syd = await row("Polisområde Syd");
    fireEvent.click(syd.getByRole("button", { name: "Slå ihop Polisområde Syd med …" }));
    fireEvent.change(syd.getByLabelText("Flytta allt från Polisområde Syd till"), { target: { value: "1" } });
    fireEvent.click(syd.getByRole("button", { name: "Fortsätt" }));
    expect(syd.getByText("1 åtagande, 3 aktiviteter flyttas från Polisområde Syd till Polisen, och Polisområde Syd tas bort. Det syns i händelseloggen.")).toBeTruthy();
    expect(api.requests.some((r) => r.method === "POST")).toBe(false);
    fireEvent.click(syd.getByRole("button", { name: "Slå ihop med Polisen" }));
    await waitFor(() => expect(api.requests.find((r) => r.method === "POST")?.body).toEqual({ into: 1 }));
  });

  it("adds an organisation, checking the name at the field first", async () => {
    const api = open(USERS.admin, { "POST /api/organisations": { status: 201, body: { id: 9, name: "Bostadsbolaget", kind: "other", archived: false, commitments: 0, activities: 0 } } });
    const form = within(await screen.findByRole("form", { name: "Lägg till aktör" }));
    fireEvent.click(form.getByRole("button", { name: "Lägg till aktör" }));
    expect(form.getByText("Ange ett namn.")).toBeTruthy();
    fireEvent.change(form.getByLabelText("Ny aktör"), { target: { value: "Bostadsbolaget" } });
    fireEvent.click(form.getByRole("button", { name: "Lägg till aktör" }));
    await waitFor(() => expect(api.requests.find((r) => r.method === "POST")?.body).toEqual({ name: "Bostadsbolaget" }));
  });
});
