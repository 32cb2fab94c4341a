/** Percentiles of a set of durations, in milliseconds. */
export interface DurationSummary {
  readonly count: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly max: number
  /** How many samples were over the budget. */
  readonly overBudget: number
}

/**
 * Returns the nearest-rank percentiles and the maximum of `samples`, and how many exceed
 * `budgetMs` (for frames, 50 ms: a frame that long is a visible stutter). NaN when there are none.
 */
export function summarizeDurations(samples: readonly number[], budgetMs: number): DurationSummary {
  const sorted = [...samples].sort((a, b) => a - b)
  // The same rank rule as the other bench figures (fill-latency-bench.ts), so they read alike
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN
  return {
    count: sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted.at(-1) ?? Number.NaN,
    overBudget: sorted.filter((sample) => sample > budgetMs).length
  }
}
