import type { PromiseDetail } from "@lofteskollen/contracts";
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { commitmentFixture, promiseFixture } from "../../test/promise";
import { type FakeRoute, fakeFetch, meRoute, renderApp, USERS } from "../../test/render";

const promise: PromiseDetail = promiseFixture({
  commitments: [
    commitmentFixture({ title: "Aktiviteter på mötesplatserna", activityType: "meeting_place_activity", unit: "aktiviteter", target: 3500, organisations: ["Mötesplatserna"] }),
    commitmentFixture({ id: 12 }),
  ],
});

function open(batch: FakeRoute) {
  const api = fakeFetch({
    "/api/auth/me": meRoute({ ...USERS.coordinator, organisations: ["Mötesplatserna", "Fältenheten"] }),
    "/api/promises": { body: [promise] },
    "/api/promises/1": { body: promise },
    "POST /api/activities/batch": batch,
  });
  vi.stubGlobal("fetch", api);
  // Week 46 of 2026: Monday 9 November to Sunday 15 November, all in the past.
  renderApp("/registrera/vecka?vecka=2026-11-12");
  return api;
}

const cell = (title: string, day: string) => screen.findByRole("textbox", { name: `${title}, ${day}` });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("WeekGridPage", () => {
  it("saves a week's filled-in cells as one batch, one activity per cell", async () => {
    const api = open({ status: 201, body: { created: 2, ids: [1, 2] } });
    expect(await screen.findByText("Vecka 46, 2026-11-09 – 2026-11-15")).toBeTruthy();
    fireEvent.change(await cell("Aktiviteter på mötesplatserna", "måndag 9 november"), { target: { value: "70" } });
    fireEvent.change(await cell("Uppsökande arbete", "fredag 13 november"), { target: { value: "2" } });
    const row = screen.getByRole("row", { name: /Aktiviteter på mötesplatserna/ });
    expect(within(row).getAllByRole("cell").at(-1)?.textContent).toBe("70");

    fireEvent.click(screen.getByRole("button", { name: "Spara 2 registreringar" }));
    expect(await screen.findByText("Sparat: 2 registreringar för vecka 46.")).toBeTruthy();
    const post = api.requests.find((request) => request.method === "POST");
    expect(post?.body).toEqual({
      activities: [
        { commitmentId: 11, occurredAt: "2026-11-09", quantity: 70, organisation: "Mötesplatserna" },
        { commitmentId: 12, occurredAt: "2026-11-13", quantity: 2, organisation: "Fältenheten" },
      ],
    });
    expect(post?.headers.get("Idempotency-Key")).toBeTruthy();
    // Saved cells are emptied, ready for the next week.
    expect(((await cell("Aktiviteter på mötesplatserna", "måndag 9 november")) as HTMLInputElement).value).toBe("");
  });

  it("puts each refused row's reason on its cell, and says nothing was saved", async () => {
    open({
      status: 422,
      body: {
        error: {
          code: "rule_violation",
          message: "1 rad kunde inte registreras.",
          issues: [{ path: "activities.1.quantity", code: "out_of_range", message: "Antalet är för stort för en dag." }],
        },
      },
    });
    fireEvent.change(await cell("Aktiviteter på mötesplatserna", "måndag 9 november"), { target: { value: "5" } });
    const refused = await cell("Uppsökande arbete", "tisdag 10 november");
    fireEvent.change(refused, { target: { value: "9000" } });
    fireEvent.click(screen.getByRole("button", { name: "Spara 2 registreringar" }));
    expect(await screen.findByText("Antalet är för stort för en dag.")).toBeTruthy();
    expect(refused.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("alert").textContent).toContain("Ingenting registrerades");
  });

  it("will not send a cell that is not a whole number, and names how many", async () => {
    const api = open({ status: 201, body: { created: 0, ids: [] } });
    fireEvent.change(await cell("Uppsökande arbete", "onsdag 11 november"), { target: { value: "2,5" } });
    expect(screen.getByRole("alert").textContent).toBe("1 ruta innehåller något annat än ett heltal 1–10 000.");
    expect((screen.getByRole("button", { name: "Spara 0 registreringar" }) as HTMLButtonElement).disabled).toBe(true);
    expect(api.requests.some((request) => request.method === "POST")).toBe(false);
  });

  it("narrows the grid to one organisation's commitments", async () => {
    open({ status: 201, body: { created: 0, ids: [] } });
    fireEvent.change(await screen.findByRole("combobox", { name: "Visa åtaganden för" }), { target: { value: "Fältenheten" } });
    expect(await cell("Uppsökande arbete", "måndag 9 november")).toBeTruthy();
    expect(screen.queryByRole("row", { name: /Aktiviteter på mötesplatserna/ })).toBeNull();
  });
});
