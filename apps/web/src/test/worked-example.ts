import type { Activity, DailyTotals, PromiseDetail, PromiseProgress, PromiseSummary, Update } from "@lofteskollen/contracts";
import { computeCommitmentProgress } from "@lofteskollen/domain";
import { activityFixture } from "./activity";
import type { FakeRoute } from "./render";

/**
 * SPEC §3's worked example as the API would answer it: promise 2024-02-27 – 2025-12-31, one
 * commitment "minst 100 per år" (cadence year), 30 activities by 2024-07-01. The progress is the
 * domain engine's own result, not numbers typed in, so the page is checked against the SPEC's
 * figures through the same code the API runs.
 */
export const WORKED_EXAMPLE_AS_OF = "2024-07-01";
const period = { start: "2024-02-27", end: "2025-12-31" };

const days = [
  { date: "2024-02-27", quantity: 2 },
  { date: "2024-03-15", quantity: 5 },
  { date: "2024-04-30", quantity: 10 },
  { date: "2024-06-10", quantity: 12 },
  { date: "2024-07-01", quantity: 1 },
];

export const workedExamplePromise: PromiseDetail = {
  id: 1,
  slug: "hisings-backa-exempel",
  title: "Hisings Backa – räkneexemplet",
  area: "Hisings Backa",
  startDate: period.start,
  endDate: period.end,
  status: "published",
  example: false,
  areaParent: null,
  predecessorId: null,
  successorId: null,
  summary: null,
  contact: null,
  themes: ["Skola", "Fritid"],
  commitments: [
    {
      id: 11,
      promiseId: 1,
      title: "Uppsökande arbete, minst 100 per år",
      description: "Fältassistenterna möter unga där de är.",
      theme: "Fritid",
      activityType: "outreach",
      unit: "tillfällen",
      target: 100,
      cadence: "year",
      organisations: ["Fältenheten", "Polisen"],
    },
  ],
};

const summary: PromiseSummary = {
  id: workedExamplePromise.id,
  slug: workedExamplePromise.slug,
  title: workedExamplePromise.title,
  area: workedExamplePromise.area,
  startDate: period.start,
  endDate: period.end,
  status: "published",
  example: false,
};

function progressAsOf(asOf: string): PromiseProgress {
  return {
    promiseId: 1,
    asOf,
    commitments: [
      {
        commitmentId: 11,
        title: "Uppsökande arbete, minst 100 per år",
        unit: "tillfällen",
        target: 100,
        cadence: "year",
        ...computeCommitmentProgress({ period, target: 100, cadence: "year", terms: [], dailyTotals: days, asOf }),
      },
    ],
  };
}

function dailyTotalsAsOf(asOf: string): DailyTotals {
  const to = asOf < period.end ? asOf : period.end;
  return { promiseId: 1, asOf, from: period.start, to, commitments: [{ commitmentId: 11, days: days.filter((day) => day.date <= to) }] };
}

const activity = (id: number, localDate: string, extra: Partial<Activity> = {}): Activity =>
  activityFixture({ id, occurredAt: localDate, localDate, place: "Backa torg", createdAt: `${localDate}T18:00:00.000Z`, ...extra });

export const workedExampleActivities: Activity[] = [
  activity(31, "2024-07-01"),
  activity(30, "2024-06-10", { quantity: 12, place: "Hjällbo" }),
  activity(29, "2024-06-09", {
    voidedAt: "2024-06-10T08:00:00.000Z",
    voidedBy: "Sara Samordnare",
    voidReason: "Registrerad två gånger",
  }),
];

const updates: Update[] = [
  {
    id: 5,
    commitmentId: 11,
    date: "2024-06-20",
    text: "Färre pass i juni på grund av skolavslutningen.",
    public: true,
    createdBy: "Sara Samordnare",
    createdAt: "2024-06-20T09:00:00.000Z",
  },
];

/** The API routes of the worked example for `fakeFetch`, as of each date asked for. */
export function workedExampleRoutes(asOfs: readonly string[] = [WORKED_EXAMPLE_AS_OF]): Record<string, FakeRoute> {
  const routes: Record<string, FakeRoute> = {
    "/api/promises": { body: [summary] },
    "/api/promises/1": { body: workedExamplePromise },
    "/api/activities?commitmentId=11&limit=25": { body: { items: workedExampleActivities, nextCursor: null } },
    "/api/commitments/11/updates": { body: updates },
  };
  for (const asOf of asOfs) {
    routes[`/api/promises/1/progress?asOf=${asOf}`] = { body: progressAsOf(asOf) };
    routes[`/api/promises/1/daily-totals?asOf=${asOf}`] = { body: dailyTotalsAsOf(asOf) };
  }
  return routes;
}
