import type { Commitment, CommitmentProgress } from "@lofteskollen/contracts";

export type ThemedCommitment = { commitment: Commitment; progress: CommitmentProgress };
export type ThemeGroup = { theme: string | null; items: ThemedCommitment[] };

/**
 * The commitments under their themes (fokusområden), in the order the promise lists its themes,
 * then any theme it does not list, then those without a theme (`theme: null`). Within a theme,
 * the promise's own order. A commitment without progress (added since it was computed) is left out.
 */
export function groupByTheme(
  themes: readonly string[],
  commitments: readonly Commitment[],
  progress: readonly CommitmentProgress[],
): ThemeGroup[] {
  const progressById = new Map(progress.map((item) => [item.commitmentId, item]));
  const groups = new Map<string | null, ThemedCommitment[]>();
  for (const theme of themes) groups.set(theme, []);
  for (const commitment of commitments) {
    const item = progressById.get(commitment.id);
    if (!item) continue;
    const key = commitment.theme ?? null;
    const group = groups.get(key) ?? [];
    group.push({ commitment, progress: item });
    groups.set(key, group);
  }
  const withoutTheme = groups.get(null);
  groups.delete(null);
  const result = [...groups].map(([theme, items]) => ({ theme, items }));
  if (withoutTheme) result.push({ theme: null, items: withoutTheme });
  return result.filter((group) => group.items.length > 0);
}
