import { OutcomeUnknownError } from '../errors/outcome-unknown-error'
import { isExchangeRetryableError } from '../errors/exchange-retryable-error'
import type { BinanceRestClient } from './client'
import { toExchangeError } from './errors'
import type { RateLimitGovernor } from './rate-limit-governor'
import type { RequestCost } from './request-costs'
import { sdkErrorFacts } from './sdk-error-facts'
import type { ServerTime } from './server-time'

/** What the caller combines for every REST request. */
export interface RestCallerDeps {
  readonly client: BinanceRestClient
  readonly governor: RateLimitGovernor
  readonly serverTime: ServerTime
}

// Errors a parser throws for an answer it cannot read (not programmer errors, which pass through)
const UNREADABLE = new Set(['BinancePayloadError', 'ExchangeInfoFormatError', 'RangeError'])

/**
 * Runs one REST request the way every request runs: the clock offset fresh before a signed one,
 * the rate-limit governor's admission, the SDK call, the usage headers fed back, an SDK error
 * mapped to the port's typed errors (a 429/418 holds every later send; a -1021 resyncs the offset
 * once), and an answer that cannot be read reported as an unknown outcome — the request reached
 * the exchange, so it may have acted.
 */
export class RestCaller {
  constructor(private readonly deps: RestCallerDeps) {}

  /** Sends one request and parses its answer. */
  async call<T>(cost: RequestCost, send: (client: BinanceRestClient) => Promise<unknown>, parse: (raw: unknown) => T): Promise<T> {
    const { client, governor } = this.deps
    if (cost.usesServerClock) await this.freshClock()
    // Successful order entry costs no weight since 2026-04-02; a failed one's charge comes back in the headers
    await governor.admit({ weight: cost.orderEntry ? 0 : cost.weight, orders: cost.orders })
    let raw: unknown
    try {
      raw = await send(client)
    } catch (error) {
      throw await this.failed(error, cost.orderEntry)
    }
    governor.observe(client.usageHeaders(cost.orderEntry))
    try {
      return parse(raw)
    } catch (error) {
      if (error instanceof Error && UNREADABLE.has(error.name)) {
        throw new OutcomeUnknownError(`the answer of ${cost.endpoint} could not be read: ${error.message}`, undefined, { cause: error })
      }
      throw error
    }
  }

  private async freshClock(): Promise<void> {
    try {
      await this.deps.serverTime.ensureFresh()
    } catch (error) {
      throw await this.failed(error, false)
    }
  }

  private async failed(error: unknown, orderEntry: boolean): Promise<Error> {
    const { governor, serverTime } = this.deps
    const facts = sdkErrorFacts(error)
    governor.observe(facts.headers)
    const mapped = toExchangeError(error, { orderEntry, nowMs: serverTime.serverNowMs() })
    if (isExchangeRetryableError(mapped)) {
      if (mapped.reason === 'rate-limit' || mapped.reason === 'banned') governor.hold(mapped.retryAfterMs, mapped.reason, mapped.venueCode)
      // One resync per rejected timestamp; the caller's retry then carries the corrected time
      if (mapped.reason === 'timestamp') await serverTime.sync().catch(() => undefined)
    }
    return mapped
  }
}
