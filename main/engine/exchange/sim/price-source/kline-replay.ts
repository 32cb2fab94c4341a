import type { Candle, TradeTick } from '../../port/market-event'
import { candlePath } from '../candle-path'

/**
 * Turns candles into trades: four per candle along its path (open → low → high → close when it
 * closed up, open → high → low → close when down), at its open time, a third and two thirds into
 * it, and its close time, each with a quarter of its volume. Replayed through a SimExchange, the
 * simulator's klines of the same interval give the candles back.
 */
export function* klineReplay(candles: Iterable<Candle>): Generator<TradeTick> {
  for (const candle of candles) {
    const span = candle.closeTimeMs - candle.openTimeMs
    const times = [candle.openTimeMs, candle.openTimeMs + Math.floor(span / 3), candle.openTimeMs + Math.floor((2 * span) / 3), candle.closeTimeMs]
    const quantity = candle.volume.div(4)
    const path = candlePath(candle)
    for (let index = 0; index < 4; index += 1) {
      yield { symbol: candle.symbol, price: path[index] as TradeTick['price'], quantity, timeMs: times[index] as number }
    }
  }
}
