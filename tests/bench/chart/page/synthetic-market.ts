import type { CandleView } from '@shared/api'
import type { ChartLevel, ChartLevelKind } from '../../../../renderer/chart/chart-level'
import type { ChartMarker } from '../../../../renderer/chart/chart-marker'
import type { ChartBenchCounts } from '../bench-protocol'
import { seededRandom } from './seeded-random'

/** What the chart is given at one moment. */
export interface MarketState {
  readonly candles: readonly CandleView[]
  readonly levels: readonly ChartLevel[]
  readonly markers: readonly ChartMarker[]
}

/** The size of the market and how each update moves it. */
export interface MarketShape {
  readonly candles: number
  readonly levels: number
  readonly markers: number
  readonly simulatedSecondsPerUpdate: number
  /** Every how many updates a level changes kind. */
  readonly updatesPerLevelChange: number
  /** Every how many updates a fill adds a marker (and the oldest marker goes). */
  readonly updatesPerMarker: number
}

const MINUTE_MS = 60_000
/** The first candle opens on 2026-01-01T00:00:00Z. */
const START_MS = Date.UTC(2026, 0, 1)
const START_PRICE_CENTS = 6_000_000
/** Levels one dollar apart, a tight BTCUSDT grid, so many of them are on screen at once. */
const LEVEL_STEP_CENTS = 100
/** Markers sit on the newest candles, where the chart shows them by default. */
const MARKER_SPAN_CANDLES = 4_000
const KIND_CYCLE: readonly ChartLevelKind[] = ['buy', 'sell', 'held', 'empty', 'failed']

/** Returns exact decimal text with two decimals for a whole number of cents. */
function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const absolute = Math.abs(cents)
  return `${sign}${Math.trunc(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`
}

/** Returns a title for a level like the app's: its index and, when it works an order, the side. */
function levelTitle(index: number, kind: ChartLevelKind): string {
  return kind === 'buy' ? `L${index} BUY 0.00100` : kind === 'sell' ? `L${index} SELL 0.00100` : `L${index}`
}

/**
 * A deterministic BTCUSDT-like market: one-minute candles on a random walk in whole cents, grid
 * levels around the last price, and fills on recent candles. Each `step()` is one update of the
 * kind a live chart receives: a trade moving the last candle, a new candle each simulated minute,
 * now and then a level changing kind or a new fill. Arrays are replaced, never mutated, as an
 * immutable store would hand them over.
 */
export class SyntheticMarket {
  readonly #shape: MarketShape
  readonly #random: () => number
  readonly #listeners = new Set<() => void>()
  #state: MarketState
  #nowMs: number
  #priceCents: number
  #volumeMilli = 0
  #highCents: number
  #lowCents: number
  #updates = 0
  #appendedCandles = 0
  #levelChanges = 0
  #newMarkers = 0

