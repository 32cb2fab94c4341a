import { Decimal, isPlainDecimal } from '@shared/money/decimal'

/** Returns the decimals of an exact decimal text once trailing zeros are dropped ("0.00100000" → 3). */
function significantDecimals(text: string): number {
  const point = text.indexOf('.')
  if (point === -1) return 0
  let end = text.length
  while (end > point + 1 && text[end - 1] === '0') end -= 1
  return end - point - 1
}

/** Puts a thousands separator into the whole part of a plain decimal text ("-12345.60" → "-12,345.60"). */
export function groupThousands(plain: string): string {
  const sign = plain.startsWith('-') ? '-' : ''
  const unsigned = sign === '' ? plain : plain.slice(1)
  const point = unsigned.indexOf('.')
  const whole = point === -1 ? unsigned : unsigned.slice(0, point)
  const fraction = point === -1 ? '' : unsigned.slice(point)
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`
}

/**
 * Formats an exact price or quantity at the symbol's precision (its tick size or lot step), with
 * thousands separators: "60000.01000000" at 2 decimals reads "60,000.01". A value finer than
 * the precision keeps its digits, so nothing is rounded away; with no precision known the
 * exchange's zero padding is dropped. Text that is not a decimal is returned as it is.
 */
export function formatExact(text: string, decimals: number | null): string {
  if (!isPlainDecimal(text)) return text
  const value = new Decimal(text.trim())
  const places = Math.max(decimals ?? 0, significantDecimals(value.toFixed()))
  return groupThousands(value.toFixed(places))
}

/**
 * Formats an amount of money (a value, a profit, a fee) rounded to `decimals` (half to even),
 * with thousands separators and, when given, its asset: "1012.15971429" at 2 reads
 * "1,012.16 USDT". Text that is not a decimal is returned as it is.
 */
export function formatAmount(text: string, decimals: number, asset?: string): string {
  if (!isPlainDecimal(text)) return asset === undefined || asset === '' ? text : `${text} ${asset}`
  const value = new Decimal(text.trim())
  const rounded = value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_EVEN)
  // A negative amount that rounds to zero reads 0, not -0
  const plain = rounded.isZero() ? new Decimal(0).toFixed(decimals) : rounded.toFixed(decimals)
  const grouped = groupThousands(plain)
  return asset === undefined || asset === '' ? grouped : `${grouped} ${asset}`
}
