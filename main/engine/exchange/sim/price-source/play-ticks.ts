import type { Decimal } from '@shared/money/decimal'
import type { Clock } from '../../../clock/clock'
import type { TestClock } from '../../../clock/test-clock'
import type { TradeTick } from '../../port/market-event'

/** Something that takes public trades: SimExchange does. */
export interface TradeSink {
  trade(symbol: string, price: Decimal, quantity: Decimal): void
}

/** Waits until the clock reaches a time. */
export type WaitUntil = (timeMs: number) => Promise<void>

/** Returns a WaitUntil that moves a TestClock forward (backtests: as fast as the machine runs). */
export function advancingClock(clock: TestClock): WaitUntil {
  return (timeMs) => clock.advanceTo(timeMs)
}

/** Returns a WaitUntil that sleeps on a clock (paper trading on a live clock). */
export function sleepingOn(clock: Clock, signal?: AbortSignal): WaitUntil {
  return (timeMs) => clock.sleep(Math.max(0, timeMs - clock.nowMs()), signal)
}

/**
 * Feeds ticks to a sink, each once the clock has reached its time, and returns how many it fed.
 * Stops early when the signal is aborted.
 */
export async function playTicks(ticks: Iterable<TradeTick>, sink: TradeSink, waitUntil: WaitUntil, signal?: AbortSignal): Promise<number> {
  // A function, so the check is read again after each await
  const aborted = () => signal?.aborted === true
  let played = 0
  for (const tick of ticks) {
    if (aborted()) break
    await waitUntil(tick.timeMs)
    if (aborted()) break
    sink.trade(tick.symbol, tick.price, tick.quantity)
    played += 1
  }
  return played
}
