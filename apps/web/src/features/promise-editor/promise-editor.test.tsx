import type { Commitment, CurrentUser, PromiseDetail } from "@lofteskollen/contracts";
import { todayInStockholm } from "@lofteskollen/domain";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { currentLocation, type FakeRoute, fakeFetch, meRoute, renderApp, USERS } from "../../test/render";
import { workedExamplePromise, workedExampleRoutes } from "../../test/worked-example";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const activityTypes: FakeRoute = {
  body: [
    { code: "outreach", label: "Uppsökande arbete" },
    { code: "safety_walk", label: "Trygghetsvandring" },
  ],
};

function open(path: string, routes: Record<string, FakeRoute> = {}, user: CurrentUser = USERS.manager) {
  const api = fakeFetch({ "/api/auth/me": meRoute(user), "/api/activity-types": activityTypes, ...workedExampleRoutes(), ...routes });
  vi.stubGlobal("fetch", api);
  renderApp(path);
  return api;
}

const writes = (api: ReturnType<typeof fakeFetch>) =>
  api.requests.filter((request) => request.method !== "GET").map(({ method, url, body }) => ({ method, url, body }));

const TARGET = /^Mål( \(krävs\))?$/;
const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

const promiseFields = async () => within(await screen.findByRole("group", { name: "Medborgarlöftet" }));
const commitment = (number: number) => within(screen.getByRole("group", { name: new RegExp(`^Åtagande ${number}`) }));

/** Fills commitment `number` of the new-promise form. */
async function fillCommitment(number: number, values: { title: string; activityType: string; target: string | null; cadence: string; organisations: string }) {
  const fields = commitment(number);
  type(fields.getByLabelText(/^Rubrik/), values.title);
  // The activity types arrive from the API.
  await waitFor(() => expect(fields.getByRole("option", { name: "Trygghetsvandring" })).toBeTruthy());
  type(fields.getByLabelText(/^Aktivitetstyp/), values.activityType);
  if (values.target === null) fireEvent.click(fields.getByLabelText("Inget siffermål (antalet följs ändå)"));
  else type(fields.getByLabelText(TARGET), values.target);
  type(fields.getByLabelText("Målet gäller per"), values.cadence);
  type(fields.getByLabelText("Ansvariga aktörer (krävs)"), values.organisations);
}

