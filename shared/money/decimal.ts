import DecimalJs from 'decimal.js'

/**
 * Decimal type used for every price, quantity, balance and fee.
 *
 * A private clone so no other library can change its settings; 60 significant digits are far
 * beyond any Binance value (20 integer digits plus 20 decimals) and plain notation is used for
 * every string, because Binance rejects exponent notation with -1100.
 */
export const Decimal = DecimalJs.clone({
  precision: 60,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -60,
  toExpPos: 60
})

/** A decimal value created by this module's Decimal. */
export type Decimal = InstanceType<typeof Decimal>

const PLAIN_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/

/** Returns true when the text is a plain decimal number (no exponent, no NaN, no Infinity). */
export function isPlainDecimal(text: string): boolean {
  return PLAIN_DECIMAL.test(text.trim())
}

/**
 * Parses a decimal from exact text, or from a JSON number, or returns undefined when the input
 * is not a finite decimal. JSON numbers are accepted because some exchange payloads carry
 * integers (counts, minutes) as numbers.
 */
export function tryParseDecimal(value: unknown): Decimal | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? new Decimal(value) : undefined
  }
  if (typeof value === 'string' && isPlainDecimal(value)) {
    return new Decimal(value.trim())
  }
  return undefined
}

/** Formats a decimal in plain notation, optionally with exactly `places` decimals (rounded down). */
export function formatDecimal(value: Decimal, places?: number): string {
  if (places === undefined) return value.toFixed()
  return value.toFixed(places, Decimal.ROUND_DOWN)
}
