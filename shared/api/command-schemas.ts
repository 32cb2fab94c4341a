/**
 * The schema of every command's parameters. Main validates each payload against its schema
 * before a handler sees it, whichever transport it came by; a payload that does not match is
 * answered with `invalid-params` and the reason.
 */
import { z } from 'zod'
import { positiveDecimalText } from '../config/decimal-text'
import type { ApiCommands } from './api'
import { TRADING_MODES } from './app-info'

const botId = z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'must be a bot id: 1 to 8 letters or digits')
const botRef = z.strictObject({ botId })
const keyedMode = z.enum(['testnet', 'demo', 'live'], 'must be testnet, demo or live')
const levelRef = z.strictObject({ botId, level: z.number().int().min(0).max(1000) })
// The configuration itself is checked by the bot configuration schema, which names every problem
const configParams = z.strictObject({ config: z.record(z.string(), z.unknown()) })

/** The parameter schema of each command; `z.undefined()` for commands that take none. */
export const commandSchemas = {
  getInfo: z.undefined(),
  getState: z.undefined(),
  getCandles: z.strictObject({
    symbol: z.string().regex(/^[A-Z0-9]{2,20}$/, 'must be an exchange symbol in capitals, such as BTCUSDT'),
    interval: z.enum(['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d']),
    limit: z.number().int().min(1).max(1000)
  }),
  previewPlan: configParams,
  startBot: configParams,
  pauseBot: botRef,
  resumeBot: botRef,
  emergencyStop: z.strictObject({ botId, sellBase: z.boolean() }),
  holdLevel: levelRef,
  releaseLevel: levelRef,
  recenterNow: botRef,
  diagnoseRebalance: botRef,
  rebalanceNow: botRef,
  cancelOco: botRef,
  moveOco: z.strictObject({ botId, stopLoss: positiveDecimalText, takeProfit: positiveDecimalText }),
  // Key and secret are only checked for shape here; the key store's own rules say what is wrong
  saveKeys: z.strictObject({ profile: keyedMode, apiKey: z.string().max(256), apiSecret: z.string().max(16_384) }),
  deleteKeys: z.strictObject({ profile: keyedMode }),
  testConnection: z.strictObject({ profile: keyedMode }),
  setMode: z.strictObject({ mode: z.enum(TRADING_MODES) }),
  dismissAway: z.undefined(),
  stopAll: z.strictObject({ sellBase: z.boolean() })
} as const satisfies { readonly [Method in keyof ApiCommands]: z.ZodType }

/** The parameters of a command, after validation. */
export type CommandParams<Method extends keyof ApiCommands> = z.output<(typeof commandSchemas)[Method]>

/** The value a command's successful Result carries. */
export type CommandValue<Method extends keyof ApiCommands> = Awaited<ReturnType<ApiCommands[Method]>> extends infer R
  ? R extends { readonly ok: true; readonly value: infer V }
    ? V
    : never
  : never
