import type { Commitment } from "@lofteskollen/contracts";

const normalised = (title: string) => title.trim().toLocaleLowerCase("sv");

/**
 * The commitment of another period that continues `commitment`: the one with the same title
 * (case and surrounding spaces aside), else the only one with the same activity type and cadence.
 * A renewal copies titles, so the first rule finds it unless someone renamed it; the second
 * finds a renamed one while it is unambiguous. Null when neither rule finds exactly one.
 */
export function continuingCommitment(commitment: Commitment, others: readonly Commitment[]): Commitment | null {
  const sameTitle = others.filter((other) => normalised(other.title) === normalised(commitment.title));
  if (sameTitle.length === 1) return sameTitle[0] ?? null;
  const sameKind = others.filter((other) => other.activityType === commitment.activityType && other.cadence === commitment.cadence);
  return sameKind.length === 1 ? (sameKind[0] ?? null) : null;
}