describe("NewPromisePage", () => {
  it("says at the field, in Swedish, that the end is before the start and the target is no whole number, and sends nothing", async () => {
    const api = open("/loften/nytt");
    const fields = await promiseFields();
    type(fields.getByLabelText(/^Titel/), "Medborgarlöfte Backa 2026");
    type(fields.getByLabelText(/^Område/), "Hisings Backa");
    type(fields.getByLabelText(/^Startdatum/), "2026-01-01");
    type(fields.getByLabelText(/^Slutdatum/), "2025-12-31");
    await fillCommitment(1, { title: "Trygghetsvandringar", activityType: "safety_walk", target: "1.5", cadence: "year", organisations: "Polisen" });
    fireEvent.click(screen.getByRole("button", { name: "Skapa medborgarlöftet" }));

    const end = fields.getByLabelText(/^Slutdatum/);
    expect(end.getAttribute("aria-invalid")).toBe("true");
    const endError = fields.getByText("Slutdatumet ligger före startdatumet.");
    expect(end.getAttribute("aria-describedby")).toContain(endError.id);
    // Focus on the first field to fix.
    expect(document.activeElement).toBe(end);

    const target = commitment(1).getByLabelText(TARGET);
    const targetError = commitment(1).getByText(/^Målet måste vara ett positivt heltal/);
    expect(target.getAttribute("aria-invalid")).toBe("true");
    expect(target.getAttribute("aria-describedby")).toContain(targetError.id);
    expect(writes(api)).toEqual([]);

    // Zero and negative numbers are refused too.
    type(target, "0");
    expect(commitment(1).getByText(/^Målet måste vara ett positivt heltal/)).toBeTruthy();
    type(target, "-3");
    expect(commitment(1).getByText(/^Målet måste vara ett positivt heltal/)).toBeTruthy();
    type(target, "12");
    expect(commitment(1).queryByText(/^Målet måste vara ett positivt heltal/)).toBeNull();
  });

  it("creates the promise with its commitments in the order chosen, and goes to it", async () => {
    const created: PromiseDetail = { ...workedExamplePromise, id: 5, status: "draft" };
    const api = open("/loften/nytt", { "POST /api/promises": { status: 201, body: created }, "/api/promises/5": { body: created } });
    const fields = await promiseFields();
    type(fields.getByLabelText(/^Titel/), "  Medborgarlöfte Backa 2026 ");
    type(fields.getByLabelText(/^Område/), "Hisings Backa");
    type(fields.getByLabelText(/^Startdatum/), "2026-01-01");
    type(fields.getByLabelText(/^Slutdatum/), "2026-12-31");
    type(fields.getByLabelText(/^Fokusområden/), "Skola, Fritid,, Skola");
    expect(within(fields.getByRole("list", { name: "Fokusområden som sparas" })).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Skola",
      "Fritid",
    ]);
    await fillCommitment(1, { title: "Uppsökande arbete", activityType: "outreach", target: "200", cadence: "term", organisations: "Fältenheten, Polisen" });
    fireEvent.click(screen.getByRole("button", { name: "Lägg till åtagande" }));
    await fillCommitment(2, { title: "Trygghetsvandringar", activityType: "safety_walk", target: null, cadence: "period", organisations: "Polisen" });
    fireEvent.click(screen.getByRole("button", { name: "Flytta upp åtagande 2" }));
    fireEvent.click(screen.getByRole("button", { name: "Skapa medborgarlöftet" }));

    await waitFor(() => expect(currentLocation()).toBe("/loften/5"));
    expect(writes(api)).toEqual([
      {
        method: "POST",
        url: "/api/promises",
        body: {
          title: "Medborgarlöfte Backa 2026",
          area: "Hisings Backa",
          startDate: "2026-01-01",
          endDate: "2026-12-31",
          status: "draft",
          summary: null,
          contact: null,
          themes: ["Skola", "Fritid"],
          commitments: [
            {
              title: "Trygghetsvandringar",
              description: null,
              theme: null,
              activityType: "safety_walk",
              unit: "tillfällen",
              target: null,
              cadence: "period",
              organisations: ["Polisen"],
            },
            {
              title: "Uppsökande arbete",
              description: null,
              theme: null,
              activityType: "outreach",
              unit: "tillfällen",
              target: 200,
              cadence: "term",
              organisations: ["Fältenheten", "Polisen"],
            },
          ],
        },
      },
    ]);
  });

  it("shows what the API refused at the field it names, and focuses it", async () => {
    open("/loften/nytt", {
      "POST /api/promises": {
        status: 400,
        body: {
          error: {
            code: "validation_error",
            message: "Kontrollera fälten som är markerade.",
            issues: [{ path: "commitments.0.organisations.0", code: "too_big", message: "Aktörens namn får vara högst 200 tecken." }],
          },
        },
      },
    });
    const fields = await promiseFields();
    type(fields.getByLabelText(/^Titel/), "Backa");
    type(fields.getByLabelText(/^Område/), "Hisings Backa");
    type(fields.getByLabelText(/^Startdatum/), "2026-01-01");
    type(fields.getByLabelText(/^Slutdatum/), "2026-12-31");
    await fillCommitment(1, { title: "Pass", activityType: "outreach", target: "5", cadence: "year", organisations: "Polisen" });
    fireEvent.click(screen.getByRole("button", { name: "Skapa medborgarlöftet" }));
    // An issue deeper than a field (one name of the list) shows at the field it belongs to.
    expect(await screen.findByText("Aktörens namn får vara högst 200 tecken.")).toBeTruthy();
    expect(document.activeElement).toBe(commitment(1).getByLabelText("Ansvariga aktörer (krävs)"));
  });

  it("is not open to a coordinator", async () => {
    open("/loften/nytt", {}, USERS.coordinator);
    expect(await screen.findByRole("heading", { name: "Ingen behörighet" })).toBeTruthy();
  });
});

