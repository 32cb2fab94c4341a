import type { ApiCommands } from './api'

/** A small valid bot configuration for command payloads. */
export const STUB_CONFIG = { id: 'b1', symbol: 'BTCUSDT', grid: { lower: '55000', upper: '65000', grids: 10, investment: '1000' } } as const

const JAN_2024 = Date.UTC(2024, 0, 1)

/**
 * Returns a valid payload of every command of the contract, every optional parameter given, for
 * the bot and configuration given (a payload to break, field by field, in tests).
 */
export function validCommandParams(botId: string, config: Readonly<Record<string, unknown>> = STUB_CONFIG): { readonly [Method in keyof ApiCommands]: unknown } {
  return {
    getInfo: undefined,
    getState: undefined,
    getCandles: { symbol: 'BTCUSDT', interval: '1m', limit: 100 },
    previewPlan: { config },
    startBot: { config },
    pauseBot: { botId },
    resumeBot: { botId },
    emergencyStop: { botId, sellBase: false },
    holdLevel: { botId, level: 1 },
    releaseLevel: { botId, level: 1 },
    recenterNow: { botId },
    diagnoseRebalance: { botId },
    rebalanceNow: { botId },
    cancelOco: { botId },
    moveOco: { botId, stopLoss: '52000', takeProfit: '68000' },
    saveKeys: { profile: 'testnet', apiKey: 'abcdEFGH12345678wxyz', apiSecret: 'the-secret-value' },
    deleteKeys: { profile: 'testnet' },
    testConnection: { profile: 'testnet' },
    dismissAway: undefined,
    stopAll: { sellBase: false },
    setMode: { mode: 'paper' },
    startNewJournal: { mode: 'paper' },
    startBacktest: { config, klines: { kind: 'file', path: '/data/BTCUSDT-1m-2024-01.csv', fromMs: JAN_2024, toMs: JAN_2024 + 86_400_000 } },
    cancelBacktest: { backtestId: '0b6f2c1e-5d7a-4f5e-9a51-3f1d2b7c8e90' }
  }
}
