import type { PublicCommitmentProgress, PublicProgress } from "@lofteskollen/contracts";

/** Fixture figures for the public pages' rendering tests (shape of GET /api/public/promises/:slug/progress). */

type Window = PublicCommitmentProgress["windows"][number];

const window = (w: Partial<Window> & Pick<Window, "start" | "end" | "actual" | "status">): Window => ({
  coveredDays: 365,
  fullDays: 365,
  target: null,
  elapsedDays: 0,
  expectedToDate: null,
  forecast: null,
  neededPerWeek: null,
  ...w,
});

const commitment = (c: Partial<PublicCommitmentProgress> & Pick<PublicCommitmentProgress, "commitmentId" | "title" | "windows" | "status">): PublicCommitmentProgress => {
  const windows = c.windows;
  return {
    unit: "tillfällen",
    target: null,
    cadence: "year",
    current: null,
    total: {
      target: windows.every((w) => w.target === null) ? null : windows.reduce((sum, w) => sum + (w.target ?? 0), 0),
      actual: windows.reduce((sum, w) => sum + w.actual, 0),
    },
    description: null,
    theme: null,
    organisations: [],
    updates: [],
    ...c,
  };
};

const y2025 = window({ start: "2025-01-01", end: "2025-12-31", target: 200, actual: 37, elapsedDays: 70, expectedToDate: (200 * 70) / 365, status: "at_risk" });

/** As of 2025-03-12: a yearly commitment (at risk), a termly one (on track), a monthly one, one without a target. */
export function fixtureProgress(overrides: Partial<PublicProgress["promise"]> = {}): PublicProgress {
  const commitments: PublicCommitmentProgress[] = [
    commitment({
      commitmentId: 11,
      title: "Minst 200 uppsökande tillfällen per år",
      description: "Fältenheten arbetar uppsökande dag- och kvällstid.",
      theme: "Lokalområde",
      target: 200,
      cadence: "year",
      status: "at_risk",
      organisations: ["Fältenheten", "Polisen"],
      updates: [{ date: "2025-03-01", text: "Färre pass i februari p.g.a. sjukdom." }],
      windows: [
        window({ start: "2024-02-27", end: "2024-12-31", coveredDays: 309, fullDays: 366, target: 168.852459, actual: 171, elapsedDays: 309, expectedToDate: 168.852459, status: "met" }),
        y2025,
      ],
      current: y2025,
    }),
    commitment({
      commitmentId: 12,
      title: "SSPF-arbetsmöten",
      theme: "Skola",
      unit: "möten",
      target: 2,
      cadence: "term",
      status: "on_track",
      organisations: ["Polisen"],
      windows: [
        window({ start: "2024-02-27", end: "2024-06-15", coveredDays: 110, fullDays: 167, target: 1.317, actual: 2, elapsedDays: 110, expectedToDate: 1.317, status: "met" }),
        window({ start: "2024-08-15", end: "2024-12-31", coveredDays: 139, fullDays: 139, target: 2, actual: 1, elapsedDays: 139, expectedToDate: 2, status: "missed" }),
        window({ start: "2025-01-01", end: "2025-06-15", coveredDays: 166, fullDays: 166, target: 2, actual: 1, elapsedDays: 71, expectedToDate: 0.855, status: "on_track" }),
      ],
    }),
    commitment({
      commitmentId: 13,
      title: "Trygghetsvandringar",
      theme: "Lokalområde",
      unit: "vandringar",
      target: 4,
      cadence: "month",
      status: "behind",
      windows: [window({ start: "2025-03-01", end: "2025-03-31", coveredDays: 31, fullDays: 31, target: 4, actual: 0, elapsedDays: 12, expectedToDate: 1.548, status: "behind" })],
    }),
    commitment({
      commitmentId: 14,
      title: "Föräldrautbildningar",
      theme: "Familj",
      unit: "utbildningar",
      target: null,
      cadence: "period",
      status: "tracking",
      organisations: ["Familjecentralen"],
      windows: [window({ start: "2024-02-27", end: "2025-12-31", coveredDays: 674, fullDays: 674, actual: 9, elapsedDays: 380, status: "tracking" })],
    }),
  ];
  commitments[1] = { ...commitments[1]!, current: commitments[1]!.windows[2]! };
  commitments[2] = { ...commitments[2]!, current: commitments[2]!.windows[0]! };
  commitments[3] = { ...commitments[3]!, current: commitments[3]!.windows[0]! };
  return {
    promiseId: 7,
    asOf: "2025-03-12",
    promise: {
      slug: "exempel-backa",
      title: "Medborgarlöfte Backa 2024–2025",
      area: "Hisings Backa",
      startDate: "2024-02-27",
      endDate: "2025-12-31",
      summary: "Polisen och staden lovar tillsammans mer vuxennärvaro.",
      contact: "Kommunpolis Backa, 114 14",
      themes: ["Skola", "Lokalområde", "Familj"],
      ...overrides,
    },
    commitments,
    snapshot: null,
    licence: { name: "CC0 1.0 Universell", url: "https://creativecommons.org/publicdomain/zero/1.0/deed.sv" },
  };
}

/** A promise with `count` commitments in one theme (for slide planning). */
export function manyCommitments(count: number, themes: string[] = ["Fritid"]): PublicProgress {
  const base = fixtureProgress();
  const template = base.commitments[0]!;
  return {
    ...base,
    promise: { ...base.promise, themes },
    commitments: Array.from({ length: count }, (_, i) => ({ ...template, commitmentId: 100 + i, title: `Åtagande ${i + 1}`, theme: themes[i % themes.length] ?? null })),
  };
}
