import type { CommitmentProgress, PromiseDetail } from "@lofteskollen/contracts";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type FakeRoute, fakeFetch, meRoute, renderApp, USERS } from "../../test/render";
import { WORKED_EXAMPLE_AS_OF, workedExamplePromise, workedExampleRoutes } from "../../test/worked-example";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const [current] = workedExamplePromise.commitments;
if (!current) throw new Error("the worked example has a commitment");

/** The period before the worked example's, renewed into it: the same commitment, id 31. */
const previous: PromiseDetail = {
  ...workedExamplePromise,
  id: 3,
  slug: "hisings-backa-2022-2023",
  startDate: "2022-01-01",
  endDate: "2023-12-31",
  successorId: 1,
  commitments: [{ ...current, id: 31, promiseId: 3, title: ` ${current.title.toUpperCase()} ` }],
};
const next: PromiseDetail = { ...workedExamplePromise, id: 4, slug: "hisings-backa-2026-2027", startDate: "2026-01-01", endDate: "2027-12-31", predecessorId: 1, successorId: null, commitments: [{ ...current, id: 41, promiseId: 4 }] };

const previousFigures: CommitmentProgress = {
  commitmentId: 31,
  title: current.title,
  unit: "tillfällen",
  target: 100,
  cadence: "year",
  status: "behind",
  current: null,
  total: { target: 200, actual: 180 },
  windows: [],
};

function open(promise: PromiseDetail, routes: Record<string, FakeRoute> = {}) {
  const api = fakeFetch({
    "/api/auth/me": meRoute(USERS.manager),
    ...workedExampleRoutes(),
    "/api/promises/1": { body: promise },
    "/api/promises/3": { body: previous },
    "/api/promises/4": { body: next },
    ...routes,
  });
  vi.stubGlobal("fetch", api);
  renderApp(`/loften/1/ataganden/11?per=${WORKED_EXAMPLE_AS_OF}`);
  return api;
}

const card = async (name: RegExp) => within(await screen.findByRole("article", { name }));

describe("PeriodComparison", () => {
  it("shows the previous period as it ended beside this one, with its figures and a link to it", async () => {
    const api = open(
      { ...workedExamplePromise, predecessorId: 3 },
      {
        "/api/promises/3/progress?asOf=2023-12-31": { body: { promiseId: 3, asOf: "2023-12-31", commitments: [previousFigures] } },
        "/api/promises/3/daily-totals?asOf=2023-12-31": {
          body: { promiseId: 3, asOf: "2023-12-31", from: "2022-01-01", to: "2023-12-31", commitments: [{ commitmentId: 31, days: [{ date: "2022-03-01", quantity: 180 }] }] },
        },
      },
    );
    expect(await screen.findByRole("heading", { name: "Perioderna bredvid varandra" })).toBeTruthy();
    const before = await card(/^Förra perioden/);
    expect(before.getAllByRole("heading")[0]?.textContent).toBe("Förra perioden2022-01-01 – 2023-12-31");
    expect(await before.findByText("Gjort till och med 2023-12-31")).toBeTruthy();
    expect(before.getByText("Gjort till och med 2023-12-31").nextElementSibling?.textContent).toBe("180 tillfällen");
    expect(before.getByText("Mål för hela perioden").nextElementSibling?.textContent).toBe("200 tillfällen");
    expect(before.getByText((_, element) => element?.getAttribute("data-status") === "behind").textContent).toMatch(/Efter plan/);
    expect(before.getByRole("link").getAttribute("href")).toBe("/loften/3/ataganden/31");

    const now = await card(/^Denna period/);
    expect(await now.findByText(`Gjort till och med ${WORKED_EXAMPLE_AS_OF}`)).toBeTruthy();
    expect(now.queryByRole("link")).toBeNull();
    // The previous period is read as it ended, never as of a date after it.
    expect(api.requests.some((request) => request.url.startsWith(`/api/promises/3/progress?asOf=${WORKED_EXAMPLE_AS_OF}`))).toBe(false);
  });

  it("shows a next period that has not begun without asking for its progress", async () => {
    const api = open({ ...workedExamplePromise, successorId: 4 });
    const later = await card(/^Nästa period/);
    expect(later.getByText("Perioden börjar 2026-01-01. Inget är registrerat än.")).toBeTruthy();
    expect(later.getByRole("link").getAttribute("href")).toBe("/loften/4/ataganden/41");
    expect(screen.getByText("Åtagandet fortsätter i nästa period (förnyat löfte).")).toBeTruthy();
    expect(api.requests.some((request) => request.url.startsWith("/api/promises/4/progress"))).toBe(false);
  });

  it("is not there for a promise without other periods, or when no commitment continues", async () => {
    const api = open({ ...workedExamplePromise, predecessorId: 3 }, { "/api/promises/3": { body: { ...previous, commitments: [{ ...current, id: 31, title: "Annat", activityType: "safety_walk" }] } } });
    await screen.findByRole("heading", { name: "Läget" });
    // The previous promise was fetched and compared: it has no continuing commitment.
    await waitFor(() => expect(api.requests.some((request) => request.url === "/api/promises/3")).toBe(true));
    expect(screen.queryByRole("heading", { name: "Perioderna bredvid varandra" })).toBeNull();
  });
});
