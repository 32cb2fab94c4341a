import { tryParseDecimal, type Decimal } from '@shared/money/decimal'

/** Returns exact decimal text as a non-negative Decimal, or throws a RangeError naming `what`. */
export function parseAmount(text: string, what: string): Decimal {
  const value = tryParseDecimal(text)
  if (value === undefined || value.isNegative()) throw new RangeError(`${what} must be a non-negative decimal, got "${text}"`)
  return value
}

/** Returns exact decimal text as a positive Decimal, or throws a RangeError naming `what`. */
export function parsePositive(text: string, what: string): Decimal {
  const value = parseAmount(text, what)
  if (value.isZero()) throw new RangeError(`${what} must be positive`)
  return value
}
