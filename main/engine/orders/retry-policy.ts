/** How hard the gateway tries to get one intent's order onto the exchange. */
export interface RetryPolicy {
  /** Sends at most, the first included. */
  readonly maxAttempts: number
  /** First backoff; each further one doubles, up to maxDelayMs, with jitter. */
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** Total time one intent may take, waits included. */
  readonly budgetMs: number
  /** Waits before each query that resolves an unknown outcome (Binance may show the order late). */
  readonly unknownQueryDelaysMs: readonly number[]
}

/** Defaults: 8 sends over at most 10 minutes, backoff 0.5 s doubling to 30 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  budgetMs: 600_000,
  unknownQueryDelaysMs: [0, 1_000, 3_000, 10_000]
}

/**
 * Returns the wait before retry number `attempt` (1 = after the first failure): exponential,
 * capped, with "equal jitter" (half fixed, half random) so retries of many bots spread out.
 */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(exponential / 2 + (exponential / 2) * random())
}
