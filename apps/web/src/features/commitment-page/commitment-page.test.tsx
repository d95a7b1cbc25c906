import type { Activity, CurrentUser } from "@lofteskollen/contracts";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { currentLocation, fakeFetch, meRoute, renderApp, USERS } from "../../test/render";
import { WORKED_EXAMPLE_AS_OF, workedExampleRoutes } from "../../test/worked-example";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const PATH = `/loften/1/ataganden/11?per=${WORKED_EXAMPLE_AS_OF}`;

function open(path = PATH, routes = workedExampleRoutes(), user: CurrentUser = USERS.manager) {
  const api = fakeFetch({
    "/api/auth/me": meRoute(user),
    "/api/commitments/11/organisations?from=2024-02-27&to=2024-07-01": {
      body: {
        commitmentId: 11,
        from: "2024-02-27",
        to: "2024-07-01",
        organisations: [
          { organisation: "Fältenheten", quantity: 24, activities: 20 },
          { organisation: null, quantity: 6, activities: 6 },
        ],
      },
    },
    ...routes,
  });
  vi.stubGlobal("fetch", api);
  renderApp(path);
  return api;
}

/** The key figures as label → value. */
async function figures(): Promise<Record<string, string>> {
  const list = await screen.findByText("Förväntat hittills");
  const dl = list.closest("dl");
  if (!dl) throw new Error("the figures are a description list");
  return Object.fromEntries(
    within(dl)
      .getAllByRole("term")
      .map((term) => [term.textContent ?? "", term.nextElementSibling?.textContent ?? ""]),
  );
}

