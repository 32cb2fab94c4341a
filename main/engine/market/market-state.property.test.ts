import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import type { Candle } from '../exchange/port/market-event'
import { classifyMarket } from './classify-market'
import type { MarketReading } from './market-reading'
import type { MarketStateChanged } from './market-state-changed'
import { initialMarketStateMemory, parseMarketStateMemory } from './market-state-memory'
import { CANDLE_INTERVAL_MS, type MarketStateSettings } from './market-settings'
import { MARKET_STATES, type MarketReadingState } from './market-state'
import { nextMarketState } from './next-market-state'
import { replayMarketState } from './replay-market-state'
import { marketSettings, readingAt, START_MS, SYMBOL } from './stubs'

const settingsArbitrary = fc
  .record({
    candleInterval: fc.constantFrom('1m' as const, '5m' as const, '1h' as const),
    windowCandles: fc.integer({ min: 5, max: 20 }),
    trendThresholdPct: fc.constantFrom('0', '0.5', '1', '3', '10'),
    volatilityThresholdPct: fc.constantFrom('0', '0.5', '1.5', '5'),
    hysteresisCandles: fc.integer({ min: 1, max: 6 })
  })
  .map((overrides) => marketSettings(overrides))

/** One candle step of a random walk, in cents: a move from the previous close, wicks, and whether the candle exists. */
interface WalkStep {
  readonly move: number
  readonly wickUp: number
  readonly wickDown: number
  readonly present: boolean
}

const stepArbitrary: fc.Arbitrary<WalkStep> = fc.record({
  move: fc.integer({ min: -300, max: 300 }),
  wickUp: fc.integer({ min: 0, max: 250 }),
  wickDown: fc.integer({ min: 0, max: 250 }),
  present: fc.oneof({ weight: 19, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) })
})

/** A random walk of closed candles from 100.00, with random gaps, on the settings' interval. */
function walk(steps: readonly WalkStep[], intervalMs: number): Candle[] {
  const candles: Candle[] = []
  let cents = 10_000
  steps.forEach((step, index) => {
    const open = cents
    const close = Math.max(100, open + step.move)
    cents = close
    if (!step.present) return
    const high = Math.max(open, close) + step.wickUp
    const low = Math.max(1, Math.min(open, close) - step.wickDown)
    const openTimeMs = START_MS + index * intervalMs
    const price = (value: number) => new Decimal(value).div(100)
    candles.push({ symbol: SYMBOL, openTimeMs, closeTimeMs: openTimeMs + intervalMs - 1, open: price(open), high: price(high), low: price(low), close: price(close), volume: new Decimal('1'), closed: true })
  })
  return candles
}

const caseArbitrary = fc.record({ settings: settingsArbitrary, steps: fc.array(stepArbitrary, { minLength: 20, maxLength: 150, size: 'max' }) }).map(({ settings, steps }) => ({
  settings,
  candles: walk(steps, CANDLE_INTERVAL_MS[settings.candleInterval])
}))

/** A reading as plain text, so two readings compare by value whatever their Decimal instances. */
function plain(reading: MarketReading): string {
  return JSON.stringify(reading, (_, value: unknown) => (value instanceof Decimal ? `decimal:${value.toFixed()}` : value))
}

/** Reads the market at every candle's close, as live, and folds each reading into the hysteresis. */
function live(candles: readonly Candle[], settings: MarketStateSettings) {
  let memory = initialMarketStateMemory()
  const readings: MarketReading[] = []
  const changes: { readonly change: MarketStateChanged; readonly position: number }[] = []
  candles.forEach((_, position) => {
    const reading = classifyMarket(candles.slice(Math.max(0, position + 1 - settings.windowCandles), position + 1), settings)
    readings.push(reading)
    const step = nextMarketState(memory, reading, settings)
    memory = step.memory
    if (step.change !== undefined) changes.push({ change: step.change, position })
  })
  return { memory, readings, changes }
}

