import type { Decimal } from '@shared/money/decimal'
import type { Candle } from '../port/market-event'

/**
 * Returns the four prices a candle is replayed through: open → low → high → close for an up
 * candle (close ≥ open), open → high → low → close for a down candle. The usual assumption of
 * backtesters: an up bar dipped first, a down bar rallied first.
 */
export function candlePath(candle: Candle): readonly [Decimal, Decimal, Decimal, Decimal] {
  return candle.close.gte(candle.open) ? [candle.open, candle.low, candle.high, candle.close] : [candle.open, candle.high, candle.low, candle.close]
}
