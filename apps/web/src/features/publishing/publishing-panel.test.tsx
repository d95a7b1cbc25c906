import type { CurrentUser, PromiseDetail, Snapshot } from "@lofteskollen/contracts";
import { todayInStockholm } from "@lofteskollen/domain";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type FakeRoute, fakeFetch, meRoute, renderApp, USERS } from "../../test/render";
import { WORKED_EXAMPLE_AS_OF, workedExamplePromise, workedExampleRoutes } from "../../test/worked-example";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const PATH = `/loften/1?per=${WORKED_EXAMPLE_AS_OF}`;
const draft: PromiseDetail = { ...workedExamplePromise, status: "draft" };

function open(user: CurrentUser, routes: Record<string, FakeRoute> = {}) {
  const api = fakeFetch({ "/api/auth/me": meRoute(user), ...workedExampleRoutes(), ...routes });
  vi.stubGlobal("fetch", api);
  renderApp(PATH);
  return api;
}

const panel = async () => (await screen.findByRole("heading", { level: 3, name: "Publicering" })).closest("section") as HTMLElement;

/** Opens the promise page with the snapshot form, as a manager, for a published promise. */
async function snapshotForm(routes: Record<string, FakeRoute> = {}) {
  const api = open(USERS.manager, routes);
  const form = await screen.findByRole("form", { name: "Frys siffrorna för en medborgardialog" });
  // Folded away until asked for.
  const details = form.closest("details");
  expect(details?.open).toBe(false);
  fireEvent.click(screen.getByText("Frys siffrorna för en medborgardialog", { selector: "summary *" }));
  expect(details?.open).toBe(true);
  return { api, form };
}

describe("PublishingPanel", () => {
  it.each([
    ["a manager", USERS.manager],
    ["an admin", USERS.admin],
  ])("shows %s the status, the public pages and the snapshot form", async (_who, user) => {
    open(user);
    const section = await panel();
    expect(within(section).getByText("Publicerat")).toBeTruthy();
    expect(within(section).getByRole("button", { name: "Avpublicera ”Hisings Backa – räkneexemplet”" })).toBeTruthy();
    const links = within(within(section).getByRole("list", { name: "Publika sidor" }));
    // Server pages, not the app's routes: plain links, each in a new tab that the name announces.
    for (const [name, href] of [
      [/^Visa den publika sidan \(öppnas i en ny flik\)/, "/p/hisings-backa-exempel"],
      [/^Presentationsläge \(öppnas i en ny flik\)/, "/p/hisings-backa-exempel/visa"],
      [/^Utskrift \(öppnas i en ny flik\)/, "/p/hisings-backa-exempel/utskrift"],
    ] as const) {
      const link = links.getByRole("link", { name });
      expect(link.getAttribute("href")).toBe(href);
      expect(link.getAttribute("target")).toBe("_blank");
    }
    expect(within(section).getByRole("form", { name: "Frys siffrorna för en medborgardialog" })).toBeTruthy();
  });

  it.each([
    ["a coordinator", USERS.coordinator],
    ["a viewer", USERS.viewer],
  ])("is not there for %s", async (_who, user) => {
    open(user);
    await screen.findByRole("listitem", { name: "Uppsökande arbete, minst 100 per år" });
    expect(screen.queryByRole("heading", { name: "Publicering" })).toBeNull();
    expect(screen.queryByRole("button", { name: /^(Publicera|Avpublicera)/ })).toBeNull();
    expect(screen.queryByRole("link", { name: /Visa den publika sidan/ })).toBeNull();
  });

  it("publishes a draft only after the manager confirms, and shows the new status", async () => {
    let promise = draft;
    const api = open(USERS.manager, {
      "/api/promises/1": () => ({ body: promise }),
      "POST /api/promises/1/publish": () => {
        promise = { ...draft, status: "published" };
        return { body: promise };
      },
    });
    const section = await panel();
    expect(within(section).getByText("Utkast")).toBeTruthy();
    // A draft has no public pages yet.
    expect(within(section).queryByRole("link")).toBeNull();

    const publish = within(section).getByRole("button", { name: "Publicera ”Hisings Backa – räkneexemplet”" });
    fireEvent.click(publish);
    const question = within(section).getByText(/Alla kan då se siffrorna utan inloggning/);
    expect(document.activeElement).toBe(question);
    fireEvent.click(within(section).getByRole("button", { name: "Avbryt" }));
    expect(api.requests.some((request) => request.method === "POST")).toBe(false);
    expect(document.activeElement).toBe(within(section).getByRole("button", { name: /^Publicera/ }));

    fireEvent.click(within(section).getByRole("button", { name: /^Publicera/ }));
    fireEvent.click(within(section).getByRole("button", { name: "Ja, publicera" }));

    expect(await within(section).findByText("Publicerat")).toBeTruthy();
    expect(within(section).getByRole("status").textContent).toContain("Medborgarlöftet är publicerat.");
    expect(document.activeElement?.textContent).toContain("Publicerat");
    expect(within(section).getByRole("link", { name: /Visa den publika sidan/ })).toBeTruthy();
    expect(within(section).getByRole("button", { name: /^Avpublicera/ })).toBeTruthy();
    expect(api.requests.filter((request) => request.method === "POST").map((request) => request.url)).toEqual(["/api/promises/1/publish"]);
    // The promise is fetched again, with its progress.
    await waitFor(() => expect(api.requests.filter((request) => request.url === "/api/promises/1").length).toBeGreaterThanOrEqual(2));
  });

  it("unpublishes after the confirm and says what was refused when the API says no", async () => {
    open(USERS.manager, {
      "POST /api/promises/1/unpublish": {
        status: 403,
        body: { error: { code: "forbidden", message: "Du har inte behörighet att avpublicera medborgarlöften." } },
      },
    });
    const section = await panel();
    fireEvent.click(within(section).getByRole("button", { name: /^Avpublicera/ }));
    expect(within(section).getByText(/den publika sidan, presentationsläget och utskriften försvinner/)).toBeTruthy();
    fireEvent.click(within(section).getByRole("button", { name: "Ja, avpublicera" }));
    expect((await within(section).findByRole("alert")).textContent).toBe("Du har inte behörighet att avpublicera medborgarlöften.");
    expect(within(section).getByText("Publicerat")).toBeTruthy();
  });
});

