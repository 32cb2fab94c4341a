/**
 * The schema of every command's parameters. Main validates each payload against its schema
 * before a handler sees it, whichever transport it came by (see parseCommandParams); a payload
 * that does not match is answered with `invalid-params` and a sentence per problem.
 */
import { z } from 'zod'
import { positiveDecimalText } from '../config/decimal-text'
import type { ApiCommands } from './api'
import { TRADING_MODES } from './app-info'
import { BACKTEST_INTERVALS, BACKTEST_MAX_RANGE_MS } from './backtest-views'

const botId = z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'must be 1 to 8 letters or digits')
const botRef = z.strictObject({ botId })
const keyedMode = z.enum(['testnet', 'demo', 'live'], 'must be testnet, demo or live')
const levelRef = z.strictObject({ botId, level: z.number().int().min(0).max(1000) })
// The configuration itself is checked by the bot configuration schema, which names every problem
const configParams = z.strictObject({ config: z.record(z.string(), z.unknown()) })
const plannedOrder = z.strictObject({ price: z.string().max(64), side: z.enum(['BUY', 'SELL', 'NONE']), quantity: z.string().max(64) })
// The plan the person confirmed: the start is refused when the plan at the price then differs
const startParams = configParams.extend({ expected: z.strictObject({ levels: z.array(plannedOrder).max(1001), acquisitionQuantity: z.string().max(64).nullable() }).optional() })
const symbol = z.string().regex(/^[A-Z0-9]{2,20}$/, 'must be an exchange symbol in capitals, such as BTCUSDT')
// Binance opened in July 2017: nothing earlier has klines
const klinesTimeMs = z
  .number()
  .int('must be a whole number of milliseconds')
  .min(Date.UTC(2017, 0, 1), 'must be on or after 2017-01-01 (Binance has no klines before)')
  .max(Date.UTC(2100, 0, 1), 'must be before 2100')
const backtestKlines = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('download'), symbol, interval: z.enum(BACKTEST_INTERVALS, `must be one of ${BACKTEST_INTERVALS.join(', ')}`), fromMs: klinesTimeMs, toMs: klinesTimeMs }),
    z.strictObject({ kind: z.literal('file'), path: z.string().trim().min(1, 'is empty: name a klines file').max(4096, 'is too long for a file name'), fromMs: klinesTimeMs.optional(), toMs: klinesTimeMs.optional() })
  ],
  'must be a download of a symbol\'s candles or a klines file'
)
const backtestParams = z.strictObject({ config: z.record(z.string(), z.unknown()), klines: backtestKlines }).superRefine(({ klines }, context) => {
  const { fromMs, toMs } = klines
  // A time that is wrong by itself is reported as such, without a range problem on top
  if (!klinesTimeMs.safeParse(fromMs).success || !klinesTimeMs.safeParse(toMs).success || fromMs === undefined || toMs === undefined) return
  if (toMs <= fromMs) context.addIssue({ code: 'custom', path: ['klines', 'toMs'], message: 'must be after the start' })
  else if (klines.kind === 'download' && toMs - fromMs > BACKTEST_MAX_RANGE_MS) context.addIssue({ code: 'custom', path: ['klines', 'toMs'], message: 'must be at most three years after the start' })
})

/** The parameter schema of each command; `z.undefined()` for commands that take none. */
export const commandSchemas = {
  getInfo: z.undefined(),
  getState: z.undefined(),
  getCandles: z.strictObject({
    symbol,
    interval: z.enum(['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d']),
    limit: z.number().int().min(1).max(1000)
  }),
  previewPlan: configParams,
  startBot: startParams,
  pauseBot: botRef,
  resumeBot: botRef,
  emergencyStop: z.strictObject({ botId, sellBase: z.boolean() }),
  holdLevel: levelRef,
  releaseLevel: levelRef,
  recenterNow: botRef,
  diagnoseRebalance: botRef,
  rebalanceNow: botRef,
  cancelOco: botRef,
  moveOco: z.strictObject({ botId, stopLoss: positiveDecimalText('52000'), takeProfit: positiveDecimalText('68000') }),
  // Key and secret are only checked for shape here; the key store's own rules say what is wrong
  saveKeys: z.strictObject({ profile: keyedMode, apiKey: z.string().max(256), apiSecret: z.string().max(16_384) }),
  deleteKeys: z.strictObject({ profile: keyedMode }),
  testConnection: z.strictObject({ profile: keyedMode }),
  setMode: z.strictObject({ mode: z.enum(TRADING_MODES) }),
  startNewJournal: z.strictObject({ mode: z.enum(TRADING_MODES) }),
  dismissAway: z.undefined(),
  stopAll: z.strictObject({ sellBase: z.boolean() }),
  // The configuration is checked by the bot configuration schema when the backtest starts
  startBacktest: backtestParams,
  cancelBacktest: z.strictObject({ backtestId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be the id the backtest was given: letters, digits and dashes') })
} as const satisfies { readonly [Method in keyof ApiCommands]: z.ZodType }

/** The parameters of a command, after validation. */
export type CommandParams<Method extends keyof ApiCommands> = z.output<(typeof commandSchemas)[Method]>

/** The value a command's successful Result carries. */
export type CommandValue<Method extends keyof ApiCommands> = Awaited<ReturnType<ApiCommands[Method]>> extends infer R
  ? R extends { readonly ok: true; readonly value: infer V }
    ? V
    : never
  : never
