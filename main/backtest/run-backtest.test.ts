import { describe, expect, it } from 'vitest'
import { botConfig, type BotConfigInput } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { roundToStep } from '@shared/money/step'
import { parseExchangeInfo } from '../engine/exchange/rules'
import { BTCUSDT_FILTERS, rawSymbol } from '../engine/exchange/rules/stubs'
import { runBacktest } from './run-backtest'
import { buildTestSeries, type TestCandle } from './stubs'

// BTCUSDT's 2024 filters (tick 0.01, step 0.00001, NOTIONAL 5), with MARKET allowed
const RULES = parseExchangeInfo({
  symbols: [rawSymbol(BTCUSDT_FILTERS, { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'] })]
})

/** A grid of three levels — 100, 110 and 120 — started at 120: BUYs at 100 and 110, 500 USDT each. */
function config(fee: string, extra: Partial<BotConfigInput> = {}) {
  return botConfig({
    id: 'bt',
    symbol: 'BTCUSDT',
    grid: { lower: '100', upper: '120', grids: 2, investment: '1000' },
    fees: { maker: fee, taker: fee },
    recenter: { enabled: false },
    risk: { ocoBackstop: false },
    ...extra
  })
}

/** A saw-tooth across the three levels: down to 105, then up to 121 and down again, `swings` times. */
function sawTooth(swings: number): TestCandle[] {
  const candles: TestCandle[] = [{ minute: 0, open: '120', high: '120', low: '105', close: '105' }]
  for (let minute = 1; minute < swings * 2; minute += 1) {
    candles.push(minute % 2 === 1 ? { minute, open: '105', high: '121', low: '105', close: '121' } : { minute, open: '121', high: '121', low: '105', close: '105' })
  }
  return candles
}

const fillText = (fill: { side: string; quantity: string; price: string }) => `${fill.side} ${fill.quantity}@${fill.price}`

describe('runBacktest', () => {
  it('without fees: every swing buys at 110 and sells at 120, the same quantity each time, and profit is exactly swings × quantity × 10', async () => {
    const result = await runBacktest({ series: buildTestSeries(sawTooth(5)), symbol: 'BTCUSDT', rules: RULES, config: config('0') })
    // 500 USDT per grid at 110: 500 / 110 = 4.545454…, down to the 0.00001 step
    const quantity = '4.54545'
    expect(result.fills.map(fillText)).toEqual(Array.from({ length: 5 }, () => [`BUY ${quantity}@110`, `SELL ${quantity}@120`]).flat())
    const profit = new Decimal(quantity).mul(10).mul(5)
    expect(result.report).toMatchObject({
      candles: 10,
      from: '2024-01-01T00:00:00.000Z',
      to: '2024-01-01T00:10:00.000Z',
      fills: { buy: 5, sell: 5 },
      // Every fill but the first answers the one before it
      roundTrips: 9,
      gridProfit: profit.toFixed(),
      fees: '0',
      startValue: '1000',
      finalValue: profit.add(1000).toFixed(),
      // 1000 USDT in BTC at 120, held to the last close at 121
      buyAndHoldValue: new Decimal(1000).div(120).mul(121).toDecimalPlaces(8).toFixed(),
      stops: [],
      recenters: 0,
      incidents: 0
    })
    expect(result.warnings).toEqual([])
  })

  it('with a 0.1 % fee: each BUY pays its fee in BTC, so each SELL is smaller by the fee, rounded to the step with the rest carried; fees and final value exact', async () => {
    const result = await runBacktest({ series: buildTestSeries(sawTooth(5)), symbol: 'BTCUSDT', rules: RULES, config: config('0.001') })
    // The rule by hand: BUY q at 110 leaves q × 0.999 BTC; the SELL is that plus the dust carried, down to 0.00001; the BUY that answers it is the same quantity
    const step = new Decimal('0.00001')
    const expected: string[] = []
    let quantity = new Decimal('4.54545')
    let dust = new Decimal(0)
    let fees = new Decimal(0)
    let quote = new Decimal(1000)
    for (let swing = 0; swing < 5; swing += 1) {
      expected.push(`BUY ${quantity.toFixed()}@110`)
      quote = quote.sub(quantity.mul(110))
      fees = fees.add(quantity.mul('0.001').mul(110))
      const held = quantity.mul('0.999').add(dust)
      const sold = roundToStep(held, step, 'down')
      dust = held.sub(sold)
      expected.push(`SELL ${sold.toFixed()}@120`)
      const sellFee = sold.mul(120).mul('0.001')
      quote = quote.add(sold.mul(120)).sub(sellFee)
      fees = fees.add(sellFee)
      quantity = sold
    }
    expect(result.fills.map(fillText)).toEqual(expected)
    expect(result.report.fees).toBe(fees.toDecimalPlaces(8).toFixed())
    // What is left: the quote, and the BTC dust valued at the last close (121)
    expect(result.report.finalValue).toBe(quote.add(dust.mul(121)).toDecimalPlaces(8).toFixed())
    const gain = new Decimal(result.report.finalValue).sub(1000)
    // Grid profit is the realised part: all of the gain but what the dust is worth beyond its cost
    expect(new Decimal(result.report.gridProfit).lte(gain)).toBe(true)
    expect(new Decimal(result.report.gridProfit).gte(gain.sub(dust.mul(121)))).toBe(true)
  })

  it('fills nothing inside a gap, and nothing on the candle an order was placed in', async () => {
    // 00:00 falls to 105 (BUY at 110 fills; its SELL at 120 is placed after); 00:01 is missing; 00:05 opens at 125, above it
    const candles: TestCandle[] = [
      { minute: 0, open: '120', high: '120', low: '105', close: '105' },
      { minute: 5, open: '125', high: '126', low: '124', close: '125' },
      { minute: 6, open: '125', high: '125', low: '119', close: '119' }
    ]
    const result = await runBacktest({ series: buildTestSeries(candles), symbol: 'BTCUSDT', rules: RULES, config: config('0') })
    // The SELL at 120 fills on the candle that reaches it (00:06), not in the jump past it
    expect(result.fills.map((fill) => `${new Date(fill.timeMs).toISOString().slice(11, 16)} ${fillText(fill)}`)).toEqual(['00:00 BUY 4.54545@110', '00:06 SELL 4.54545@120'])
  })

  it('a counter-order placed inside a saw-tooth candle does not fill on it, though the rally after the dip passes its price', async () => {
    // 00:00 is an up candle, so it dips first: 119 → 105 (the BUY at 110 fills, its SELL at 120 is placed) → 121 → 120
    const sawCandle: TestCandle = { minute: 0, open: '119', high: '121', low: '105', close: '120' }
    const alone = await runBacktest({ series: buildTestSeries([sawCandle]), symbol: 'BTCUSDT', rules: RULES, config: config('0') })
    expect(alone.fills.map(fillText)).toEqual(['BUY 4.54545@110'])
    // The next candle reaches 120 again: the SELL fills there, at 00:01, not on the candle it was placed in
    const next: TestCandle = { minute: 1, open: '120', high: '120.5', low: '119.5', close: '120' }
    const both = await runBacktest({ series: buildTestSeries([sawCandle, next]), symbol: 'BTCUSDT', rules: RULES, config: config('0') })
    expect(both.fills.map((fill) => `${new Date(fill.timeMs).toISOString().slice(11, 16)} ${fillText(fill)}`)).toEqual(['00:00 BUY 4.54545@110', '00:01 SELL 4.54545@120'])
  })

  it('exits at the stop-loss where the fall crosses it, selling all base at that price', async () => {
    const candles: TestCandle[] = [
      { minute: 0, open: '120', high: '120', low: '105', close: '108' },
      { minute: 1, open: '108', high: '108', low: '90', close: '92' },
      { minute: 2, open: '92', high: '130', low: '92', close: '130' }
    ]
    const result = await runBacktest({ series: buildTestSeries(candles), symbol: 'BTCUSDT', rules: RULES, config: config('0', { risk: { stopLoss: '95', stopOutcome: 'sell-all', ocoBackstop: false } }) })
    expect(result.report.stops).toEqual([{ at: '2024-01-01T00:01:30.000Z', kind: 'stop-loss', outcome: 'sell-all' }])
    // BUY at 110 (00:00), BUY at 100 (00:01 on the way down), then the exit sells both at 95 as taker
    expect(result.fills.map(fillText)).toEqual(['BUY 4.54545@110', 'BUY 5@100', 'SELL 9.54545@95'])
    // Stopped: the rally to 130 afterwards fills nothing
    expect(result.report.fills).toEqual({ buy: 2, sell: 1 })
  })

  it('recenters after the price stays outside the range for the confirmation period', async () => {
    const candles: TestCandle[] = [{ minute: 0, open: '120', high: '120', low: '119', close: '119' }]
    // Then two and a half hours at about 140, far above the range
    for (let minute = 1; minute <= 150; minute += 1) candles.push({ minute, open: '140', high: '140.5', low: '139.5', close: '140' })
    const result = await runBacktest({
      series: buildTestSeries(candles),
      symbol: 'BTCUSDT',
      rules: RULES,
      config: config('0', { recenter: { enabled: true, confirmationMs: 3_600_000, cooldownMs: 3_600_000, hysteresisPct: '0.5' } })
    })
    expect(result.report.recenters).toBe(1)
    // Left the range with the 00:01 candle; recentered an hour later, the grid around 140
    expect(result.warnings).toEqual([])
  })

  it('reports progress and can be stopped', async () => {
    const seen: number[] = []
    const controller = new AbortController()
    const series = buildTestSeries(sawTooth(50))
    await expect(
      runBacktest({
        series,
        symbol: 'BTCUSDT',
        rules: RULES,
        config: config('0'),
        progressEvery: 10,
        signal: controller.signal,
        onProgress: (done, total) => {
          seen.push(done)
          expect(total).toBe(100)
          if (done === 30) controller.abort(new Error('stopped by you'))
        }
      })
    ).rejects.toThrow('stopped by you')
    expect(seen).toEqual([10, 20, 30])
  })
})

describe('runBacktest refusals', () => {
  it('says why a grid cannot start at the first open, before any candle', async () => {
    // 100–120 opening at 100.5: both levels above are SELLs, whose base costs nearly all of the investment
    const series = buildTestSeries([{ minute: 0, open: '100.5', high: '101', low: '100', close: '100.5' }])
    await expect(runBacktest({ series, symbol: 'BTCUSDT', rules: RULES, config: config('0.001') })).rejects.toThrow(/^the grid cannot start at the first candle's open \(100\.5\): the plan for BTCUSDT has problems: buying [\d.]+ base for the sells reserves/)
    await expect(runBacktest({ series, symbol: 'ETHUSDT', rules: RULES, config: config('0') })).rejects.toThrow('the exchange rules have no symbol ETHUSDT')
  })
})

describe('runBacktest on hourly klines', () => {
  it('reads the market state on the klines own interval when the configured one cannot be built from them, and says so', async () => {
    const series = buildTestSeries(sawTooth(3), '1h')
    const result = await runBacktest({ series, symbol: 'BTCUSDT', rules: RULES, config: config('0') })
    expect(result.warnings).toEqual(['note: the market state is read on 1h candles, the klines\' interval, not on 5m as configured'])
    expect(result.report.fills).toEqual({ buy: 3, sell: 3 })
    await expect(runBacktest({ series: buildTestSeries(sawTooth(3), '1d'), symbol: 'BTCUSDT', rules: RULES, config: config('0') })).rejects.toThrow('1d klines are too coarse to read the market state from (at most 4h): use finer klines')
  })
})
