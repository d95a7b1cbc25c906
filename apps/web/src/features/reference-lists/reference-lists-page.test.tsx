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
const type = (code: string, label: string, more: Partial<{ archived: boolean; builtIn: boolean; commitments: number; activities: number }> = {}) => ({
  code,
  label,
  archived: false,
  archivedAt: more.archived ? "2024-05-01T10:00:00.000Z" : null,
  builtIn: true,
  commitments: 0,
  activities: 0,
  ...more,
});
const ACTIVITY_TYPES = [
  type("sspf_meeting", "SSPF-möte", { commitments: 1, activities: 2 }),
  type("hotspot_patrol", "Hot spot/bevakning", { archived: true }),
  type("uppsokande", "Uppsökande", { builtIn: false, commitments: 1, activities: 4 }),
  type("outreach", "Uppsökande arbete", { commitments: 3, activities: 12 }),
];

function open(user: CurrentUser, routes: Record<string, FakeRoute> = {}) {
  const api = fakeFetch({
    "/api/auth/me": meRoute(user),
    "/api/organisations": { body: ORGANISATIONS },
    "/api/areas": { body: AREAS },
    "/api/activity-types": { body: ACTIVITY_TYPES },
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
const typesSection = async () => within((await screen.findByRole("heading", { name: "Aktivitetstyper" })).closest("section") as HTMLElement);
const typeRow = async (label: string) => within(await (await typesSection()).findByRole("listitem", { name: label }));

describe("ReferenceListsPage", () => {
  it.each([
    ["a coordinator", USERS.coordinator],
    ["a viewer", USERS.viewer],
  ])("is hidden from %s: not in the menu, and the address says no", async (_who, user) => {
    open(user);
    expect(await screen.findByRole("heading", { name: "Ingen behörighet" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Aktörer, områden och typer" })).toBeNull();
  });

  it("lists organisations and areas with their counts, for a manager, linked in the menu", async () => {
    open(USERS.manager);
    expect(await screen.findByRole("link", { name: "Aktörer, områden och typer" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "Aktörer, områden och aktivitetstyper" })).toBeTruthy();
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

  it("lists the activity types with their counts and codes, archived ones marked", async () => {
    open(USERS.manager);
    const outreach = await typeRow("Uppsökande arbete");
    expect(outreach.getByText("3 åtaganden, 12 aktiviteter · kod outreach")).toBeTruthy();
    const hotspot = await typeRow("Hot spot/bevakning");
    expect(hotspot.getByText("arkiverad")).toBeTruthy();
    expect(hotspot.getByRole("button", { name: "Återställ Hot spot/bevakning" })).toBeTruthy();
  });

  it("adds an activity type by its name; the API's 409 shows at the field", async () => {
    const api = open(USERS.admin, {
      "POST /api/activity-types": {
        status: 409,
        body: {
          error: {
            code: "label_taken",
            message: "Finns redan.",
            issues: [{ path: "label", code: "label_taken", message: 'Det finns redan en aktivitetstyp som heter "SSPF-möte" (kod sspf_meeting). Slå ihop dem i stället?' }],
          },
        },
      },
    });
    const form = within(await screen.findByRole("form", { name: "Lägg till aktivitetstyp" }));
    const name = form.getByLabelText("Ny aktivitetstyp");
    fireEvent.change(name, { target: { value: "sspf-möte" } });
    fireEvent.click(form.getByRole("button", { name: "Lägg till aktivitetstyp" }));
    await waitFor(() => expect(name.getAttribute("aria-invalid")).toBe("true"));
    expect(form.getByText(/kod sspf_meeting\)\. Slå ihop dem i stället\?/)).toBeTruthy();
    expect(api.requests.find((r) => r.method === "POST")).toMatchObject({ url: "/api/activity-types", body: { label: "sspf-möte" } });
  });

  it("renames an activity type's label by its code, and archives one", async () => {
    const api = open(USERS.admin, {
      "PATCH /api/activity-types/uppsokande": { body: type("uppsokande", "Uppsökande på kvällen", { builtIn: false }) },
      "PATCH /api/activity-types/outreach": { body: type("outreach", "Uppsökande arbete", { archived: true }) },
    });
    const duplicate = await typeRow("Uppsökande");
    fireEvent.click(duplicate.getByRole("button", { name: "Byt namn på Uppsökande" }));
    fireEvent.change(duplicate.getByLabelText("Nytt namn"), { target: { value: "Uppsökande på kvällen" } });
    fireEvent.click(duplicate.getByRole("button", { name: "Spara namnet" }));
    await waitFor(() => expect(api.requests.find((r) => r.url === "/api/activity-types/uppsokande")?.body).toEqual({ label: "Uppsökande på kvällen" }));
    fireEvent.click((await typeRow("Uppsökande arbete")).getByRole("button", { name: "Arkivera Uppsökande arbete" }));
    await waitFor(() => expect(api.requests.find((r) => r.url === "/api/activity-types/outreach")?.body).toEqual({ archived: true }));
  });

  it("merges a duplicate activity type into an active one only, after saying what moves", async () => {
    const api = open(USERS.admin, { "POST /api/activity-types/uppsokande/merge": { body: type("outreach", "Uppsökande arbete", { commitments: 4, activities: 16 }) } });
    const duplicate = await typeRow("Uppsökande");
    fireEvent.click(duplicate.getByRole("button", { name: "Slå ihop Uppsökande med …" }));
    const into = duplicate.getByLabelText("Flytta allt från Uppsökande till");
    // The archived type is not offered: nothing may be merged into it.
    expect(within(into).queryByRole("option", { name: /Hot spot/ })).toBeNull();
    expect(within(into).getAllByRole("option").map((o) => o.textContent)).toEqual(["Välj …", "SSPF-möte", "Uppsökande arbete"]);
    fireEvent.change(into, { target: { value: "outreach" } });
    fireEvent.click(duplicate.getByRole("button", { name: "Fortsätt" }));
    expect(duplicate.getByText("1 åtagande, 4 aktiviteter flyttas från Uppsökande till Uppsökande arbete, och Uppsökande tas bort. Det syns i händelseloggen.")).toBeTruthy();
    expect(api.requests.some((r) => r.method === "POST")).toBe(false);
    fireEvent.click(duplicate.getByRole("button", { name: "Slå ihop med Uppsökande arbete" }));
    await waitFor(() => expect(api.requests.find((r) => r.method === "POST")).toMatchObject({ url: "/api/activity-types/uppsokande/merge", body: { into: "outreach" } }));
  });

  it("says a standard type is archived, not removed, when merged", async () => {
    open(USERS.admin);
    const sspf = await typeRow("SSPF-möte");
    fireEvent.click(sspf.getByRole("button", { name: "Slå ihop SSPF-möte med …" }));
    fireEvent.change(sspf.getByLabelText("Flytta allt från SSPF-möte till"), { target: { value: "uppsokande" } });
    fireEvent.click(sspf.getByRole("button", { name: "Fortsätt" }));
    expect(sspf.getByText(/SSPF-möte är en av standardtyperna och arkiveras i stället för att tas bort\./)).toBeTruthy();
  });
});
