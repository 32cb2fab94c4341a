import type { Decimal } from '@shared/money/decimal'
import type { Clock } from '../../clock/clock'
import type { Candle } from '../port/market-event'
import type { SimExchange } from '../sim/sim-exchange'
import type { SimExchangeOptions } from '../sim/sim-exchange-options'
import type { SimFaultOptions } from '../sim/sim-faults'
import type { PaperApiKey } from './api-key-registry'
import type { PaperFaultSettings } from './paper-faults'
import type { RateLimitSettings } from './rate-limiter'

/** A simulator the caller built, served as it is. */
export interface ExistingSim {
  readonly exchange: SimExchange
  /** Fee rates the account reports (the simulator's own; 0.001 when not given). */
  readonly makerFee?: Decimal
  readonly takerFee?: Decimal
}

/** How to build the simulator the server serves. */
export interface SimBuildOptions {
  /** A raw exchangeInfo response (e.g. read from a file); the built-in BTCUSDT/ETHUSDT market when absent. */
  readonly exchangeInfo?: unknown
  /** Only these symbols of the exchangeInfo (all when absent). */
  readonly symbols?: readonly string[]
  /** Starting free balances, as exact decimal text (10000 USDT when absent). */
  readonly balances?: Readonly<Record<string, string>>
  /** Starting last prices per symbol, as exact decimal text (built-in prices for the built-in symbols). */
  readonly prices?: Readonly<Record<string, string>>
  /** Commission rates as decimal text (0.001 each when absent). */
  readonly makerFee?: string
  readonly takerFee?: string
  /** The simulator's own faults at the start. */
  readonly faults?: SimFaultOptions
  /** How the account pays commissions (BNB burn and BNB prices; see SimExchangeOptions.commission). */
  readonly commission?: SimExchangeOptions['commission']
}

/** Where prices come from: nothing (the caller trades the simulator), a seeded random walk, or replayed klines. */
export type PriceSourceOptions =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'synthetic'
      /** Milliseconds between two ticks of each symbol (default 1000). */
      readonly intervalMs?: number
      /** Calm-time volatility of one tick (the SyntheticMarket default when absent). */
      readonly volatility?: number
    }
  | {
      readonly kind: 'replay'
      readonly candles: readonly Candle[]
      /** How many times faster than real time the candles play (default 1). */
      readonly speed?: number
    }

/** Options of startPaperServer. */
export interface PaperServerOptions {
  /** TCP port; 0 (the default) takes a free one. */
  readonly port?: number
  /** Interface to listen on (127.0.0.1 by default; the server is meant for loopback). */
  readonly host?: string
  /** The simulator to serve, or how to build one (the built-in market when absent). */
  readonly sim?: ExistingSim | SimBuildOptions
  /** API keys the server accepts. */
  readonly apiKeys?: readonly PaperApiKey[]
  /** The server's clock (wall-clock time by default); timestamps, recvWindow and rate windows use it. */
  readonly clock?: Clock
  /** Rate limits (Binance's by default). */
  readonly weights?: Partial<RateLimitSettings>
  /** Faults at the start (all off by default); change them later through `server.faults`. */
  readonly faults?: Partial<PaperFaultSettings>
  /** Seed of every random choice of the server and of a simulator it builds (1 by default). */
  readonly seed?: number
  /** The price source (none by default). */
  readonly priceSource?: PriceSourceOptions
  /** Server ping interval and pong timeout of WebSocket connections (20 s and 60 s, as Binance). */
  readonly heartbeat?: { readonly pingIntervalMs?: number; readonly pongTimeoutMs?: number }
  /**
   * A state file: when it exists the account is rebuilt from it at start (its starting balances,
   * prices and fees win over `sim`'s), every change is recorded (the public trades that change
   * nothing but the market as one bar per symbol and minute), and the file is written on `close()`
   * and by `saveState()`, without the bars older than the klines keep. Needs a simulator the
   * server builds. A file that is not one, or that a newer version wrote, stops the start with a
   * PaperStateFileError and is left as it is. What the simulator's world does by itself (its
   * hooks and world fault rates: expiries, the person trading by hand, forgotten orders, status
   * and rules changes…) is not recorded, so a state file replays only the API's actions and the market.
   */
  readonly stateFile?: string
  /** Interval of avgPrice stream events (1000 ms). */
  readonly avgPriceIntervalMs?: number
}
