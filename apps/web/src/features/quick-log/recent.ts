/**
 * What this device remembers to make the next log faster: the commitments used last and the
 * places typed per commitment. Nothing about people; only ids and place names the coordinator
 * typed. Kept in localStorage, per user (a shared phone keeps two coordinators apart).
 */
export type KeyValueStore = Pick<Storage, "getItem" | "setItem">;

const MAX_COMMITMENTS = 20;
const MAX_PLACES = 12;

type Remembered = { commitments: number[]; places: Record<string, string[]> };

const key = (userId: number) => `lofteskollen:recent:${userId}`;

function read(store: KeyValueStore, userId: number): Remembered {
  try {
    const value = JSON.parse(store.getItem(key(userId)) ?? "null") as Partial<Remembered> | null;
    return {
      commitments: Array.isArray(value?.commitments) ? value.commitments.filter((id) => Number.isInteger(id)) : [],
      places: typeof value?.places === "object" && value.places !== null ? value.places : {},
    };
  } catch {
    return { commitments: [], places: {} };
  }
}

function write(store: KeyValueStore, userId: number, value: Remembered) {
  try {
    store.setItem(key(userId), JSON.stringify(value));
  } catch {
    // Storage full or forbidden (private mode): remembering is a convenience, never a failure.
  }
}

/** Commitment ids, most recently used first. */
export function recentCommitments(store: KeyValueStore, userId: number): number[] {
  return read(store, userId).commitments;
}

/** Places used for a commitment, most recent first. */
export function recentPlaces(store: KeyValueStore, userId: number, commitmentId: number): string[] {
  const places = read(store, userId).places[String(commitmentId)];
  return Array.isArray(places) ? places.filter((place) => typeof place === "string") : [];
}

/** Remembers a log: the commitment moves to the front, the place (if any) to the front of its places. */
export function rememberLog(store: KeyValueStore, userId: number, commitmentId: number, place: string | null) {
  const value = read(store, userId);
  value.commitments = [commitmentId, ...value.commitments.filter((id) => id !== commitmentId)].slice(0, MAX_COMMITMENTS);
  if (place) {
    const current = recentPlaces(store, userId, commitmentId);
    value.places[String(commitmentId)] = [place, ...current.filter((p) => p !== place)].slice(0, MAX_PLACES);
  }
  write(store, userId, value);
}
