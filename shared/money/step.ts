import { Decimal } from './decimal'

/** Direction in which a value is moved onto a step grid. */
export type RoundingDirection = 'down' | 'up'

/** Returns true when `value` is an exact multiple of `step`; a zero step means "any value". */
export function isMultipleOf(value: Decimal, step: Decimal): boolean {
  if (step.isZero()) return true
  return value.mod(step).isZero()
}

// Exchange values have at most 20 integer and 20 decimal digits, so a quotient this close to a whole
// number of steps is the last digit of a division (3 × p / p = 2.999…9), not a real difference
const DIVISION_NOISE = new Decimal('1e-40')

/**
 * Moves `value` onto the grid of `step` in the given direction; a zero step leaves it unchanged.
 * A value within division noise of a step is taken as on it.
 */
export function roundToStep(value: Decimal, step: Decimal, direction: RoundingDirection): Decimal {
  if (step.isZero()) return value
  const units = value.div(step)
  const nearest = units.round()
  if (units.sub(nearest).abs().lt(DIVISION_NOISE)) return nearest.mul(step)
  const whole = direction === 'down' ? units.floor() : units.ceil()
  return whole.mul(step)
}

/** Returns the number of decimals a step needs (0.01000000 → 2, 1 → 0, 0 → 0). */
export function stepDecimals(step: Decimal): number {
  if (step.isZero()) return 0
  return step.decimalPlaces()
}

/**
 * Returns the coarsest step that is a multiple of every non-zero step given, so a value on it is
 * on each of them (the least common multiple of decimal steps); zero when every step is zero.
 */
export function commonStep(steps: readonly Decimal[]): Decimal {
  const active = steps.filter((step) => !step.isZero())
  if (active.length === 0) return new Decimal(0)
  const scale = Math.max(...active.map((step) => step.decimalPlaces()))
  const factor = new Decimal(10).pow(scale)
  let lcm = 1n
  for (const step of active) {
    const units = BigInt(step.mul(factor).toFixed(0))
    lcm = (lcm * units) / gcd(lcm, units)
  }
  return new Decimal(lcm.toString()).div(factor)
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a
  let y = b < 0n ? -b : b
  while (y !== 0n) {
    const next = x % y
    x = y
    y = next
  }
  return x
}

/** Returns one unit of the given number of decimals (2 → 0.01), the step of an asset's precision. */
export function decimalUnit(places: number): Decimal {
  return new Decimal(1).div(new Decimal(10).pow(places))
}
