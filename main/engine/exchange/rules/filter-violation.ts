/** One rule an order breaks, with the value and the limit it broke, for a person to read. */
export interface FilterViolation {
  /** Filter type (PRICE_FILTER, LOT_SIZE, …) or a symbol rule (SYMBOL_STATUS, ORDER_TYPE, PARAMETER). */
  readonly filter: string
  /** The part of the filter: minPrice, tickSize, maxNotional, … */
  readonly rule: string
  /** The order field checked: price, stopPrice, quantity, notional, … */
  readonly field: string
  readonly value: string
  readonly limit: string
  readonly message: string
}

/** A check that could not run because the context lacked what it needs. */
export interface UncheckedFilter {
  readonly filter: string
  readonly reason: string
}

/** The outcome of validating one order. */
export interface OrderValidation {
  readonly ok: boolean
  readonly violations: readonly FilterViolation[]
  readonly unchecked: readonly UncheckedFilter[]
}

/** Collects violations and unchecked filters while an order is validated. */
export class ValidationCollector {
  readonly violations: FilterViolation[] = []
  readonly unchecked: UncheckedFilter[] = []

  /** Records a broken rule. */
  fail(violation: Omit<FilterViolation, 'message'>, description: string): void {
    this.violations.push({ ...violation, message: `${violation.filter}: ${description}` })
  }

  /** Records a filter that could not be checked, and why. */
  skip(filter: string, reason: string): void {
    this.unchecked.push({ filter, reason })
  }

  /** Returns the result. */
  result(): OrderValidation {
    return { ok: this.violations.length === 0, violations: this.violations, unchecked: this.unchecked }
  }
}
