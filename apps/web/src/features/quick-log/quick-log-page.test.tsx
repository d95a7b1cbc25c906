import type { Activity, PromiseDetail } from "@lofteskollen/contracts";
import { computeCommitmentProgress, todayInStockholm } from "@lofteskollen/domain";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { activityFixture } from "../../test/activity";
import { commitmentFixture, promiseFixture } from "../../test/promise";
import { fakeFetch, meRoute, renderApp, USERS } from "../../test/render";

const today = todayInStockholm();
const period = { start: "2020-01-01", end: "2099-12-31" };

const promise: PromiseDetail = promiseFixture({
  title: "Nordost – förnyat löfte",
  startDate: period.start,
  endDate: period.end,
  commitments: [
    commitmentFixture({ theme: "Fritid", cadence: "period" }),
    commitmentFixture({ id: 12, title: "Hot spot", activityType: "hotspot_patrol", unit: "pass", target: 400, cadence: "period", organisations: ["Polisen"] }),
  ],
});

const created = (body: Record<string, unknown>): Activity =>
  activityFixture({
    id: 501,
    occurredAt: String(body.occurredAt),
    localDate: String(body.occurredAt),
    quantity: Number(body.quantity),
    place: (body.place as string | null) ?? null,
    loggedBy: "Sara Samordnare",
    createdAt: new Date().toISOString(),
  });

const progress = (actual: number) => ({
  promiseId: 1,
  asOf: today,
  commitments: [
    {
      commitmentId: 11,
      title: "Uppsökande arbete",
      unit: "tillfällen",
      target: 200,
      cadence: "period",
      ...computeCommitmentProgress({ period, target: 200, cadence: "period", terms: [], dailyTotals: actual ? [{ date: today, quantity: actual }] : [], asOf: today }),
    },
  ],
});

let logged = 0;
function stubApi(extra: Parameters<typeof fakeFetch>[0] = {}) {
  const api = fakeFetch({
    "/api/auth/me": meRoute({ ...USERS.coordinator, organisations: ["Fältenheten"] }),
    "/api/promises": { body: [promise] },
    "/api/promises/1": { body: promise },
    [`/api/promises/1/progress?asOf=${today}`]: () => ({ body: progress(logged) }),
    "POST /api/activities": (request) => {
      logged += Number((request.body as { quantity: number }).quantity);
      return { status: 201, body: created(request.body as Record<string, unknown>) };
    },
    "POST /api/activities/501/void": () => {
      logged = 0;
      return { body: { ...created({ occurredAt: today, quantity: 1 }), voidedAt: new Date().toISOString() } };
    },
    ...extra,
  });
  vi.stubGlobal("fetch", api);
  return api;
}

beforeEach(() => {
  logged = 0;
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("QuickLogPage", () => {
  it("logs a typical activity in two taps: the commitment, then Spara", async () => {
    const api = stubApi();
    renderApp("/registrera");
    const list = await screen.findByRole("list", { name: "Åtaganden du kan registrera för, senast använda först" });
    // A coordinator of Fältenheten is offered Fältenheten's commitment only.
    expect(within(list).getAllByRole("button").map((button) => button.textContent)).toEqual(["Uppsökande arbeteFritid · Nordost – förnyat löfte"]);

    fireEvent.click(within(list).getByRole("button", { name: /Uppsökande arbete/ })); // tap 1
    fireEvent.click(await screen.findByRole("button", { name: "Spara" })); // tap 2

    const notice = await screen.findByText(`Sparat: Uppsökande arbete, antal 1, ${today}.`);
    expect(notice).toBeTruthy();
    expect(await screen.findByText("Nu 1 av 200 tillfällen.")).toBeTruthy();
    const post = api.requests.find((request) => request.method === "POST");
    expect(post?.body).toEqual({ commitmentId: 11, occurredAt: today, quantity: 1, organisation: "Fältenheten", place: null, note: null });
    expect(post?.headers.get("Idempotency-Key")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("undoes a log by voiding it, and says so", async () => {
    const api = stubApi();
    renderApp("/registrera?atagande=11");
    fireEvent.click(await screen.findByRole("button", { name: "Spara" }));
    fireEvent.click(await screen.findByRole("button", { name: "Ångra" }));
    expect(await screen.findByText(/Registreringen för Uppsökande arbete är ångrad/)).toBeTruthy();
    const voided = api.requests.find((request) => request.url === "/api/activities/501/void");
    expect(voided?.body).toEqual({ reason: "Ångrad direkt efter registreringen" });
  });

  it("takes yesterday, a quantity and a place, and remembers the place for next time", async () => {
    const api = stubApi();
    renderApp("/registrera?atagande=11");
    fireEvent.click(await screen.findByRole("button", { name: "I går" }));
    fireEvent.click(screen.getByRole("button", { name: "Öka antalet" }));
    fireEvent.click(screen.getByRole("button", { name: "Öka antalet" }));
    fireEvent.change(screen.getByLabelText("Plats (valfritt)"), { target: { value: "Hammarkullen torg" } });
    fireEvent.click(screen.getByRole("button", { name: "Spara" }));
    await screen.findByText(/^Sparat: Uppsökande arbete, antal 3,/);
    const body = api.requests.find((request) => request.method === "POST")?.body as { occurredAt: string; quantity: number };
    expect(body.quantity).toBe(3);
    expect(body.occurredAt < today).toBe(true);
    expect(localStorage.getItem("lofteskollen:recent:3")).toContain("Hammarkullen torg");
  });

  it("refuses a personnummer in the note beside the field, before anything is sent", async () => {
    const api = stubApi();
    renderApp("/registrera?atagande=11");
    fireEvent.change(await screen.findByLabelText("Anteckning (valfritt)"), { target: { value: "Pratade med 811218-9876 om fritid" } });
    expect(screen.getByRole("alert").textContent).toContain("ser ut som ett personnummer");
    fireEvent.click(screen.getByRole("button", { name: "Spara" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Spara" })).toBeTruthy());
    expect(api.requests.some((request) => request.method === "POST")).toBe(false);
  });

  it("shows the API's refusal beside the field it names", async () => {
    stubApi({
      "POST /api/activities": {
        status: 422,
        body: {
          error: {
            code: "rule_violation",
            message: "Kontrollera fältet occurredAt.",
            issues: [{ path: "occurredAt", code: "outside_period", message: "Datumet ligger utanför medborgarlöftets period." }],
          },
        },
      },
    });
    renderApp("/registrera?atagande=11");
    fireEvent.click(await screen.findByRole("button", { name: "Spara" }));
    expect(await screen.findByText("Datumet ligger utanför medborgarlöftets period.")).toBeTruthy();
  });

  it("is not offered to a manager, who plans but does not log", async () => {
    vi.stubGlobal("fetch", fakeFetch({ "/api/auth/me": meRoute(USERS.manager), "/api/promises": { body: [] } }));
    renderApp("/registrera");
    expect(await screen.findByText("Du har inte behörighet att se den här sidan.")).toBeTruthy();
  });
});