  constructor(shape: MarketShape, seed = 20_260_101) {
    this.#shape = shape
    this.#random = seededRandom(seed)
    const candles: CandleView[] = []
    let price = START_PRICE_CENTS
    let lastHigh = price
    let lastLow = price
    for (let minute = 0; minute < shape.candles; minute += 1) {
      const open = price
      const close = Math.max(100, open + Math.round((this.#random() - 0.5) * 500))
      const high = Math.max(open, close) + Math.round(this.#random() * 200)
      const low = Math.min(open, close) - Math.round(this.#random() * 200)
      candles.push({ openTimeMs: START_MS + minute * MINUTE_MS, open: centsText(open), high: centsText(high), low: centsText(low), close: centsText(close), volume: '12.345' })
      price = close
      lastHigh = high
      lastLow = low
    }
    this.#priceCents = price
    this.#highCents = lastHigh
    this.#lowCents = lastLow
    const last = candles.at(-1)
    this.#nowMs = (last?.openTimeMs ?? START_MS) + MINUTE_MS / 2
    this.#state = { candles, levels: this.#initialLevels(price), markers: this.#initialMarkers(candles) }
  }

  /** Returns the current state; the same object until the next step. */
  readonly snapshot = (): MarketState => this.#state

  /** Calls `listener` after every step; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Returns what the steps did since the last reset of the counts. */
  counts(): ChartBenchCounts {
    return { updates: this.#updates, appendedCandles: this.#appendedCandles, levelChanges: this.#levelChanges, newMarkers: this.#newMarkers }
  }

  /** Sets the counts back to zero. */
  resetCounts(): void {
    this.#updates = 0
    this.#appendedCandles = 0
    this.#levelChanges = 0
    this.#newMarkers = 0
  }

  /** Moves the market by one update and tells the listeners. */
  step(): void {
    this.#updates += 1
    this.#nowMs += this.#shape.simulatedSecondsPerUpdate * 1000
    let { candles, levels, markers } = this.#state
    const last = candles.at(-1)
    this.#priceCents = Math.max(100, this.#priceCents + Math.round((this.#random() - 0.5) * 60))
    const price = centsText(this.#priceCents)
    if (last === undefined || this.#nowMs >= last.openTimeMs + MINUTE_MS) {
      const openTimeMs = last === undefined ? START_MS : last.openTimeMs + MINUTE_MS
      this.#volumeMilli = 1
      this.#highCents = this.#priceCents
      this.#lowCents = this.#priceCents
      candles = [...candles, { openTimeMs, open: price, high: price, low: price, close: price, volume: '0.001' }]
      this.#appendedCandles += 1
    } else {
      this.#volumeMilli += 1 + Math.floor(this.#random() * 50)
      this.#highCents = Math.max(this.#highCents, this.#priceCents)
      this.#lowCents = Math.min(this.#lowCents, this.#priceCents)
      const next = candles.slice()
      next[next.length - 1] = { ...last, high: centsText(this.#highCents), low: centsText(this.#lowCents), close: price, volume: (this.#volumeMilli / 1000).toFixed(3) }
      candles = next
    }
    if (this.#updates % this.#shape.updatesPerLevelChange === 0 && levels.length > 0) {
      const index = Math.floor(this.#random() * levels.length)
      const level = levels[index] as ChartLevel
      const kind = KIND_CYCLE[(KIND_CYCLE.indexOf(level.kind) + 1) % KIND_CYCLE.length] as ChartLevelKind
      levels = levels.map((existing, at) => (at === index ? { price: existing.price, kind, title: levelTitle(index, kind) } : existing))
      this.#levelChanges += 1
    }
    if (this.#updates % this.#shape.updatesPerMarker === 0) {
      const side = this.#random() < 0.5 ? 'BUY' : 'SELL'
      markers = [...markers.slice(1), { timeMs: this.#nowMs, side, price, text: `${side === 'BUY' ? 'B' : 'S'} 0.00100` }]
      this.#newMarkers += 1
    }
    this.#state = { candles, levels, markers }
    for (const listener of this.#listeners) listener()
  }

  #initialLevels(priceCents: number): ChartLevel[] {
    const count = this.#shape.levels
    const lowest = priceCents - Math.floor(count / 2) * LEVEL_STEP_CENTS
    return Array.from({ length: count }, (_, index) => {
      const cents = lowest + index * LEVEL_STEP_CENTS
      const kind: ChartLevelKind = Math.abs(cents - priceCents) < LEVEL_STEP_CENTS ? 'empty' : cents < priceCents ? 'buy' : 'sell'
      return { price: centsText(cents), kind, title: levelTitle(index, kind) }
    })
  }

  #initialMarkers(candles: readonly CandleView[]): ChartMarker[] {
    const span = Math.min(MARKER_SPAN_CANDLES, candles.length)
    const first = candles.length - span
    return Array.from({ length: this.#shape.markers }, (_, index) => {
      const candle = candles[first + Math.floor((index * span) / this.#shape.markers)] as CandleView
      const side = index % 2 === 0 ? 'BUY' : 'SELL'
      return { timeMs: candle.openTimeMs + Math.floor(this.#random() * MINUTE_MS), side, price: candle.close, text: `${side === 'BUY' ? 'B' : 'S'} 0.00100` }
    })
  }
}
