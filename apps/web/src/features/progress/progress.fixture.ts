import type { CommitmentProgress, ProgressWindow, PromiseProgress } from "@lofteskollen/contracts";

// Shaped like GET /api/promises/1/progress?asOf=2026-11-22 on the demo data.
const year2026 = (extra: Partial<ProgressWindow>): ProgressWindow => ({
  start: "2026-01-01",
  end: "2026-12-31",
  coveredDays: 365,
  fullDays: 365,
  target: 200,
  actual: 0,
  elapsedDays: 326,
  expectedToDate: 178.63013698630138,
  status: "on_track",
  forecast: null,
  neededPerWeek: null,
  ...extra,
});

const commitment = (extra: Partial<CommitmentProgress> & Pick<CommitmentProgress, "commitmentId" | "title">): CommitmentProgress => ({
  unit: "tillfällen",
  target: 200,
  cadence: "year",
  status: "on_track",
  current: null,
  total: { target: 400, actual: 0 },
  windows: [],
  ...extra,
});

const metWindow = year2026({ actual: 212, status: "met", forecast: 237.36 });
const behindWindow = year2026({
  target: 60,
  actual: 39,
  expectedToDate: 53.58904109589041,
  status: "behind",
  forecast: 43.67,
  neededPerWeek: 3.7692307692307696,
});
const onTrackWindow = year2026({
  target: 3500,
  actual: 3394,
  expectedToDate: 3126.027397260274,
  status: "on_track",
  forecast: 3800.03,
  neededPerWeek: 19.025641025641026,
});
const termWindow: ProgressWindow = {
  start: "2026-08-15",
  end: "2026-12-31",
  coveredDays: 139,
  fullDays: 139,
  target: 2,
  actual: 0,
  elapsedDays: 100,
  expectedToDate: 1.4388489208633093,
  status: "behind",
  forecast: 0,
  neededPerWeek: 0.358974358974359,
};
const monthWindow: ProgressWindow = {
  start: "2026-11-01",
  end: "2026-11-30",
  coveredDays: 30,
  fullDays: 30,
  target: 4,
  actual: 3,
  elapsedDays: 22,
  expectedToDate: 2.933333333333333,
  status: "on_track",
  forecast: 4.09,
  neededPerWeek: 0.875,
};
const periodWindow: ProgressWindow = {
  start: "2026-01-01",
  end: "2027-12-31",
  coveredDays: 730,
  fullDays: 730,
  target: null,
  actual: 9,
  elapsedDays: 326,
  expectedToDate: null,
  status: "tracking",
  forecast: null,
  neededPerWeek: null,
};

export const progressFixture: PromiseProgress = {
  promiseId: 1,
  asOf: "2026-11-22",
  commitments: [
    commitment({
      commitmentId: 1,
      title: "Hot spot/bevakning där unga vistas",
      status: "met",
      current: metWindow,
      total: { target: 400, actual: 212 },
      windows: [metWindow],
    }),
    commitment({
      commitmentId: 3,
      title: "SSPF sammankallar nyckelaktörer",
      target: 60,
      status: "behind",
      current: behindWindow,
      total: { target: 120, actual: 39 },
      windows: [behindWindow],
    }),
    commitment({
      commitmentId: 4,
      title: "SSPF-arbetsmöten, minst 2 per termin",
      unit: "möten",
      target: 2,
      cadence: "term",
      status: "behind",
      current: termWindow,
      total: { target: 8, actual: 2 },
      windows: [termWindow],
    }),
    commitment({
      commitmentId: 5,
      title: "Aktiviteter på mötesplatserna",
      unit: "aktiviteter",
      target: 3500,
      status: "on_track",
      current: onTrackWindow,
      total: { target: 7000, actual: 3394 },
      windows: [onTrackWindow],
    }),
    commitment({
      commitmentId: 7,
      title: "Trygghetsvandringar, minst 4 per månad",
      unit: "trygghetsvandringar",
      target: 4,
      cadence: "month",
      status: "on_track",
      current: monthWindow,
      total: { target: 96, actual: 37 },
      windows: [monthWindow],
    }),
    commitment({
      commitmentId: 8,
      title: "Medverka vid föräldrautbildningar",
      target: null,
      cadence: "period",
      status: "tracking",
      current: periodWindow,
      total: { target: null, actual: 9 },
      windows: [periodWindow],
    }),
  ],
};
