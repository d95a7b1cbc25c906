/** Percentiles and number formats shared by the benchmark reports. */

/** Nearest-rank percentile of an ascending list (with 10 samples, p95 is the slowest one). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export type Summary = { p50: number; p95: number; p99: number; max: number };

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

export const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
export const int = (value: number) => Math.round(value).toLocaleString("en-US").replace(/,/g, " ");
export const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
export const yesNo = (met: boolean) => (met ? "**met**" : "**missed**");
