import type { CreateActivity } from "@lofteskollen/contracts";
import {
  addDays,
  type Cadence,
  computeCommitmentProgress,
  type LocalDate,
  type Period,
  type Term,
  toDayNumber,
} from "@lofteskollen/domain";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** How the demo generator should behave for one commitment (the `demo` block of a data file). */
export type DemoProfile = {
  /** Commitments with a target: the fraction of the linear target pace the demo reaches. */
  pace?: number;
  /** Commitments without a target: roughly how many logs a year. */
  perYear?: number;
  quantityPerLog: number;
  logEvery: "day" | "week";
};

export type DemoCommitment = {
  id: number;
  target: number | null;
  cadence: Cadence;
  organisations: string[];
  demo: DemoProfile;
};

/** What the demo's coordinators write in a note (also the import benchmark's notes). */
export const NOTES = [
  "Lugnt i området.",
  "Många unga ute efter skolan.",
  "Samverkan med fältassistenterna.",
  "Kort pass p.g.a. regn.",
  "Bra samtal med föräldrar på plats.",
  "Flera nya kontakter.",
];

/** Fewer activities in July and around Christmas, as in real field work. */
function seasonalFactor(date: LocalDate): number {
  const month = date.slice(5, 7);
  if (month === "07") return 0.5;
  if (month === "12" && date.slice(8) >= "20") return 0.6;
  return 1.08;
}

/**
 * Deterministic demo activities for one commitment from the period start through `until`:
 * the same seed always gives the same rows. The expected quantity per day follows the
 * commitment's own windows (per year, term, month…) times the profile's pace.
 */
export function generateDemoActivities({
  commitment,
  period,
  terms,
  until,
  places,
  seed,
}: {
  commitment: DemoCommitment;
  period: Period;
  terms: readonly Term[];
  until: LocalDate;
  places: readonly string[];
  seed: number;
}): CreateActivity[] {
  const rng = xoroshiro128plus(seed);
  const random = () => uniformFloat64(rng);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const poisson = (mean: number) => {
    // Knuth's method: fine for the small means used here.
    const limit = Math.exp(-mean);
    let count = 0;
    let product = random();
    while (product > limit) {
      count += 1;
      product *= random();
    }
    return count;
  };

  const dailyRate = dailyRateOf(commitment, period, terms);
  const last = until < period.end ? until : period.end;
  const rows: CreateActivity[] = [];
  const log = (date: LocalDate, quantity: number) =>
    rows.push({
      commitmentId: commitment.id,
      occurredAt: date,
      quantity: Math.min(10_000, Math.max(1, Math.round(quantity))),
      organisation: pick(commitment.organisations) ?? null,
      place: pick(places) ?? null,
      note: random() < 0.08 ? (pick(NOTES) ?? null) : null,
    });

  let carried = 0; // expected quantity accumulated since the last weekly log
  for (let date = period.start; date <= last; date = addDays(date, 1)) {
    const expected = dailyRate(date) * seasonalFactor(date);
    if (commitment.demo.logEvery === "day") {
      for (let i = poisson(expected / commitment.demo.quantityPerLog); i > 0; i -= 1) {
        log(date, commitment.demo.quantityPerLog);
      }
      continue;
    }
    carried += expected;
    const isLogDay = (toDayNumber(date) + 3) % 7 === 4 || date === last; // Fridays, and the last day
    if (!isLogDay) continue;
    if (commitment.demo.quantityPerLog > 1) {
      if (carried >= 1) log(date, carried * (0.85 + 0.3 * random()));
    } else {
      for (let i = poisson(carried); i > 0; i -= 1) log(date, 1);
    }
    carried = 0;
  }
  return rows;
}

function dailyRateOf(commitment: DemoCommitment, period: Period, terms: readonly Term[]): (date: LocalDate) => number {
  const { target, demo } = commitment;
  if (target === null) {
    const perDay = (demo.perYear ?? 12) / 365;
    return () => perDay;
  }
  // The engine's own windows say how much of the target belongs to which days.
  const { windows } = computeCommitmentProgress({
    period,
    target,
    cadence: commitment.cadence,
    terms,
    dailyTotals: [],
    asOf: period.start,
  });
  const pace = demo.pace ?? 1;
  return (date) => {
    const window = windows.find((w) => w.start <= date && date <= w.end);
    return window?.target ? (window.target / window.coveredDays) * pace : 0;
  };
}
