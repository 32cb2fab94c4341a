import { z } from 'zod'
import { issueSentences, predicateErrors } from '../validation/issue-sentences'
import { decimalText, durationMs, positiveDecimalText, validDecimal } from './decimal-text'
import { MARKET_STATE_INTERVALS } from './market-intervals'
import { configSettingName } from './setting-names'
import { upgradeStoredConfig } from './upgrade-stored-config'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** How a stop-loss or take-profit exits: keep the assets, cancel the orders only, or sell all base. */
export const STOP_OUTCOMES = ['keep', 'cancel', 'sell-all'] as const

const gridSchema = z.strictObject({
  /** Lowest level price. */
  lower: positiveDecimalText('55000'),
  /** Highest level price. */
  upper: positiveDecimalText('65000'),
  /** Number of intervals: N grids make N + 1 level prices. */
  grids: z.number().int().min(1).max(1000),
  spacing: z.enum(['arithmetic', 'geometric']).default('arithmetic'),
  /** Quote committed to the grid. */
  investment: decimalText('1000'),
  /** Base committed to the grid. */
  baseHeld: decimalText('0.01').default('0')
})

const feesSchema = z.strictObject({
  /** Maker fee rate (0.001 = 0.1 %). */
  maker: decimalText('0.001').default('0.001'),
  /** Taker fee rate. */
  taker: decimalText('0.001').default('0.001')
})

const riskSchema = z.strictObject({
  /** Price at or below which the bot exits; absent = no stop-loss. */
  stopLoss: positiveDecimalText('52000').optional(),
  /** Price at or above which the bot exits; absent = no take-profit. */
  takeProfit: positiveDecimalText('68000').optional(),
  /** What an exit does. */
  stopOutcome: z.enum(STOP_OUTCOMES).default('cancel'),
  /** Keep an exchange-side OCO over the inventory grid sells do not hold, so the stops work while the app is offline. */
  ocoBackstop: z.boolean().default(true),
  /** How far below its stop price, in percent, the OCO's stop leg may sell, so it still fills in a fast fall. */
  stopLimitSlippagePct: decimalText('0.5').default('0.5')
})

const marketStateSchema = z.strictObject({
  /** Candle interval the market state is read from. */
  candleInterval: z.enum(MARKET_STATE_INTERVALS).default('5m'),
  /** Candles in the window. */
  windowCandles: z.number().int().min(5).max(1000).default(48),
  /** Net move over the window, in percent, that counts as a trend. */
  trendThresholdPct: decimalText('3').default('3'),
  /** Average candle range, in percent of price, that counts as volatile. */
  volatilityThresholdPct: decimalText('1.5').default('1.5'),
  /** Consecutive candles a new state must hold before it is taken (no flapping). */
  hysteresisCandles: z.number().int().min(1).max(100).default(3)
})

const protectiveSchema = z.strictObject({
  /** In a confirmed downtrend, place no new BUYs below the grid's lowest open order. */
  noBuysInDowntrend: z.boolean().default(true),
  /** In a volatile market, pause new BUYs. */
  pauseBuysWhenVolatile: z.boolean().default(false)
})

const recenterSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** How long the price must stay outside the range, without interruption, before the grid is moved (on the exchange's clock). */
  confirmationMs: durationMs(2 * HOUR, MINUTE),
  /** Shortest time between two recenters, or attempts at one (on the exchange's clock). */
  cooldownMs: durationMs(6 * HOUR),
  /** How far outside the range, in percent of the range edge, the price must be to count as outside. */
  hysteresisPct: decimalText('0.5').default('0.5'),
  /**
   * Part of the bot's value, in percent, a recentered grid leaves unplanned: it absorbs the fee and
   * the price of the trade that rebalances the base, and the rounding to the exchange's steps.
   */
  valueReservePct: decimalText('1').default('1')
})

const deadlockSchema = z.strictObject({
  /** Wait after a rebalance (or a failed one) before the next. */
  cooldownMs: durationMs(HOUR)
})

