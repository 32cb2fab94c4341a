import type { Clock } from '../../clock/clock'
import type { TradeTick } from '../port/market-event'
import type { ExchangeRules } from '../rules'
import { klineReplay } from '../sim/price-source/kline-replay'
import { playTicks, sleepingOn } from '../sim/price-source/play-ticks'
import { SyntheticMarket } from '../sim/price-source/synthetic-market'
import type { SimExchange } from '../sim/sim-exchange'
import type { TradeSink } from '../sim/price-source/play-ticks'
import type { PriceSourceOptions } from './paper-server-options'

/** A running price source; `stop` ends it and resolves once it has. */
export interface PriceFeed {
  stop(): Promise<void>
}

/**
 * Starts feeding the simulator from a price source on the server's clock: a seeded synthetic
 * market per symbol (starting at the symbol's last price, each with its own derived seed), or
 * klines replayed at a speed factor (their times moved to start now). `none` feeds nothing.
 * Trades go to `sink` (the server, which records them when it keeps a journal).
 */
export async function startPriceFeed(source: PriceSourceOptions, exchange: SimExchange, sink: TradeSink, rules: ExchangeRules, clock: Clock, seed: number): Promise<PriceFeed> {
  const controller = new AbortController()
  const runs: Promise<unknown>[] = []
  const play = (ticks: Iterable<TradeTick>) => {
    runs.push(playTicks(ticks, sink, sleepingOn(clock, controller.signal), controller.signal).catch(() => 0))
  }
  switch (source.kind) {
    case 'none':
      break
    case 'synthetic': {
      let index = 0
      for (const symbolRules of rules.symbols.values()) {
        index += 1
        const startPrice = await exchange.lastPrice(symbolRules.symbol).catch(() => undefined)
        if (startPrice === undefined) continue
        const market = new SyntheticMarket({
          rules: symbolRules,
          startPrice,
          startMs: clock.nowMs(),
          intervalMs: source.intervalMs ?? 1000,
          seed: seed * 1000 + index,
          ...(source.volatility !== undefined ? { volatility: source.volatility } : {})
        })
        play(market.ticks())
      }
      break
    }
    case 'replay':
      play(shifted(klineReplay([...source.candles].sort((a, b) => a.openTimeMs - b.openTimeMs)), clock.nowMs(), source.speed ?? 1))
      break
  }
  return {
    stop: async () => {
      controller.abort(new Error('price feed stopped'))
      await Promise.all(runs)
    }
  }
}

function* shifted(ticks: Iterable<TradeTick>, startMs: number, speed: number): Generator<TradeTick> {
  if (!(speed > 0)) throw new RangeError(`replay speed must be positive, got ${speed}`)
  let firstMs: number | undefined
  for (const tick of ticks) {
    firstMs ??= tick.timeMs
    yield { ...tick, timeMs: startMs + Math.floor((tick.timeMs - firstMs) / speed) }
  }
}