describe("CommitmentPage", () => {
  it("shows the worked example's figures exactly as the SPEC has them, rounded for people", async () => {
    open();
    expect(await figures()).toEqual({
      "Utfört (tillfällen)": "30",
      Mål: "85",
      "Förväntat hittills": "35",
      "Prognos vid slutet": "74",
      "Behövs per vecka": "2,1",
    });
    expect(screen.getByRole("heading", { level: 2, name: "Uppsökande arbete, minst 100 per år" })).toBeTruthy();
    expect(screen.getByText("under 2024 hittills · 2024-02-27 – 2024-12-31")).toBeTruthy();
  });

  it("offers each year and the whole period, and follows the choice through the address", async () => {
    open();
    const select = await screen.findByRole("combobox", { name: "Mät över" });
    expect(within(select).getAllByRole("option").map((option) => option.textContent)).toEqual([
      "Aktuellt år",
      "2024",
      "2025",
      "Hela perioden",
    ]);
    fireEvent.change(select, { target: { value: "period" } });
    expect(currentLocation()).toBe(`${PATH}&fonster=hela`);
    await waitFor(async () => expect((await figures()).Mål).toBe("185"));
  });

  it("moves to another date through the date field, and back to today", async () => {
    open(PATH, workedExampleRoutes([WORKED_EXAMPLE_AS_OF, "2024-06-01"]));
    const date = await screen.findByLabelText("Läget per");
    fireEvent.change(date, { target: { value: "2024-06-01" } });
    expect(currentLocation()).toBe("/loften/1/ataganden/11?per=2024-06-01");
    await waitFor(async () => expect((await figures())["Utfört (tillfällen)"]).toBe("17"));
    expect(screen.getByText("Visar läget som det var 2024-06-01.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Visa i dag" }));
    expect(currentLocation()).toBe("/loften/1/ataganden/11");
  });

  it("breaks the window down by organisation, with each one's share", async () => {
    open();
    const table = await screen.findByRole("table", { name: "Utförda tillfällen per aktör 2024-02-27 – 2024-07-01" });
    const rows = within(table).getAllByRole("row").slice(1);
    // Intl writes "80 %" with a no-break space; compare with plain spaces.
    expect(rows.map((row) => row.textContent?.replace(/\s/g, " "))).toEqual(["Fältenheten242080 %", "Ingen aktör angiven6620 %"]);
  });

  it("lists the activities newest first, a voided one struck through with its reason", async () => {
    open();
    const table = await screen.findByRole("table", { name: "Registrerade aktiviteter, nyast först" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.getAttribute("data-activity-id"))).toEqual(["31", "30", "29"]);
    const voided = rows[2];
    expect(voided?.querySelector("del")?.textContent).toBe("2024-06-09");
    expect(voided?.textContent).toContain("Makulerad: Registrerad två gånger (Sara Samordnare");
    expect(screen.getByRole("link", { name: "Ladda ner aktiviteterna (CSV)" }).getAttribute("href")).toBe(
      "/api/commitments/11/activities.csv",
    );
  });

  it("shows the lägesrapporter on a timeline, public or internal", async () => {
    open(PATH, workedExampleRoutes(), USERS.viewer);
    await screen.findByText("Färre pass i juni på grund av skolavslutningen.");
    const section = screen.getByRole("heading", { name: "Lägesrapporter" }).closest("section");
    expect(section?.textContent).toContain("2024-06-20");
    expect(section?.textContent).toContain("Publik");
    expect(section?.textContent).toContain("Färre pass i juni på grund av skolavslutningen.");
  });

  it("voids an activity from the list with a reason, and the list and figures refresh", async () => {
    const api = open(PATH, {
      ...workedExampleRoutes(),
      "POST /api/activities/31/void": { body: { id: 31 } },
    });
    const table = await screen.findByRole("table", { name: "Registrerade aktiviteter, nyast först" });
    // The voided activity offers nothing more; the others can be voided.
    expect(within(table).getAllByRole("button", { name: /^Makulera/ })).toHaveLength(2);
    fireEvent.click(within(table).getByRole("button", { name: /^Makulera.*aktiviteten 2024-07-01, antal 1$/ }));
    fireEvent.change(within(table).getByLabelText("Varför makuleras den?"), { target: { value: "Registrerad två gånger" } });
    fireEvent.click(within(table).getByRole("button", { name: "Makulera" }));
    await waitFor(() => expect(api.requests.some((request) => request.url === "/api/activities/31/void")).toBe(true));
    expect(api.requests.find((request) => request.url === "/api/activities/31/void")?.body).toEqual({ reason: "Registrerad två gånger" });
    await waitFor(() => expect(api.requests.filter((request) => request.url.startsWith("/api/activities?commitmentId=11")).length).toBe(2));
  });

  it("corrects an activity from the list: only the changed fields and the reason are sent, and the list refreshes", async () => {
    const api = open(
      PATH,
      {
        ...workedExampleRoutes(),
        "POST /api/activities/31/correct": { status: 201, body: { voided: { id: 31 }, created: { id: 32 } } },
      },
      USERS.admin,
    );
    const table = await screen.findByRole("table", { name: "Registrerade aktiviteter, nyast först" });
    expect(within(table).getAllByRole("button", { name: /^Rätta/ })).toHaveLength(2);
    fireEvent.click(within(table).getByRole("button", { name: /^Rätta.*aktiviteten 2024-07-01, antal 1$/ }));
    const form = within(table).getByRole("form", { name: "Rätta aktiviteten 2024-07-01, antal 1" });
    const save = within(form).getByRole("button", { name: "Spara rättelsen" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true); // nothing changed yet
    fireEvent.change(within(form).getByLabelText("Antal"), { target: { value: "2" } });
    fireEvent.change(within(form).getByLabelText("Varför rättas den?"), { target: { value: "Två pass samma kväll" } });
    fireEvent.click(save);
    await waitFor(() => expect(api.requests.some((request) => request.url === "/api/activities/31/correct")).toBe(true));
    expect(api.requests.find((request) => request.url === "/api/activities/31/correct")?.body).toEqual({
      reason: "Två pass samma kväll",
      activity: { quantity: 2 },
    });
    await waitFor(() => expect(within(table).queryByRole("form")).toBeNull());
    await waitFor(() => expect(api.requests.filter((request) => request.url.startsWith("/api/activities?commitmentId=11")).length).toBe(2));
  });

  it("refuses a personnummer in a correction's note before sending, and shows the server's refusal beside its field", async () => {
    const api = open(
      PATH,
      {
        ...workedExampleRoutes(),
        "POST /api/activities/31/correct": {
          status: 400,
          body: { error: { code: "validation_failed", message: "Kontrollera fälten.", issues: [{ path: "activity.occurredAt", code: "outside_period", message: "Datumet ligger utanför löftets period." }] } },
        },
      },
      USERS.admin,
    );
    const table = await screen.findByRole("table", { name: "Registrerade aktiviteter, nyast först" });
    fireEvent.click(within(table).getByRole("button", { name: /^Rätta.*aktiviteten 2024-07-01, antal 1$/ }));
    const form = within(table).getByRole("form");
    fireEvent.change(within(form).getByLabelText("Anteckning"), { target: { value: "Pratade med 811218-9876" } });
    fireEvent.change(within(form).getByLabelText("Varför rättas den?"), { target: { value: "Fel dag" } });
    expect(within(form).getByRole("alert").textContent).toContain("ser ut som ett personnummer");
    fireEvent.click(within(form).getByRole("button", { name: "Spara rättelsen" }));
    expect(api.requests.some((request) => request.url === "/api/activities/31/correct")).toBe(false);

    fireEvent.change(within(form).getByLabelText("Anteckning"), { target: { value: "" } });
    fireEvent.change(within(form).getByLabelText("Datum"), { target: { value: "2024-06-30" } });
    fireEvent.click(within(form).getByRole("button", { name: "Spara rättelsen" }));
    const refusal = await within(form).findByRole("alert");
    expect(refusal.textContent).toBe("Datumet ligger utanför löftets period.");
    expect(within(form).getByLabelText("Datum").getAttribute("aria-describedby")).toBe(refusal.id);
  });

  it("links a corrected activity and its correction in the history", async () => {
    const base = workedExampleRoutes();
    const page = base["/api/activities?commitmentId=11&limit=25"] as { body: { items: Activity[] } };
    const [newest, ...rest] = page.body.items;
    if (!newest) throw new Error("the worked example has activities");
    const correction = { ...newest, id: 40, quantity: 2, replacesId: 31 };
    const original = { ...newest, voidedAt: "2024-07-02T08:00:00.000Z", voidedBy: "Anna Admin", voidReason: "Två pass samma kväll", replacedById: 40 };
    open(PATH, { ...base, "/api/activities?commitmentId=11&limit=25": { body: { items: [correction, original, ...rest], nextCursor: null } } }, USERS.admin);
    const table = await screen.findByRole("table", { name: "Registrerade aktiviteter, nyast först" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows[0]?.textContent).toContain("Nr 40, rättelse av nr 31");
    expect(rows[1]?.textContent).toContain("Rättad: Två pass samma kväll (Anna Admin");
    expect(rows[1]?.textContent).toContain("Ersatt av nr 40.");
    expect(within(rows[1] as HTMLElement).queryByRole("button", { name: /^Rätta/ })).toBeNull();
  });

  it("offers a manager no correction: a manager may void but not log", async () => {
    open();
    const table = await screen.findByRole("table", { name: "Registrerade aktiviteter, nyast först" });
    expect(within(table).getAllByRole("button", { name: /^Makulera/ })).toHaveLength(2);
    expect(within(table).queryByRole("button", { name: /^Rätta/ })).toBeNull();
  });

  it("writes a public lägesrapport, and the timeline fetches it", async () => {
    const api = open(PATH, {
      ...workedExampleRoutes(),
      "POST /api/commitments/11/updates": { status: 201, body: { id: 6 } },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Skriv en lägesrapport" }));
    fireEvent.change(screen.getByLabelText("Lägesrapport"), { target: { value: "Fler pass i Hjällbo under sportlovet." } });
    fireEvent.click(screen.getByLabelText("Offentlig – visas för medborgare på den publicerade sidan"));
    fireEvent.click(screen.getByRole("button", { name: "Spara lägesrapporten" }));
    expect(await screen.findByText("Lägesrapporten är sparad.")).toBeTruthy();
    const sent = api.requests.find((request) => request.method === "POST")?.body as { text: string; public: boolean; date: string };
    expect(sent).toMatchObject({ text: "Fler pass i Hjällbo under sportlovet.", public: true });
    expect(api.requests.filter((request) => request.url === "/api/commitments/11/updates").length).toBeGreaterThanOrEqual(3);
  });

  it("says the page does not exist for a commitment the promise does not have", async () => {
    open("/loften/1/ataganden/12");
    expect(await screen.findByRole("heading", { name: "Sidan finns inte" })).toBeTruthy();
  });
});
