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

  it('names every problem at once, each a sentence that names its setting', () => {
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
        'Bot id must be 1 to 8 letters or digits',
        'Number of grids must be at least 1',
        'Investment must not be negative',
        'Stop-loss must be written out in full, like 52000, not with an exponent',
        'What a stop does must be one of keep, cancel, sell-all',
        'Recenter confirmation time must be a whole number of milliseconds',
        'The configuration has a setting it does not know: "colour"'
      ])
    )
  })

  it('names the bound a duration breaks', () => {
    expect(errors({ ...minimal, recenter: { confirmationMs: 1_000 } })).toEqual(['Recenter confirmation time must be at least 60000 ms'])
  })

  it('refuses money written as a JSON number, which would pass through a float', () => {
    expect(errors({ ...minimal, grid: { ...minimal.grid, lower: 55000 } })).toEqual(['Lower price must be written as text in quotes, like "55000", so it stays exact'])
  })

  it('restores a configuration an older version stored: its deadlock rebalancing settings become the base trades\' own', () => {
    const stored = { ...minimal, deadlock: { cooldownMs: 60_000, rebalanceAttempts: 2, repriceIntervalMs: 5_000, useMarketOrders: false } }
    const config = valid(stored)
    expect(config.deadlock).toEqual({ cooldownMs: 60_000 })
    expect(config.baseTrades).toEqual({ useMarketOrders: false, attempts: 2, repriceIntervalMs: 5_000, priceOffsetTicks: 0, marketBuyHeadroomPct: '2' })
    // What is set in baseTrades wins, and a moved field is still checked where it lives now
    expect(valid({ ...stored, baseTrades: { attempts: 9 } }).baseTrades.attempts).toBe(9)
    expect(errors({ ...minimal, deadlock: { rebalanceAttempts: 0 } })).toEqual(['Base trade attempts must be at least 1'])
    expect(errors({ ...minimal, deadlock: { rebalanceAttempts: 2 }, baseTrades: 'fast' })).toContain('The base trades section must be a group of named settings')
  })

  it('checks fields against each other', () => {
    expect(errors({ ...minimal, grid: { ...minimal.grid, upper: '55000' } })).toEqual(['Upper price must be above the lower price (55000)'])
    expect(errors({ ...minimal, risk: { stopLoss: '66000' } })).toEqual(['Stop-loss must be below the upper price (65000)'])
    expect(errors({ ...minimal, risk: { stopLoss: '60000', takeProfit: '59000' } })).toEqual(['Take-profit must be above the stop-loss (60000)'])
    expect(errors({ ...minimal, fees: { maker: '1' } })).toEqual(['Maker fee must be below 0.5 (a rate: 0.001 is 0.1 %)'])
    expect(errors({ ...minimal, grid: { ...minimal.grid, investment: '0' } })).toEqual(['Investment and base held are both zero: the grid needs quote to invest or base to sell'])
    expect(errors({ ...minimal, recenter: { valueReservePct: '50' } })).toEqual(["Recenter value reserve must be below 50 (percent of the bot's value)"])
    expect(errors({ ...minimal, orders: { baseRetryDelayMs: 5_000, maxRetryDelayMs: 1_000 } })).toEqual(['Longest retry wait must not be below the first retry wait'])
  })

  it('compares settings only when each is valid by itself, so a bad one is named once', () => {
    expect(errors({ ...minimal, grid: { ...minimal.grid, lower: '70000', upper: '-5' }, risk: { stopLoss: 'x', takeProfit: '1' } })).toEqual([
      'Upper price must not be negative',
      'Stop-loss must be a number like 52000, not "x"',
      'Take-profit must be above the lower price (70000)'
    ])
  })
})

describe('parseBotConfig given junk in a decimal setting', () => {
  // Every decimal setting of the configuration, with its name and an example it shows
  const DECIMAL_SETTINGS = [
    [['grid', 'lower'], 'Lower price', '55000'],
    [['grid', 'upper'], 'Upper price', '65000'],
    [['grid', 'investment'], 'Investment', '1000'],
    [['grid', 'baseHeld'], 'Base held', '0.01'],
    [['fees', 'maker'], 'Maker fee', '0.001'],
    [['fees', 'taker'], 'Taker fee', '0.001'],
    [['risk', 'stopLoss'], 'Stop-loss', '52000'],
    [['risk', 'takeProfit'], 'Take-profit', '68000'],
    [['risk', 'stopLimitSlippagePct'], 'OCO stop slippage', '0.5'],
    [['marketState', 'trendThresholdPct'], 'Trend threshold', '3'],
    [['marketState', 'volatilityThresholdPct'], 'Volatility threshold', '1.5'],
    [['recenter', 'hysteresisPct'], 'Recenter margin', '0.5'],
    [['recenter', 'valueReservePct'], 'Recenter value reserve', '1'],
    [['baseTrades', 'marketBuyHeadroomPct'], 'Market buy headroom', '2']
  ] as const
  const JUNK = 'x'.repeat(900_000)

  function withSetting([section, field]: readonly [string, string], value: unknown): unknown {
    const current = (minimal as Record<string, unknown>)[section] as Record<string, unknown> | undefined
    return { ...minimal, [section]: { ...current, [field]: value } }
  }

  it.each(DECIMAL_SETTINGS)('names %j as "%s" in one short sentence, whatever its text, and never throws', (path, name, example) => {
    expect(errors(withSetting(path, 'abc'))).toEqual([`${name} must be a number like ${example}, not "abc"`])
    expect(errors(withSetting(path, ''))).toEqual([`${name} is empty: write a number like ${example}`])
    expect(errors(withSetting(path, JUNK))).toEqual([`${name} must be a number like ${example}, not "${'x'.repeat(32)}…" (900000 characters)`])
    expect(errors(withSetting(path, '9'.repeat(900_000)))).toEqual([`${name} has too many digits: at most 20 before the decimal point and 20 after`])
    expect(errors(withSetting(path, '-1'))).toEqual([`${name} must not be negative`])
  })

  it('takes up to 20 digits before the decimal point and 20 after, as Binance does', () => {
    const longest = `${'1'.repeat(20)}.${'1'.repeat(20)}`
    expect(valid({ ...minimal, grid: { ...minimal.grid, upper: longest } }).grid.upper).toBe(longest)
    expect(errors({ ...minimal, grid: { ...minimal.grid, upper: `${longest}1` } })).toEqual(['Upper price has too many digits: at most 20 before the decimal point and 20 after'])
    expect(errors({ ...minimal, grid: { ...minimal.grid, upper: `1${longest}` } })).toEqual(['Upper price has too many digits: at most 20 before the decimal point and 20 after'])
  })

  it('repeats at most a few dozen characters of an unknown setting\'s name', () => {
    expect(errors({ ...minimal, ['k'.repeat(100_000)]: 1, a: 1, b: 2, c: 3 })).toEqual([
      `The configuration has settings it does not know: "${'k'.repeat(32)}…" (100000 characters), "a", "b" and 1 more`
    ])
  })

  it('names a configuration that is not an object, and an entry of a list by its place', () => {
    for (const input of ['junk', null, [], 5]) expect(errors(input)).toEqual(['The configuration must be a group of named settings'])
    expect(errors({ ...minimal, orders: { unknownQueryDelaysMs: [0, 'x', 99_999_999] } })).toEqual([
      'Waits before asking about an unknown send (entry 2) must be a number',
      'Waits before asking about an unknown send (entry 3) must be at most 60000'
    ])
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
