import type { PublicCommitmentProgress, PublicProgress } from "@lofteskollen/contracts";
import { displayWindow, roundTargetUp, STATUS_LABELS_SV, STATUS_LOOK, STATUS_ORDER } from "@lofteskollen/domain";

/**
 * The Swedish words and numbers of the public pages (issue 6): the same status words as the web
 * app (STATUS_LABELS_SV, shared with the dashboard and the exports), dates written out the Swedish
 * way ("12 mars 2025"), counts with Swedish digit grouping ("3 500"), targets rounded up.
 */

export type Commitment = PublicCommitmentProgress;
export type Window = Commitment["windows"][number];
export type Status = Commitment["status"];
export type Cadence = Commitment["cadence"];

const MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

function parts(date: string): { year: number; month: number; day: number } {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  return { year, month, day };
}

/** "2025-03-12" → "12 mars 2025". */
export function longDate(date: string): string {
  const { year, month, day } = parts(date);
  return `${day} ${MONTHS[month - 1] ?? ""} ${year}`;
}

/** "27 februari 2024 – 31 december 2025". */
export function periodText(start: string, end: string): string {
  return `${longDate(start)} – ${longDate(end)}`;
}

const countFormat = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 0 });

/** A count in Swedish ("3 500", with a no-break space). */
export function formatCount(value: number): string {
  return countFormat.format(Math.round(value));
}

/** A target or expected count, rounded up (reaching the number shown always reaches the target). */
export function formatTarget(value: number): string {
  return formatCount(roundTargetUp(value));
}

/** Status is never told by colour alone: an icon and the word, the colour only supports them (STATUS_LOOK, shared with the web app). */
export function statusLook(status: Status) {
  return { ...STATUS_LOOK[status], label: STATUS_LABELS_SV[status] };
}

export { STATUS_ORDER };

/** What each status means, in the web app's words. */
export const STATUS_EXPLANATIONS: Record<Status, string> = {
  met: "Målet är nått för den tid som visas (året, terminen, månaden eller hela perioden).",
  on_track: "Minst så många som tidsplanen kräver hittills.",
  at_risk: "Något efter tidsplanen (minst tre fjärdedelar av det som borde vara gjort).",
  behind: "Långt efter tidsplanen (mindre än tre fjärdedelar av det som borde vara gjort).",
  missed: "Tiden som visas är slut och målet nåddes inte.",
  upcoming: "Tiden som visas har inte börjat än.",
  tracking: "Åtagandet har inget siffermål; antalet följs ändå.",
};

/** The unit as a noun after a number; "st" when the commitment has none. */
export function unitOf(commitment: Pick<Commitment, "unit">): string {
  return commitment.unit.trim() || "st";
}

/** The window's name: "2025", "vt 2025", "ht 2025", "mars 2025", "hela perioden". */
export function windowLabel(cadence: Cadence, window: Pick<Window, "start">): string {
  const { year, month } = parts(window.start);
  switch (cadence) {
    case "period":
      return "hela perioden";
    case "year":
      return String(year);
    case "term":
      return `${month <= 7 ? "vt" : "ht"} ${year}`;
    case "month":
      return `${MONTHS[month - 1] ?? ""} ${year}`;
  }
}

const PER: Record<Cadence, string> = { period: "under hela perioden", year: "per år", term: "per termin", month: "per månad" };
const PART_OF: Record<Exclude<Cadence, "period">, string> = { year: "året", term: "terminen", month: "månaden" };

/** What was promised, in words: "Mål: 200 tillfällen per år" or that there is no numeric goal. */
export function goalText(commitment: Commitment): string {
  if (commitment.target === null) return "Inget siffermål – antalet följs ändå.";
  return `Mål: ${formatCount(commitment.target)} ${unitOf(commitment)} ${PER[commitment.cadence]}.`;
}

/**
 * The windows that the promise period covers only in part, in words: "Under 2024 gäller löftet
 * en del av året, så målet är 85 tillfällen." Empty for a whole-period commitment.
 */
export function partialWindowTexts(commitment: Commitment): string[] {
  if (commitment.cadence === "period" || commitment.target === null) return [];
  const partOf = PART_OF[commitment.cadence];
  return commitment.windows
    .filter((window) => window.coveredDays < window.fullDays && window.target !== null)
    .map(
      (window) =>
        `Under ${windowLabel(commitment.cadence, window)} gäller löftet en del av ${partOf}, så målet är ${formatTarget(window.target ?? 0)} ${unitOf(commitment)}.`,
    );
}

/** The window that explains the commitment's status (the current one, else the last ended, else the first). */
export function shownWindow(commitment: Commitment, asOf: string): Window | null {
  return displayWindow(commitment, asOf);
}

export type WindowPhase = "before" | "running" | "ended";

export function windowPhase(window: Pick<Window, "start" | "end">, asOf: string): WindowPhase {
  if (asOf < window.start) return "before";
  if (asOf > window.end) return "ended";
  return "running";
}

/** "Under 2025 hittills", "Under vt 2024", "Hela perioden hittills". */
export function windowHeading(cadence: Cadence, window: Window, asOf: string): string {
  const name = cadence === "period" ? "Hela perioden" : `Under ${windowLabel(cadence, window)}`;
  return windowPhase(window, asOf) === "running" ? `${name} hittills` : name;
}

/** "123 av 200 tillfällen" or "42 möten" (without a target). */
export function doneOfTarget(actual: number, target: number | null, unit: string): string {
  return target === null ? `${formatCount(actual)} ${unit}` : `${formatCount(actual)} av ${formatTarget(target)} ${unit}`;
}

/** The themes in the promise's order, each with its commitments; commitments of no known theme last ("Övrigt"). */
export function groupByTheme(progress: Pick<PublicProgress, "promise" | "commitments">): { theme: string | null; commitments: Commitment[] }[] {
  const known = [...progress.promise.themes];
  for (const commitment of progress.commitments) {
    if (commitment.theme && !known.includes(commitment.theme)) known.push(commitment.theme);
  }
  const groups = known
    .map((theme) => ({ theme: theme as string | null, commitments: progress.commitments.filter((c) => c.theme === theme) }))
    .filter((group) => group.commitments.length > 0);
  const rest = progress.commitments.filter((c) => !c.theme);
  if (groups.length === 0) return rest.length ? [{ theme: null, commitments: rest }] : [];
  if (rest.length) groups.push({ theme: "Övrigt", commitments: rest });
  return groups;
}

/** How many commitments have each status, most urgent first; statuses nobody has are left out. */
export function statusCounts(commitments: readonly Pick<Commitment, "status">[]): { status: Status; count: number }[] {
  return STATUS_ORDER.map((status) => ({ status, count: commitments.filter((c) => c.status === status).length })).filter(
    (entry) => entry.count > 0,
  );
}

/** "1 åtagande" / "3 åtaganden". */
export function commitmentCount(count: number): string {
  return `${formatCount(count)} ${count === 1 ? "åtagande" : "åtaganden"}`;
}
