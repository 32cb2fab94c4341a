import type { Exchange } from '../port/exchange'

/** The Exchange methods that return a promise, so a one-shot failure can be injected into them. */
export type FaultableMethod = {
  [K in keyof Exchange]: Exchange[K] extends (...args: never[]) => Promise<unknown> ? K : never
}[keyof Exchange]

/** The methods Binance serves as SIGNED requests (timestamp and recvWindow checked): a -1021 burst refuses them. */
export const SIGNED_METHODS: ReadonlySet<FaultableMethod> = new Set<FaultableMethod>([
  'account',
  'placeOrder',
  'cancelOrder',
  'cancelAllOrders',
  'queryOrder',
  'openOrders',
  'allOrders',
  'myTrades',
  'placeOcoList',
  'cancelOrderList',
  'openOrderLists'
])

/** A placement refusal Binance really sends: code and text. */
export interface VenueReject {
  readonly code: number
  readonly message: string
  /** Only for orders that carry a price (Binance checks the price only when there is one). */
  readonly needsPrice?: boolean
}

/**
 * The non-retryable placement refusals of the random reject mix, each as Binance words it: engine
 * rejects (-2010), filter failures of several kinds (-1013) and precision errors (-1111).
 */
export const PLACEMENT_REJECTS: readonly VenueReject[] = [
  { code: -2010, message: 'Account has insufficient balance for requested action.' },
  { code: -2010, message: 'This action is disabled on this account.' },
  { code: -1013, message: 'Filter failure: PRICE_FILTER', needsPrice: true },
  { code: -1013, message: 'Filter failure: LOT_SIZE' },
  { code: -1013, message: 'Filter failure: NOTIONAL' },
  { code: -1013, message: 'Filter failure: PERCENT_PRICE_BY_SIDE', needsPrice: true },
  { code: -1013, message: 'Filter failure: MAX_NUM_ORDERS' },
  { code: -1111, message: "Parameter 'price' has too much precision.", needsPrice: true },
  { code: -1111, message: "Parameter 'quantity' has too much precision." }
]

/** Probabilities (0…1) and parameters of the random faults of a chaos run. */
export interface SimFaultRates {
  /** placeOrder is rejected with `placeReject`. */
  readonly placeRejectRate: number
  /** placeOrder places the order, then the call times out (OutcomeUnknownError). */
  readonly timeoutAfterAcceptRate: number
  /** placeOrder times out and nothing is placed (OutcomeUnknownError). */
  readonly timeoutBeforeAcceptRate: number
  /** placeOrder answers 429 (ExchangeRetryableError -1015). */
  readonly rateLimitRate: number
  /** cancelOrder times out; half the time the cancel had been applied, half the time not. */
  readonly cancelTimeoutRate: number
  /** A user event is lost. */
  readonly streamDropRate: number
  /** A user event arrives twice. */
  readonly streamDuplicateRate: number
  /** A user event (and so every later one) arrives `streamDelayMs` of clock time late. */
  readonly streamDelayRate: number
  readonly streamDelayMs: number
  /** Retry-After of an injected 429, in milliseconds. */
  readonly rateLimitRetryAfterMs: number
  /** The code and text of a random placement reject. */
  readonly placeReject: VenueReject
  /** placeOrder is refused with one of PLACEMENT_REJECTS that fits the order, picked at random (drawn apart from the faults above). */
  readonly placeRejectMixRate: number
  /** A signed call starts a stretch of `timestampBurstMs` in which every signed call is refused with -1021. */
  readonly timestampBurstRate: number
  readonly timestampBurstMs: number
  /**
   * An order that takes finds a thin book: the liquidity at the touch is a random part of its
   * quantity and the account's own resting orders within its price stand in front (self-trade prevention).
   */
  readonly thinBookRate: number
  /** On each public trade: an open order of ours on the symbol is ended by the exchange (EXPIRED, EXCHANGE_CANCELED). */
  readonly exchangeExpireRate: number
  /** On each public trade: an open order of ours is partly filled, then cancelled by someone else (the website). */
  readonly externalCancelRate: number
  /** On each public trade: the person trading by hand on the account places or cancels an order of theirs. */
  readonly handTradeRate: number
  /** On each public trade: an order of the account on the symbol vanishes from the exchange's memory, its funds unlocked. */
  readonly forgetOrderRate: number
  /** On each public trade: the symbol goes to BREAK for `symbolBreakMs`. */
  readonly symbolBreakRate: number
  readonly symbolBreakMs: number
  /** On each public trade: the symbol's tick size, lot step or minimum notional changes. */
  readonly rulesChangeRate: number
  /** On each public trade: the trade prints `gapPercent` away from its price (a gap the average price lags behind). */
  readonly gapRate: number
  readonly gapPercent: number
  /** Each of our fills pays its commission in BNB when the account holds enough (else in the received asset). */
  readonly bnbCommissionRate: number
}