describe("EditPromisePage", () => {
  it("sends only the changed fields: the promise's, then each changed commitment's", async () => {
    const api = open("/loften/1/redigera", {
      "PATCH /api/promises/1": { body: workedExamplePromise },
      "PATCH /api/commitments/11": { body: workedExamplePromise.commitments[0] },
    });
    const fields = await promiseFields();
    expect(fields.getByLabelText(/^Titel/)).toHaveProperty("value", "Hisings Backa – räkneexemplet");
    type(fields.getByLabelText(/^Titel/), "Hisings Backa 2024–2025");
    type(fields.getByLabelText("Kontakt", { exact: false }), "Trygghetssamordnaren, 031-123 45 67");
    type(commitment(1).getByLabelText("Ansvariga aktörer (krävs)"), "Fältenheten,  Polisen");
    type(commitment(1).getByLabelText(/^Beskrivning/), "Fältassistenterna möter unga där de är, kvällstid.");
    fireEvent.click(screen.getByRole("button", { name: "Spara ändringarna" }));

    await waitFor(() => expect(currentLocation()).toBe("/loften/1"));
    expect(writes(api)).toEqual([
      {
        method: "PATCH",
        url: "/api/promises/1",
        body: { title: "Hisings Backa 2024–2025", contact: "Trygghetssamordnaren, 031-123 45 67" },
      },
      { method: "PATCH", url: "/api/commitments/11", body: { description: "Fältassistenterna möter unga där de är, kvällstid." } },
    ]);
  });

  it("asks before a new target recomputes the progress, in the API's words, and sends it again confirmed", async () => {
    const message = "Åtagandet har 30 registrerade aktiviteter. Ett nytt mål räknar om läget för hela perioden.";
    const api = open("/loften/1/redigera", {
      "PATCH /api/commitments/11": ({ body }) =>
        (body as { confirm?: boolean }).confirm
          ? { body: { ...workedExamplePromise.commitments[0], target: 120 } }
          : { status: 409, body: { error: { code: "confirmation_required", message } } },
    });
    await promiseFields();
    type(commitment(1).getByLabelText(TARGET), "120");
    fireEvent.click(screen.getByRole("button", { name: "Spara ändringarna" }));

    const dialog = await screen.findByRole("alertdialog", { name: "Räkna om åtagandets läge?" });
    expect(within(dialog).getByText(message)).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole("heading"));
    expect(currentLocation()).toBe("/loften/1/redigera");
    fireEvent.click(within(dialog).getByRole("button", { name: "Ja, ändra och räkna om" }));

    await waitFor(() => expect(currentLocation()).toBe("/loften/1"));
    expect(writes(api)).toEqual([
      { method: "PATCH", url: "/api/commitments/11", body: { target: 120 } },
      { method: "PATCH", url: "/api/commitments/11", body: { target: 120, confirm: true } },
    ]);
  });

  it("changes nothing more when the person says no to the recompute", async () => {
    const api = open("/loften/1/redigera", {
      "PATCH /api/commitments/11": { status: 409, body: { error: { code: "confirmation_required", message: "Räkna om?" } } },
    });
    await promiseFields();
    type(commitment(1).getByLabelText("Målet gäller per"), "month");
    fireEvent.click(screen.getByRole("button", { name: "Spara ändringarna" }));
    fireEvent.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Nej, ändra inte" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(screen.getByRole("status").textContent).toContain("sparades inte");
    expect(writes(api)).toEqual([{ method: "PATCH", url: "/api/commitments/11", body: { cadence: "month" } }]);
  });

  it("shows the API's refusal of the period at the end date", async () => {
    open("/loften/1/redigera", {
      "PATCH /api/promises/1": {
        status: 400,
        body: {
          error: {
            code: "validation_error",
            message: "Kontrollera fälten.",
            issues: [{ path: "endDate", code: "custom", message: "Det finns aktiviteter efter det nya slutdatumet." }],
          },
        },
      },
    });
    const fields = await promiseFields();
    type(fields.getByLabelText(/^Slutdatum/), "2024-06-30");
    fireEvent.click(screen.getByRole("button", { name: "Spara ändringarna" }));
    const error = await fields.findByText("Det finns aktiviteter efter det nya slutdatumet.");
    const end = fields.getByLabelText(/^Slutdatum/);
    expect(end.getAttribute("aria-describedby")).toContain(error.id);
    expect(document.activeElement).toBe(end);
  });
});

