/** The bounds `gridkeeper serve` keeps on every connection; tests shorten the timeouts. */
export interface ServeLimits {
  /** Unsent bytes (replies and pushes) a client may hold before it is disconnected as not reading. */
  readonly maxUnsentBytes: number
  /** Unsent bytes above which candle updates to a client are skipped until it catches up. */
  readonly slowClientBytes: number
  /** Commands of one connection that run at once; the rest wait, and the connection is not read meanwhile. */
  readonly maxCommandsInFlight: number
  /** HTTP requests one connection may have unanswered at once; browsers send one at a time. */
  readonly maxRequestsInFlight: number
  /** An HTTP connection that sends or receives nothing for this long is closed. */
  readonly idleSocketMs: number
  /** A kept-alive HTTP connection with no request in flight is closed after this. */
  readonly keepAliveMs: number
  /** How often each API socket is pinged; one that has not answered the previous ping is closed. */
  readonly heartbeatMs: number
  /** How long a disconnected client has to read its close frame before its socket is destroyed. */
  readonly closeGraceMs: number
  /** How often refused connections are summed up in one log line. */
  readonly refusalReportMs: number
}

/** The limits `gridkeeper serve` runs with. */
export const DEFAULT_SERVE_LIMITS: ServeLimits = {
  // Well above the largest reply (a backtest's result) and a burst of state pushes
  maxUnsentBytes: 16 * 1024 * 1024,
  slowClientBytes: 4 * 1024 * 1024,
  maxCommandsInFlight: 16,
  maxRequestsInFlight: 4,
  idleSocketMs: 120_000,
  keepAliveMs: 5_000,
  heartbeatMs: 30_000,
  closeGraceMs: 5_000,
  refusalReportMs: 60_000
}
