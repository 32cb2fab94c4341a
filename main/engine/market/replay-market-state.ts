import type { Candle } from '../exchange/port/market-event'
import { classifyMarket } from './classify-market'
import { closedCandles } from './closed-candles'
import type { MarketStateChanged } from './market-state-changed'
import { initialMarketStateMemory, type MarketStateMemory } from './market-state-memory'
import { CANDLE_INTERVAL_MS, type MarketStateSettings } from './market-settings'
import { nextMarketState } from './next-market-state'

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
  const closed = closedCandles(candles, CANDLE_INTERVAL_MS[settings.candleInterval])
  const changes: MarketStateChanged[] = []
  let current = memory
  closed.forEach((candle, index) => {
    if (current.lastCandleOpenTimeMs !== null && candle.openTimeMs <= current.lastCandleOpenTimeMs) return
    const reading = classifyMarket(closed.slice(Math.max(0, index + 1 - settings.windowCandles), index + 1), settings)
    const step = nextMarketState(current, reading, settings)
    current = step.memory
    if (step.change !== undefined) changes.push(step.change)
  })
  return { memory: current, changes }
}