/** The worked example with a second commitment nothing was recorded against. */
const twoCommitments: PromiseDetail = {
  ...workedExamplePromise,
  commitments: [
    ...workedExamplePromise.commitments,
    {
      id: 12,
      promiseId: 1,
      title: "Trygghetsvandringar",
      description: null,
      theme: null,
      activityType: "safety_walk",
      unit: "vandringar",
      target: null,
      cadence: "period",
      organisations: ["Polisen"],
    },
  ],
};

/** Commitment 11 has 30 activities today; 12 none. */
const progressToday = (): Record<string, FakeRoute> => ({
  [`/api/promises/1/progress?asOf=${todayInStockholm()}`]: {
    body: {
      promiseId: 1,
      asOf: todayInStockholm(),
      commitments: [
        { commitmentId: 11, title: "", unit: "tillfällen", target: 100, cadence: "year", status: "on_track", current: null, total: { target: 200, actual: 30 }, windows: [] },
        { commitmentId: 12, title: "", unit: "vandringar", target: null, cadence: "period", status: "no_target", current: null, total: { target: null, actual: 0 }, windows: [] },
      ],
    },
  },
});

const NEW_ONE = { title: "Föräldravandringar", activityType: "outreach", target: "10", cadence: "year", organisations: "Föräldranätverket" };

