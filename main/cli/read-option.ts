import { Decimal, isPlainDecimal } from '@shared/money/decimal'
import { quotedInput } from '@shared/validation/quoted-input'
import { CliUsageError } from './cli-usage-error'

/** Parsed option values as node:util parseArgs returns them. */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>

/** Returns a required string option, or throws naming it. */
export function requiredText(values: OptionValues, name: string): string {
  const value = values[name]
  if (typeof value !== 'string' || value.length === 0) throw new CliUsageError(`--${name} is required`)
  return value
}

/** Returns a decimal option (plain notation only), the fallback when absent, or throws naming it. */
export function decimalOption(values: OptionValues, name: string, fallback?: string): Decimal {
  const value = values[name] ?? fallback
  if (value === undefined) throw new CliUsageError(`--${name} is required`)
  if (typeof value !== 'string' || !isPlainDecimal(value)) {
    throw new CliUsageError(`--${name} must be a plain decimal number such as 0.001, got ${quotedInput(value)}`)
  }
  return new Decimal(value)
}

/** Returns a whole-number option, or throws naming it. */
export function integerOption(values: OptionValues, name: string): number {
  const value = requiredText(values, name)
  if (!/^\d+$/.test(value)) throw new CliUsageError(`--${name} must be a whole number, got ${quotedInput(value)}`)
  return Number(value)
}

/** Returns an option restricted to listed words, the fallback when absent, or throws naming them. */
export function choiceOption<T extends string>(values: OptionValues, name: string, choices: readonly T[], fallback: T): T {
  const value = values[name] ?? fallback
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new CliUsageError(`--${name} must be one of ${choices.join(', ')}, got ${quotedInput(value)}`)
  }
  return value as T
}
