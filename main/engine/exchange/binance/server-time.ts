/** How the adapter keeps its server-time offset. */
export interface ServerTimeDeps {
  /** Fetches the exchange's clock (`GET /api/v3/time`), in epoch milliseconds. */
  readonly fetchServerTimeMs: () => Promise<number>
  /**
   * The local wall clock the offset is measured against. The SDK stamps every signed request with
   * `Date.now() + offset`, so this is `Date.now` in production whatever engine Clock is injected.
   */
  readonly wallNowMs: () => number
  /** Receives every new offset (the adapter hands it to the SDK's REST and WebSocket clients). */
  readonly onOffset: (offsetMs: number) => void
  /** Resync when the last sync is older than this (one hour by default). */
  readonly maxAgeMs?: number
}

/**
 * The offset between the exchange's clock and the local one, kept by the adapter because the
 * SDK's own time sync ignores a custom base URL (it always asks api.binance.com). Measured as
 * `serverTime − (t0 + t1) / 2` around one `GET /api/v3/time`, rounded up; concurrent syncs share
 * one request. Synced before the first signed request, when older than `maxAgeMs`, and once after
 * every -1021.
 */
export class ServerTime {
  private offset = 0
  private syncedAtMs: number | undefined
  private running: Promise<number> | undefined

  constructor(private readonly deps: ServerTimeDeps) {}

  /** Returns the current offset in milliseconds (server minus local). */
  offsetMs(): number {
    return this.offset
  }

  /** Returns the exchange's time as this side estimates it now. */
  serverNowMs(): number {
    return this.deps.wallNowMs() + this.offset
  }

  /** Returns true once a sync has succeeded. */
  isSynced(): boolean {
    return this.syncedAtMs !== undefined
  }

  /** Measures the offset again (joining a sync already running) and returns it. */
  sync(): Promise<number> {
    this.running ??= this.measure().finally(() => {
      this.running = undefined
    })
    return this.running
  }

  /** Syncs when never synced or when the last sync is older than `maxAgeMs`. */
  async ensureFresh(): Promise<void> {
    const maxAgeMs = this.deps.maxAgeMs ?? 3_600_000
    if (this.syncedAtMs !== undefined && this.deps.wallNowMs() - this.syncedAtMs < maxAgeMs) return
    await this.sync()
  }

  private async measure(): Promise<number> {
    const { wallNowMs, fetchServerTimeMs, onOffset } = this.deps
    const startedMs = wallNowMs()
    const serverMs = await fetchServerTimeMs()
    const endedMs = wallNowMs()
    this.offset = Math.ceil(serverMs - (startedMs + endedMs) / 2)
    this.syncedAtMs = endedMs
    onOffset(this.offset)
    return this.offset
  }
}