describe("SnapshotForm", () => {
  it("asks for a title before sending anything", async () => {
    const { api, form } = await snapshotForm();
    fireEvent.click(within(form).getByRole("button", { name: "Frys siffrorna" }));
    const title = within(form).getByLabelText("Rubrik");
    expect(title.getAttribute("aria-invalid")).toBe("true");
    expect(within(form).getByText("Ge ögonblicksbilden en rubrik, t.ex. ”Medborgardialog Backa 12 mars”.")).toBeTruthy();
    expect(document.activeElement).toBe(title);
    expect(api.requests.some((request) => request.method === "POST")).toBe(false);
  });

  it("starts at today and refuses a date in the future or before the promise began", async () => {
    const { api, form } = await snapshotForm();
    const today = todayInStockholm();
    const date = within(form).getByLabelText("Siffrorna per");
    expect(date).toHaveProperty("value", today);
    expect(date.getAttribute("max")).toBe(today);
    expect(date.getAttribute("min")).toBe("2024-02-27");
    fireEvent.change(within(form).getByLabelText("Rubrik"), { target: { value: "Medborgardialog Backa 12 mars" } });

    fireEvent.change(date, { target: { value: "2999-01-01" } });
    fireEvent.click(within(form).getByRole("button", { name: "Frys siffrorna" }));
    expect(within(form).getByText(`Datumet kan inte vara i framtiden. Välj i dag (${today}) eller tidigare.`)).toBeTruthy();
    expect(date.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(date);

    fireEvent.change(date, { target: { value: "2024-02-26" } });
    expect(within(form).getByText("Datumet kan inte vara före medborgarlöftets start (2024-02-27).")).toBeTruthy();
    expect(api.requests.some((request) => request.method === "POST")).toBe(false);
  });

  it("creates the snapshot and shows its link to open and copy", async () => {
    const snapshot: Snapshot = {
      slug: "backa-12-mars-k3x9",
      title: "Medborgardialog Backa 12 mars",
      asOf: "2024-07-01",
      createdAt: "2026-03-12T17:00:00.000Z",
      promiseSlug: "hisings-backa-exempel",
      url: "/s/backa-12-mars-k3x9",
    };
    const { api, form } = await snapshotForm({ "POST /api/promises/1/snapshots": { status: 201, body: snapshot } });
    const writeText = vi.fn(async () => {});
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    fireEvent.change(within(form).getByLabelText("Rubrik"), { target: { value: "  Medborgardialog Backa 12 mars " } });
    fireEvent.change(within(form).getByLabelText("Siffrorna per"), { target: { value: "2024-07-01" } });
    fireEvent.click(within(form).getByRole("button", { name: "Frys siffrorna" }));

    const heading = await screen.findByRole("heading", { name: "Ögonblicksbilden ”Medborgardialog Backa 12 mars” är skapad" });
    expect(document.activeElement).toBe(heading);
    expect(api.requests.find((request) => request.method === "POST")?.body).toEqual({
      title: "Medborgardialog Backa 12 mars",
      asOf: "2024-07-01",
    });
    const address = `${window.location.origin}/s/backa-12-mars-k3x9`;
    expect(screen.getByLabelText("Länk till ögonblicksbilden")).toHaveProperty("value", address);
    expect(screen.getByRole("link", { name: /Öppna ögonblicksbilden/ }).getAttribute("href")).toBe("/s/backa-12-mars-k3x9");
    fireEvent.click(screen.getByRole("button", { name: "Kopiera länken" }));
    expect(await screen.findByText("Länken är kopierad.")).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(address);
    expect(within(form).getByLabelText("Rubrik")).toHaveProperty("value", "");
  });

  it("shows what the API refused at the field it names", async () => {
    const { form } = await snapshotForm({
      "POST /api/promises/1/snapshots": {
        status: 400,
        body: {
          error: {
            code: "validation_error",
            message: "Uppgifterna kunde inte sparas.",
            issues: [{ path: "asOf", code: "too_big", message: "Det finns inga siffror för ett datum efter i dag." }],
          },
        },
      },
    });
    fireEvent.change(within(form).getByLabelText("Rubrik"), { target: { value: "Backa" } });
    fireEvent.click(within(form).getByRole("button", { name: "Frys siffrorna" }));
    const message = await within(form).findByText("Det finns inga siffror för ett datum efter i dag.");
    const date = within(form).getByLabelText("Siffrorna per");
    expect(date.getAttribute("aria-invalid")).toBe("true");
    expect(date.getAttribute("aria-describedby")).toContain(message.id);
    expect(within(form).queryByRole("alert")).toBeNull();
  });
});