describe("EditPromisePage: adding, moving and removing commitments", () => {
  it("adds a new commitment, removes one without activities and sends the new order, in that order", async () => {
    const api = open("/loften/1/redigera", {
      "/api/promises/1": { body: twoCommitments },
      ...progressToday(),
      "POST /api/promises/1/commitments": { status: 201, body: { ...twoCommitments.commitments[1], id: 13, title: NEW_ONE.title } },
      "DELETE /api/commitments/12": { status: 204 },
      "PUT /api/promises/1/commitment-order": { body: twoCommitments },
    });
    await promiseFields();
    fireEvent.click(screen.getByRole("button", { name: "Lägg till åtagande" }));
    await fillCommitment(3, NEW_ONE);
    fireEvent.click(screen.getByRole("button", { name: "Ta bort åtagande 2" }));
    // The new one is now number 2: move it first.
    fireEvent.click(screen.getByRole("button", { name: "Flytta upp åtagande 2" }));
    expect(screen.getByRole("group", { name: /^Åtagande 1/ }).textContent).toContain("Föräldravandringar");
    fireEvent.click(screen.getByRole("button", { name: "Spara ändringarna" }));

    await waitFor(() => expect(currentLocation()).toBe("/loften/1"));
    expect(writes(api)).toEqual([
      {
        method: "POST",
        url: "/api/promises/1/commitments",
        body: { title: "Föräldravandringar", description: null, theme: null, activityType: "outreach", unit: "tillfällen", target: 10, cadence: "year", organisations: ["Föräldranätverket"] },
      },
      { method: "DELETE", url: "/api/commitments/12", body: undefined },
      { method: "PUT", url: "/api/promises/1/commitment-order", body: { commitmentIds: [13, 11] } },
    ]);
  });

  it("does not offer to remove a commitment with recorded activities, and says why", async () => {
    open("/loften/1/redigera", { "/api/promises/1": { body: twoCommitments }, ...progressToday() });
    await promiseFields();
    const remove = await screen.findByRole("button", { name: "Ta bort åtagande 1" });
    await waitFor(() => expect(remove).toHaveProperty("disabled", true));
    expect(remove.getAttribute("aria-describedby") && document.getElementById(remove.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
      "Har registrerade aktiviteter och kan inte tas bort.",
    );
    expect(screen.getByRole("button", { name: "Ta bort åtagande 2" })).toHaveProperty("disabled", false);
  });

  it("shows a refused new commitment at its field, and a second try does not add the first one again", async () => {
    let posts = 0;
    const stored = [...twoCommitments.commitments];
    const api = open("/loften/1/redigera", {
      "/api/promises/1": () => ({ body: { ...twoCommitments, commitments: stored } }),
      "POST /api/promises/1/commitments": ({ body }) => {
        posts += 1;
        const organisations = (body as { organisations: string[] }).organisations;
        if (organisations.includes("Gamla aktören")) {
          return {
            status: 422,
            body: { error: { code: "organisation_archived", message: "Arkiverad.", issues: [{ path: "organisations.0", code: "organisation_archived", message: 'Aktören "Gamla aktören" är arkiverad.' }] } },
          };
        }
        const added = { ...(body as Commitment), id: 20 + posts, promiseId: 1 };
        stored.push(added);
        return { status: 201, body: added };
      },
    });
    await promiseFields();
    fireEvent.click(screen.getByRole("button", { name: "Lägg till åtagande" }));
    await fillCommitment(3, NEW_ONE);
    fireEvent.click(screen.getByRole("button", { name: "Lägg till åtagande" }));
    await fillCommitment(4, { ...NEW_ONE, title: "Läxhjälp", organisations: "Gamla aktören" });
    fireEvent.click(screen.getByRole("button", { name: "Spara ändringarna" }));

    const error = await commitment(4).findByText('Aktören "Gamla aktören" är arkiverad.');
    const field = commitment(4).getByLabelText("Ansvariga aktörer (krävs)");
    expect(field.getAttribute("aria-describedby")).toContain(error.id);
    type(field, "Fältenheten");
    fireEvent.click(screen.getByRole("button", { name: "Spara ändringarna" }));
    await waitFor(() => expect(currentLocation()).toBe("/loften/1"));
    const added = writes(api).filter((w) => w.method === "POST").map((w) => (w.body as { title: string; organisations: string[] }));
    expect(added.map((b) => [b.title, b.organisations])).toEqual([
      ["Föräldravandringar", ["Föräldranätverket"]],
      ["Läxhjälp", ["Gamla aktören"]],
      ["Läxhjälp", ["Fältenheten"]],
    ]);
  });
});

describe("the promise page for managers", () => {
  it("links the editor, and the previous and next period when there are any", async () => {
    open("/loften/1", { "/api/promises/1": { body: { ...workedExamplePromise, predecessorId: 7, successorId: 9 } } });
    expect((await screen.findByRole("link", { name: "Redigera" })).getAttribute("href")).toBe("/loften/1/redigera");
    const periods = within(screen.getByRole("navigation", { name: "Perioder" }));
    expect(periods.getByRole("link", { name: /Föregående period/ }).getAttribute("href")).toBe("/loften/7");
    expect(periods.getByRole("link", { name: /Nästa period/ }).getAttribute("href")).toBe("/loften/9");
  });

  it("offers no editing to a coordinator", async () => {
    open("/loften/1", {}, USERS.coordinator);
    await screen.findByRole("heading", { name: "Hisings Backa – räkneexemplet", level: 2 });
    expect(screen.queryByRole("link", { name: "Redigera" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Förnya löftet" })).toBeNull();
    expect(screen.queryByRole("navigation", { name: "Perioder" })).toBeNull();
  });
});