describe('market state properties', () => {
  it('classifies any candle series deterministically, from the window alone, without touching the input', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ settings, candles }) => {
        const before = candles.map((candle) => `${candle.openTimeMs}:${candle.open.toFixed()}:${candle.high.toFixed()}:${candle.low.toFixed()}:${candle.close.toFixed()}`)
        const first = classifyMarket(candles, settings)
        const copy = candles.map((candle) => ({ ...candle, open: new Decimal(candle.open.toFixed()), high: new Decimal(candle.high.toFixed()), low: new Decimal(candle.low.toFixed()), close: new Decimal(candle.close.toFixed()) }))
        expect(plain(classifyMarket(copy, settings))).toBe(plain(first))
        expect(plain(classifyMarket(candles, settings))).toBe(plain(first))
        expect(plain(classifyMarket(candles.slice(-settings.windowCandles), settings))).toBe(plain(first))
        expect(candles.map((candle) => `${candle.openTimeMs}:${candle.open.toFixed()}:${candle.high.toFixed()}:${candle.low.toFixed()}:${candle.close.toFixed()}`)).toEqual(before)
        expect(first.state === 'unknown').toBe(first.candleCount < settings.windowCandles)
        expect(first.missingCandles).toBe(first.gaps.reduce((sum, gap) => sum + gap.missingCandles, 0))
      }),
      { numRuns: 200 }
    )
  })

  it('never emits two changes closer than hysteresisCandles candles, and each follows N consecutive readings of its state', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ settings, candles }) => {
        const intervalMs = CANDLE_INTERVAL_MS[settings.candleInterval]
        const { memory, readings, changes } = live(candles, settings)
        let confirmed: MarketReadingState = 'unknown'
        changes.forEach(({ change, position }, index) => {
          expect(change.from).toBe(confirmed)
          expect(change.to).not.toBe(change.from)
          confirmed = change.to
          const previous = changes[index - 1]
          if (previous !== undefined) expect(change.atMs - previous.change.atMs).toBeGreaterThanOrEqual(settings.hysteresisCandles * intervalMs)
          const run = readings.slice(position + 1 - settings.hysteresisCandles, position + 1)
          expect(run).toHaveLength(settings.hysteresisCandles)
          expect(run.every((reading) => reading.state === change.to)).toBe(true)
          run.slice(1).forEach((reading, offset) => expect(reading.lastOpenTimeMs).toBe((run[offset]?.lastOpenTimeMs ?? 0) + intervalMs))
          expect(change.atMs).toBe(candles[position]?.closeTimeMs)
        })
        expect(memory.state).toBe(confirmed)
        expect(parseMarketStateMemory(JSON.parse(JSON.stringify(memory)))).toEqual({ ok: true, memory })
        expect(replayMarketState(candles, settings).changes).toEqual(changes.map(({ change }) => change))
      }),
      { numRuns: 200 }
    )
    // 200 generated series take a few seconds on a busy 2-core machine; the default 5 s is too tight there
  }, 60_000)

  it('keeps the hysteresis for any sequence of readings, with repeats, gaps and unknowns', () => {
    const readingsArbitrary = fc.array(
      fc.record({ advance: fc.constantFrom(0, 1, 1, 1, 1, 2, 5), state: fc.constantFrom<MarketReadingState>(...MARKET_STATES, 'unknown') }),
      { maxLength: 200, size: 'max' }
    )
    fc.assert(
      fc.property(readingsArbitrary, fc.integer({ min: 1, max: 8 }), (steps, hysteresisCandles) => {
        let memory = initialMarketStateMemory()
        let candle = 0
        const changes: MarketStateChanged[] = []
        for (const { advance, state } of steps) {
          candle += advance
          const step = nextMarketState(memory, readingAt(candle, state), { hysteresisCandles })
          memory = step.memory
          if (step.change !== undefined) changes.push(step.change)
        }
        changes.slice(1).forEach((change, index) => {
          expect(change.atMs - (changes[index]?.atMs ?? 0)).toBeGreaterThanOrEqual(hysteresisCandles * readingAt(0, 'unknown').intervalMs)
        })
        expect(changes.every((change) => change.to !== 'unknown' as string)).toBe(true)
      }),
      { numRuns: 300 }
    )
  })
})
