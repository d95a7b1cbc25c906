import type { Commitment, CurrentUser, PromiseDetail } from "@lofteskollen/contracts";
import { addDays, can, ownOrganisations } from "@lofteskollen/domain";

/** A commitment someone may log for now, with what the form needs to know about it. */
export type LoggableCommitment = Commitment & {
  promiseTitle: string;
  period: { start: string; end: string };
  /** The responsible organisations the user may log in the name of (first = the default). */
  organisations: string[];
};

/**
 * The commitments `user` may log for on `today`: those of promises whose period has begun and
 * has not been over for long (a week's grace: last Friday's list may be logged on Monday), and
 * that one of the user's organisations is responsible for (a coordinator) — or all (an admin).
 */
export function loggableCommitments(user: CurrentUser, promises: readonly PromiseDetail[], today: string): LoggableCommitment[] {
  if (!can(user, "activity.log")) return [];
  return promises
    .filter((promise) => promise.status !== "archived" && promise.startDate <= today && addDays(promise.endDate, 7) >= today)
    .flatMap((promise) =>
      promise.commitments
        .filter((commitment) => can(user, "activity.log", commitment.organisations))
        .map((commitment) => ({
          ...commitment,
          promiseTitle: promise.title,
          period: { start: promise.startDate, end: promise.endDate },
          organisations: ownOrganisations(user, commitment.organisations),
        })),
    );
}

/** Most recently used first (ids in `recent`, newest first), the rest in the promises' order. */
export function recentFirst<T extends { id: number }>(commitments: readonly T[], recent: readonly number[]): T[] {
  const rank = new Map(recent.map((id, index) => [id, index]));
  return commitments
    .map((commitment, index) => ({ commitment, index }))
    .toSorted((a, b) => (rank.get(a.commitment.id) ?? Infinity) - (rank.get(b.commitment.id) ?? Infinity) || a.index - b.index)
    .map(({ commitment }) => commitment);
}

/** A search over title, theme and promise, forgiving case and diacritics ("uppsokande" finds "Uppsökande"). */
export function matchesSearch(commitment: Pick<LoggableCommitment, "title" | "theme" | "promiseTitle">, search: string): boolean {
  const words = fold(search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = fold(`${commitment.title} ${commitment.theme ?? ""} ${commitment.promiseTitle}`);
  return words.every((word) => text.includes(word));
}

function fold(text: string): string {
  return text.toLocaleLowerCase("sv").normalize("NFD").replace(/\p{Diacritic}/gu, "");
}

/** The day choices of the form: today, yesterday (one tap), or any day of the period up to today. */
export function dayChoices(today: string): { today: string; yesterday: string } {
  return { today, yesterday: addDays(today, -1) };
}
