import type { Candle } from '../exchange/port/market-event'
import type { Decimal } from '@shared/money/decimal'
import { rangeRatio, readWindow } from './classify-market'
import { closedCandles } from './closed-candles'
import type { MarketStateChanged } from './market-state-changed'
import { initialMarketStateMemory, type MarketStateMemory } from './market-state-memory'
import { CANDLE_INTERVAL_MS, type MarketStateSettings } from './market-settings'
import { afterUnknownReading, nextMarketState } from './next-market-state'

/** The hysteresis after a run of candles: the memory to keep and every change, oldest first. */
export interface MarketStateReplay {
  readonly memory: MarketStateMemory
  readonly changes: readonly MarketStateChanged[]
}

/**
 * Reads the market at the close of every closed candle newer than the memory's last one, as if
 * each had been read live, and folds the readings into the hysteresis. Used to warm up on start
 * from fetched history (`windowCandles + hysteresisCandles − 1` candles confirm a state at once)
 * and to catch up after missed candles. Pure.
 */
export function replayMarketState(candles: readonly Candle[], settings: MarketStateSettings, memory: MarketStateMemory = initialMarketStateMemory()): MarketStateReplay {
  // Checked once, each candle's range ratio worked out once: a reading per new candle then costs no division
  const closed = closedCandles(candles, CANDLE_INTERVAL_MS[settings.candleInterval])
  const ratios = new Map<number, Decimal>()
  const ratioAt = (index: number) => {
    let ratio = ratios.get(index)
    if (ratio === undefined) ratios.set(index, (ratio = rangeRatio(closed[index] as Candle)))
    return ratio
  }
  const changes: MarketStateChanged[] = []
  let current = memory
  closed.forEach((candle, index) => {
    if (current.lastCandleOpenTimeMs !== null && candle.openTimeMs <= current.lastCandleOpenTimeMs) return
    // A window short of windowCandles reads 'unknown' (classifyMarket's first rule), and an unknown
    // reading only restarts a candidate's count: no need to build it
    if (index + 1 < settings.windowCandles) {
      current = afterUnknownReading(current, candle.openTimeMs)
      return
    }
    const start = index + 1 - settings.windowCandles
    const window = closed.slice(start, index + 1)
    const reading = readWindow(window, window.map((_, offset) => ratioAt(start + offset)), settings)
    const step = nextMarketState(current, reading, settings)
    current = step.memory
    if (step.change !== undefined) changes.push(step.change)
  })
  return { memory: current, changes }
}