/** Initial fault settings; anything absent is off. */
export type SimFaultOptions = Partial<SimFaultRates>

/** How many faults of each kind were injected so far. */
export interface FaultStats {
  failNext: number
  placeRejected: number
  placeTimeoutAfterAccept: number
  placeTimeoutBeforeAccept: number
  placeRateLimited: number
  cancelTimeoutBeforeApply: number
  cancelTimeoutAfterApply: number
  streamDropped: number
  streamDuplicated: number
  streamDelayed: number
  /** Events lost while the stream was silenced. */
  streamSilenced: number
  /** Events lost while the stream was disconnected. */
  streamLostWhileDisconnected: number
  streamSilences: number
  streamDisconnects: number
  /** Placements refused from the reject mix. */
  placeRejectedMix: number
  /** -1021 bursts started, and the signed calls they refused. */
  timestampBursts: number
  timestampRejected: number
  /** Orders that met a thin book. */
  thinBookTakes: number
  /** Self-trades prevented (each prevented match once). */
  selfTradesPrevented: number
  /** Orders the exchange ended by itself (EXCHANGE_CANCELED). */
  exchangeExpiries: number
  /** Orders cancelled by someone else (after a partial fill when there was room for one). */
  externalCancels: number
  /** Orders the person trading by hand placed and cancelled. */
  handOrdersPlaced: number
  handOrdersCancelled: number
  /** Orders forgotten by the exchange, and full account resets. */
  ordersForgotten: number
  accountResets: number
  /** Symbols sent to BREAK (or another non-trading status). */
  symbolBreaks: number
  /** Rules changes applied. */
  rulesChanges: number
  /** Trades printed away from their price. */
  gaps: number
  /** Fills whose commission was paid in BNB. */
  commissionInBnb: number
}

/** Returns a FaultStats with every counter at zero. */
export function zeroStats(): FaultStats {
  return {
    failNext: 0,
    placeRejected: 0,
    placeTimeoutAfterAccept: 0,
    placeTimeoutBeforeAccept: 0,
    placeRateLimited: 0,
    cancelTimeoutBeforeApply: 0,
    cancelTimeoutAfterApply: 0,
    streamDropped: 0,
    streamDuplicated: 0,
    streamDelayed: 0,
    streamSilenced: 0,
    streamLostWhileDisconnected: 0,
    streamSilences: 0,
    streamDisconnects: 0,
    placeRejectedMix: 0,
    timestampBursts: 0,
    timestampRejected: 0,
    thinBookTakes: 0,
    selfTradesPrevented: 0,
    exchangeExpiries: 0,
    externalCancels: 0,
    handOrdersPlaced: 0,
    handOrdersCancelled: 0,
    ordersForgotten: 0,
    accountResets: 0,
    symbolBreaks: 0,
    rulesChanges: 0,
    gaps: 0,
    commissionInBnb: 0
  }
}