const baseTradesSchema = z.strictObject({
  /**
   * Buy and sell base outside the grid (the first purchase, a recenter's or a deadlock's
   * rebalance, a sell-all exit, an EMERGENCY sale) with MARKET orders where the symbol allows
   * them; off, or where the symbol has no MARKET, with a LIMIT at the touch.
   */
  useMarketOrders: z.boolean().default(true),
  /** Orders one such trade may send (each LIMIT a fresh one at the touch) before the rest is given up and reported. */
  attempts: z.number().int().min(1).max(50).default(5),
  /** How long a LIMIT waits for its fill before it is cancelled and placed again at the touch. */
  repriceIntervalMs: durationMs(30_000, 1_000),
  /** Ticks beyond the touch a LIMIT is priced (a BUY above the best ask, a SELL below the best bid), so a moving market still fills it. */
  priceOffsetTicks: z.number().int().min(0).max(1_000).default(0),
  /** A MARKET BUY's cost is known only once it fills: this much above the last price, in percent, is set aside for it until then. */
  marketBuyHeadroomPct: decimalText('2').default('2')
})

const ordersSchema = z.strictObject({
  /** Sends of one order at most, the first included. */
  maxAttempts: z.number().int().min(1).max(100).default(8),
  /** First retry wait; each further one doubles up to maxRetryDelayMs, with jitter. */
  baseRetryDelayMs: durationMs(500, 10),
  maxRetryDelayMs: durationMs(30_000, 100),
  /** Total time one order may take, waits included. */
  budgetMs: durationMs(10 * MINUTE, 1_000),
  /** Sweeps of the exchange's open orders an EMERGENCY STOP, exit or re-plan makes at most, each cancelling what the one before left. */
  cancelSweeps: z.number().int().min(1).max(20).default(5),
  /** Pause between two such sweeps, for the exchange to show what the last one did. */
  cancelSweepPauseMs: durationMs(1_000, 0, 60_000),
  /** How long an order the exchange cannot take now (outside the price band after a gap, market in BREAK) waits before it is tried again. */
  waitRecheckMs: durationMs(30_000, 1_000),
  /** Waits before each query that resolves a send whose outcome is unknown (Binance may show a new order late). */
  unknownQueryDelaysMs: z.array(z.number().int().min(0).max(MINUTE)).min(1).max(10).default([0, 1_000, 3_000, 10_000])
})

const reconcileSchema = z.strictObject({
  /** How often the bot asks the exchange even when nothing seems wrong. */
  intervalMs: durationMs(5 * MINUTE, 10_000),
  /** The symbol's rules (tick, lot step, filters, trading status) are fetched again on a reconciliation once older than this. */
  rulesMaxAgeMs: durationMs(HOUR, 10_000)
})

const emergencySchema = z.strictObject({
  /** On EMERGENCY, cancel the bot's orders and sell its base at market. */
  flatten: z.boolean().default(false)
})

/**
 * A grid bot's configuration: every amount an exact decimal string, every duration in
 * milliseconds, every field with a documented default. Unknown fields are refused.
 */
