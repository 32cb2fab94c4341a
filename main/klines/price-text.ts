import { Decimal } from '@shared/money/decimal'
import type { CandleSeries } from './candle-series'

/**
 * Returns the exact decimal text of a scaled integer (value × 10^-scale) without trailing zeros,
 * by integer arithmetic on its digits: `scaledText(6000001, 2)` is '60000.01'. Throws for a value
 * that is not a non-negative integer below 2^53.
 */
export function scaledText(value: number, scale: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`a stored price must be a non-negative integer below 2^53, got ${value}`)
  if (scale === 0) return String(value)
  const digits = String(value).padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '')
  return fraction === '' ? whole : `${whole}.${fraction}`
}

/** Returns the exact decimal text of a price stored in a series, e.g. '60000.01'. */
export function priceText(series: Pick<CandleSeries, 'scale'>, value: number): string {
  return scaledText(value, series.scale)
}

/** Returns a price stored in a series as an exact Decimal. */
export function priceDecimal(series: Pick<CandleSeries, 'scale'>, value: number): Decimal {
  return new Decimal(scaledText(value, series.scale))
}
