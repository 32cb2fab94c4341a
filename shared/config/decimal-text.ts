import { z } from 'zod'
import { Decimal } from '../money/decimal'
import { quotedInput } from '../validation/quoted-input'

/** Digits a decimal setting may have at most before its point, and as many after it: what Binance takes. */
export const DECIMAL_DIGITS = 20

const UNSIGNED = /^(\d*)(?:\.(\d*))?$/
const SIGNED = /^[+-](\d+(\.\d*)?|\.\d+)$/
const EXPONENT = /^[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d+$/

/**
 * Says what is wrong with the text of a decimal setting, as what it must be ("must not be
 * negative"), or returns undefined when it is a plain non-negative decimal of at most 20 digits
 * before the point and 20 after. `example` is a value the setting could have, shown to the person.
 * The length is checked first, so nothing else ever reads a long text.
 */
export function decimalTextProblem(text: string, example: string): string | undefined {
  if (text === '') return `is empty: write a number like ${example}`
  const tooManyDigits = `has too many digits: at most ${DECIMAL_DIGITS} before the decimal point and ${DECIMAL_DIGITS} after`
  // Only linear checks read a text this long
  if (text.length > 2 * DECIMAL_DIGITS + 1) return !/[^\d.]/.test(text) && text.indexOf('.') === text.lastIndexOf('.') ? tooManyDigits : notANumber(text, example)
  const parts = UNSIGNED.exec(text)
  if (parts !== null && `${parts[1] ?? ''}${parts[2] ?? ''}` !== '') {
    return (parts[1] ?? '').length > DECIMAL_DIGITS || (parts[2] ?? '').length > DECIMAL_DIGITS ? tooManyDigits : undefined
  }
  if (text.startsWith('-') && SIGNED.test(text)) return 'must not be negative'
  if (SIGNED.test(text)) return `must be written without a sign, like ${example}`
  if (EXPONENT.test(text)) return `must be written out in full, like ${example}, not with an exponent`
  return notANumber(text, example)
}

function notANumber(text: string, example: string): string {
  return `must be a number like ${example}, not ${quotedInput(text)}`
}

/**
 * Returns the value of a decimal setting's text when it is valid (see decimalTextProblem), or
 * undefined: for checks across settings, which judge only settings that are valid on their own.
 */
export function validDecimal(text: unknown): Decimal | undefined {
  if (typeof text !== 'string') return undefined
  const trimmed = text.trim()
  return decimalTextProblem(trimmed, '0') === undefined ? new Decimal(trimmed) : undefined
}

/**
 * A non-negative decimal written as text ("0.001", "65000"): exact, never a float, no sign, no
 * exponent, at most 20 digits before the point and 20 after. `example` is shown in its messages.
 */
export function decimalText(example: string) {
  return decimalSchema(example, false)
}

/** A positive decimal written as text (see decimalText). */
export function positiveDecimalText(example: string) {
  return decimalSchema(example, true)
}

function decimalSchema(example: string, positive: boolean) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? 'is missing'
          : typeof issue.input === 'number'
            ? `must be written as text in quotes, like "${example}", so it stays exact`
            : `must be a number like ${example}, written as text in quotes`
    })
    .trim()
    .superRefine((text, context) => {
      const problem = decimalTextProblem(text, example) ?? (positive && !/[1-9]/.test(text) ? 'must be greater than zero' : undefined)
      if (problem !== undefined) context.addIssue({ code: 'custom', message: problem })
    })
}

/** A duration in milliseconds: a whole number from `min` to `max`. */
export function durationMs(defaultMs: number, min = 0, max = 30 * 24 * 3_600_000) {
  return z
    .number({ error: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(min, `must be at least ${min} ms`)
    .max(max, `must be at most ${max} ms`)
    .default(defaultMs)
}
