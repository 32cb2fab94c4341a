import type { Decimal } from '@shared/money/decimal'

const MINUS = '\u2212'
const MAX_PLACES = 20

/**
 * Returns a percentage as a person reads it ("−4.2 %", "+3.5 %", "0.4 %"): two decimals at most,
 * unless two decimals would put the value on the other side of `threshold` (2.999 shown as "3"
 * next to a 3 % threshold), in which case just enough decimals are shown to keep the sides apart.
 */
export function percentText(value: Decimal, options: { readonly signed?: boolean; readonly threshold?: Decimal } = {}): string {
  const { signed = false, threshold } = options
  let shown = value.toDecimalPlaces(2)
  if (threshold !== undefined) {
    const side = value.abs().cmp(threshold)
    for (let places = 3; shown.abs().cmp(threshold) !== side && places <= MAX_PLACES; places++) shown = value.toDecimalPlaces(places)
    if (shown.abs().cmp(threshold) !== side) shown = value
  }
  const sign = shown.isZero() ? '' : shown.isNegative() ? MINUS : signed ? '+' : ''
  return `${sign}${shown.abs().toFixed()} %`
}

/** Returns how a magnitude stands against a threshold: "beyond the 3 % threshold", "at …" or "under …". */
export function thresholdText(magnitude: Decimal, threshold: Decimal, name = 'threshold'): string {
  const side = magnitude.cmp(threshold)
  const where = side > 0 ? 'beyond' : side === 0 ? 'at' : 'under'
  return `${where} the ${percentText(threshold)} ${name}`
}
