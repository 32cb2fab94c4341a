import type { Clock } from '../../clock/clock'
import type { Logger } from '../../logging/logger'
import type { RateLimitGovernorOptions } from './rate-limit-governor'
import type { BinanceEndpoints } from './urls'
import type { UserStreamSettings } from './user-data-stream'

/** Everything a BinanceExchange needs; durations in milliseconds, with the defaults named. */
export interface BinanceExchangeOptions {
  /** Live, testnet, demo or a custom base such as a paper server (see urls.ts). */
  readonly endpoints: BinanceEndpoints
  readonly apiKey: string
  /** HMAC secret, or an Ed25519/RSA private key in PEM (Ed25519 logs the WebSocket API session on). */
  readonly apiSecret: string
  /** The engine's clock: backoff, timeouts, the idle watchdog and rate-limit waits sleep on it. */
  readonly clock: Clock
  readonly logger: Logger
  /** Random numbers in [0, 1) for reconnect jitter (Math.random by default). */
  readonly random?: () => number
  /**
   * The wall clock the server-time offset is measured against (Date.now by default): the SDK
   * stamps signed requests with `Date.now() + offset`, whatever clock the engine runs on.
   */
  readonly wallNowMs?: () => number
  /** recvWindow of signed requests (5 000; Binance allows up to 60 000). */
  readonly recvWindowMs?: number
  /** An unanswered REST request is abandoned after this; its outcome is then unknown (10 000). */
  readonly requestTimeoutMs?: number
  /** The server-time offset is measured again when older than this (3 600 000). */
  readonly timeSyncIntervalMs?: number
  readonly rateLimit?: RateLimitGovernorOptions
  readonly userStream?: UserStreamSettings
}