/** Every setting at its default: every fault off. */
export const DEFAULT_RATES: SimFaultRates = {
  placeRejectRate: 0,
  timeoutAfterAcceptRate: 0,
  timeoutBeforeAcceptRate: 0,
  rateLimitRate: 0,
  cancelTimeoutRate: 0,
  streamDropRate: 0,
  streamDuplicateRate: 0,
  streamDelayRate: 0,
  streamDelayMs: 1000,
  rateLimitRetryAfterMs: 10_000,
  // A transient reject a live bot really meets when the price moves between its check and the send
  placeReject: { code: -1013, message: 'Filter failure: PERCENT_PRICE_BY_SIDE' },
  placeRejectMixRate: 0,
  timestampBurstRate: 0,
  timestampBurstMs: 30_000,
  thinBookRate: 0,
  exchangeExpireRate: 0,
  externalCancelRate: 0,
  handTradeRate: 0,
  forgetOrderRate: 0,
  symbolBreakRate: 0,
  symbolBreakMs: 60_000,
  rulesChangeRate: 0,
  gapRate: 0,
  gapPercent: 0.1,
  bnbCommissionRate: 0
}

/** Every random fault off (for replaying recorded actions exactly); delays and texts are left as they are. */
export const RANDOM_FAULTS_OFF: SimFaultOptions = {
  placeRejectRate: 0,
  timeoutAfterAcceptRate: 0,
  timeoutBeforeAcceptRate: 0,
  rateLimitRate: 0,
  cancelTimeoutRate: 0,
  placeRejectMixRate: 0,
  timestampBurstRate: 0,
  thinBookRate: 0,
  exchangeExpireRate: 0,
  externalCancelRate: 0,
  handTradeRate: 0,
  forgetOrderRate: 0,
  symbolBreakRate: 0,
  rulesChangeRate: 0,
  gapRate: 0,
  bnbCommissionRate: 0
}

const PROBABILITIES = [
  'placeRejectRate',
  'timeoutAfterAcceptRate',
  'timeoutBeforeAcceptRate',
  'rateLimitRate',
  'cancelTimeoutRate',
  'streamDropRate',
  'streamDuplicateRate',
  'streamDelayRate',
  'placeRejectMixRate',
  'timestampBurstRate',
  'thinBookRate',
  'exchangeExpireRate',
  'externalCancelRate',
  'handTradeRate',
  'forgetOrderRate',
  'symbolBreakRate',
  'rulesChangeRate',
  'gapRate',
  'bnbCommissionRate'
] as const

/** The world events drawn on each public trade, in the order their rates are stacked on the one draw. */
export const WORLD_EVENT_RATES = ['exchangeExpireRate', 'externalCancelRate', 'handTradeRate', 'forgetOrderRate', 'symbolBreakRate', 'rulesChangeRate', 'gapRate'] as const

/** Returns the rates when they are valid, or throws a RangeError naming the first one that is not. */
export function checkRates(rates: SimFaultRates): SimFaultRates {
  for (const key of PROBABILITIES) {
    const value = rates[key]
    if (!(value >= 0 && value <= 1)) throw new RangeError(`fault rate ${key} must be within 0…1, got ${value}`)
  }
  const placement = rates.placeRejectRate + rates.timeoutAfterAcceptRate + rates.timeoutBeforeAcceptRate + rates.rateLimitRate
  if (placement > 1) throw new RangeError(`placement fault rates add up to ${placement}, more than 1`)
  const stream = rates.streamDropRate + rates.streamDuplicateRate + rates.streamDelayRate
  if (stream > 1) throw new RangeError(`stream fault rates add up to ${stream}, more than 1`)
  const world = WORLD_EVENT_RATES.reduce((sum, key) => sum + rates[key], 0)
  if (world > 1) throw new RangeError(`world event rates add up to ${world}, more than 1`)
  for (const key of ['streamDelayMs', 'rateLimitRetryAfterMs', 'timestampBurstMs', 'symbolBreakMs'] as const) {
    if (!(rates[key] >= 0)) throw new RangeError(`fault delay ${key} must not be negative, got ${rates[key]}`)
  }
  if (!(rates.gapPercent > 0 && rates.gapPercent < 1)) throw new RangeError(`gapPercent must be within (0, 1), got ${rates.gapPercent}`)
  return rates
}