export const botConfigSchema = z
  .strictObject({
    /** 1 to 8 letters or digits; part of every client order id. */
    id: z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'must be 1 to 8 letters or digits'),
    symbol: z.string().regex(/^[A-Z0-9]{2,20}$/, 'must be an exchange symbol in capitals, such as BTCUSDT'),
    grid: gridSchema,
    fees: feesSchema.default(feesSchema.parse({})),
    risk: riskSchema.default(riskSchema.parse({})),
    marketState: marketStateSchema.default(marketStateSchema.parse({})),
    protective: protectiveSchema.default(protectiveSchema.parse({})),
    recenter: recenterSchema.default(recenterSchema.parse({})),
    deadlock: deadlockSchema.default(deadlockSchema.parse({})),
    baseTrades: baseTradesSchema.default(baseTradesSchema.parse({})),
    orders: ordersSchema.default(ordersSchema.parse({})),
    reconcile: reconcileSchema.default(reconcileSchema.parse({})),
    emergency: emergencySchema.default(emergencySchema.parse({}))
  })
  .superRefine((config, context) => {
    // Settings are compared only when each is valid by itself, so a bad one is named once, for what is wrong with it
    const problem = (path: readonly string[], message: string) => context.addIssue({ code: 'custom', path: [...path], message })
    const lower = validDecimal(config.grid.lower)
    const upper = validDecimal(config.grid.upper)
    const investment = validDecimal(config.grid.investment)
    const baseHeld = validDecimal(config.grid.baseHeld)
    if (lower !== undefined && upper !== undefined && !upper.gt(lower)) problem(['grid', 'upper'], `must be above the lower price (${lower.toFixed()})`)
    if (investment?.isZero() === true && baseHeld?.isZero() === true) problem(['grid', 'investment'], 'and base held are both zero: the grid needs quote to invest or base to sell')
    const stopLoss = validDecimal(config.risk.stopLoss)
    const takeProfit = validDecimal(config.risk.takeProfit)
    if (stopLoss !== undefined && upper !== undefined && !stopLoss.lt(upper)) problem(['risk', 'stopLoss'], `must be below the upper price (${upper.toFixed()})`)
    if (takeProfit !== undefined && lower !== undefined && !takeProfit.gt(lower)) problem(['risk', 'takeProfit'], `must be above the lower price (${lower.toFixed()})`)
    if (stopLoss !== undefined && takeProfit !== undefined && !stopLoss.lt(takeProfit)) problem(['risk', 'takeProfit'], `must be above the stop-loss (${stopLoss.toFixed()})`)
    if (validDecimal(config.baseTrades.marketBuyHeadroomPct)?.lt(50) === false) problem(['baseTrades', 'marketBuyHeadroomPct'], 'must be below 50 (percent)')
    if (validDecimal(config.risk.stopLimitSlippagePct)?.lt(50) === false) problem(['risk', 'stopLimitSlippagePct'], 'must be below 50 (percent)')
    for (const [name, rate] of Object.entries(config.fees)) {
      if (validDecimal(rate)?.gte('0.5') === true) problem(['fees', name], 'must be below 0.5 (a rate: 0.001 is 0.1 %)')
    }
    if (validDecimal(config.recenter.valueReservePct)?.lt(50) === false) problem(['recenter', 'valueReservePct'], "must be below 50 (percent of the bot's value)")
    if (config.orders.maxRetryDelayMs < config.orders.baseRetryDelayMs) problem(['orders', 'maxRetryDelayMs'], 'must not be below the first retry wait')
  })

/** A validated bot configuration with every default filled in. */
export type BotConfig = z.output<typeof botConfigSchema>

/** A bot configuration as a person writes it: defaults may be left out. */
export type BotConfigInput = z.input<typeof botConfigSchema>

/** The outcome of validating a configuration: the config, or every problem as a sentence for a person. */
export type BotConfigResult = { readonly ok: true; readonly config: BotConfig } | { readonly ok: false; readonly errors: readonly string[] }

/**
 * Validates a configuration, whatever it is, without throwing; each error is a sentence that
 * names the setting, e.g. "Upper price must be above the lower price (65000)", and repeats at
 * most a few dozen characters of what was given.
 */
export function parseBotConfig(input: unknown): BotConfigResult {
  const result = botConfigSchema.safeParse(upgradeStoredConfig(input), { error: predicateErrors })
  if (result.success) return { ok: true, config: result.data }
  return { ok: false, errors: issueSentences(result.error.issues, configSettingName) }
}

/** Validates a configuration and returns it, or throws one error listing every problem (for code and tests that build configs). */
export function botConfig(input: BotConfigInput): BotConfig {
  const result = parseBotConfig(input)
  if (!result.ok) throw new Error(`invalid bot configuration: ${result.errors.join('; ')}`)
  return result.config
}
