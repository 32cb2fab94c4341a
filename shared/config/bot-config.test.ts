import { describe, expect, it } from 'vitest'
import { parseBotConfig, type BotConfig } from './bot-config'
import { classifyConfigChange } from './config-change'

const minimal = { id: 'b1', symbol: 'BTCUSDT', grid: { lower: '55000', upper: '65000', grids: 10, investment: '1000' } }

function valid(input: unknown): BotConfig {
  const result = parseBotConfig(input)
  if (!result.ok) throw new Error(result.errors.join('; '))
  return result.config
}

function errors(input: unknown): readonly string[] {
  const result = parseBotConfig(input)
  return result.ok ? [] : result.errors
}

describe('parseBotConfig', () => {
  it('fills every documented default into a minimal configuration', () => {
    const config = valid(minimal)
    expect(config.grid).toEqual({ lower: '55000', upper: '65000', grids: 10, spacing: 'arithmetic', investment: '1000', baseHeld: '0' })
    expect(config.fees).toEqual({ maker: '0.001', taker: '0.001' })
    expect(config.risk).toEqual({ stopOutcome: 'cancel', ocoBackstop: true, stopLimitSlippagePct: '0.5' })
    expect(config.recenter).toEqual({ enabled: true, confirmationMs: 7_200_000, cooldownMs: 21_600_000, hysteresisPct: '0.5', valueReservePct: '1' })
    expect(config.deadlock).toEqual({ cooldownMs: 3_600_000 })
    expect(config.baseTrades).toEqual({ useMarketOrders: true, attempts: 5, repriceIntervalMs: 30_000, priceOffsetTicks: 0, marketBuyHeadroomPct: '2' })
    expect(config.orders).toEqual({ maxAttempts: 8, baseRetryDelayMs: 500, maxRetryDelayMs: 30_000, budgetMs: 600_000, cancelSweeps: 5, cancelSweepPauseMs: 1_000, waitRecheckMs: 30_000, unknownQueryDelaysMs: [0, 1_000, 3_000, 10_000] })
    expect(config.reconcile.intervalMs).toBe(300_000)
    expect(config.emergency.flatten).toBe(false)
    expect(config.marketState.windowCandles).toBe(48)
  })

  it('names every problem at once, each with its path', () => {
    const input = {
      ...minimal,
      id: 'bot-1',
      grid: { lower: '65000', upper: '55000', grids: 0, investment: '-5' },
      risk: { stopLoss: '1e3', stopOutcome: 'panic' },
      recenter: { confirmationMs: 1.5 },
      colour: 'red'
    }
    expect(errors(input)).toEqual(
      expect.arrayContaining([
        'id: must be 1 to 8 letters or digits',
        'grid.grids: Too small: expected number to be >=1',
        'grid.investment: must be a plain non-negative decimal number such as "0.001" (no sign, no exponent)',
        'risk.stopLoss: must be a plain non-negative decimal number such as "0.001" (no sign, no exponent)',
        'recenter.confirmationMs: must be a whole number of milliseconds',
        'config: Unrecognized key: "colour"'
      ])
    )
    expect(errors(input).some((line) => line.startsWith('risk.stopOutcome:'))).toBe(true)
  })

  it('names the bound a duration breaks', () => {
    expect(errors({ ...minimal, recenter: { confirmationMs: 1_000 } })).toEqual(['recenter.confirmationMs: must be at least 60000 ms'])
  })

  it('refuses money written as a JSON number, which would pass through a float', () => {
    expect(errors({ ...minimal, grid: { ...minimal.grid, lower: 55000 } })).toEqual(['grid.lower: must be a decimal number written as text, such as "0.001"'])
  })

  it('restores a configuration an older version stored: its deadlock rebalancing settings become the base trades\' own', () => {
    const stored = { ...minimal, deadlock: { cooldownMs: 60_000, rebalanceAttempts: 2, repriceIntervalMs: 5_000, useMarketOrders: false } }
    const config = valid(stored)
    expect(config.deadlock).toEqual({ cooldownMs: 60_000 })
    expect(config.baseTrades).toEqual({ useMarketOrders: false, attempts: 2, repriceIntervalMs: 5_000, priceOffsetTicks: 0, marketBuyHeadroomPct: '2' })
    // What is set in baseTrades wins, and a moved field is still checked where it lives now
    expect(valid({ ...stored, baseTrades: { attempts: 9 } }).baseTrades.attempts).toBe(9)
    expect(errors({ ...minimal, deadlock: { rebalanceAttempts: 0 } })).toEqual(['baseTrades.attempts: Too small: expected number to be >=1'])
    expect(errors({ ...minimal, deadlock: { rebalanceAttempts: 2 }, baseTrades: 'fast' }).some((line) => line.startsWith('baseTrades:'))).toBe(true)
  })

  it('checks fields against each other', () => {
    expect(errors({ ...minimal, grid: { ...minimal.grid, upper: '55000' } })).toEqual(['grid.upper: must be above grid.lower (55000)'])
    expect(errors({ ...minimal, risk: { stopLoss: '66000' } })).toEqual(['risk.stopLoss: must be below grid.upper (65000)'])
    expect(errors({ ...minimal, risk: { stopLoss: '60000', takeProfit: '59000' } })).toEqual(['risk.takeProfit: must be above risk.stopLoss (60000)'])
    expect(errors({ ...minimal, fees: { maker: '1' } })).toEqual(['fees.maker: must be below 0.5 (a rate, e.g. 0.001 for 0.1 %)'])
    expect(errors({ ...minimal, grid: { ...minimal.grid, investment: '0' } })).toEqual(['grid.investment: investment and baseHeld are both zero'])
    expect(errors({ ...minimal, recenter: { valueReservePct: '50' } })).toEqual(["recenter.valueReservePct: must be below 50 (percent of the bot's value)"])
  })
})

describe('classifyConfigChange', () => {
  const current = valid(minimal)

  it('applies risk, fees and timing changes live, re-plans grid changes, and refuses a new symbol', () => {
    const next = valid({ ...minimal, symbol: 'ETHUSDT', grid: { ...minimal.grid, grids: 12 }, risk: { stopLoss: '50000' }, reconcile: { intervalMs: 60_000 } })
    expect(classifyConfigChange(current, next).map((change) => `${change.path}:${change.effect}`)).toEqual([
      'grid.grids:replan',
      'reconcile.intervalMs:live',
      'risk.stopLoss:live',
      'symbol:refused'
    ])
  })

  it('finds nothing to do for an identical configuration', () => {
    expect(classifyConfigChange(current, valid(minimal))).toEqual([])
  })
})
