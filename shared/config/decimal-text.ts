import { z } from 'zod'
import { isPlainDecimal } from '../money/decimal'

/** A non-negative decimal written as text ("0.001", "65000"): exact, never a float, no exponent. */
export const decimalText = z
  .string({ error: 'must be a decimal number written as text, such as "0.001"' })
  .trim()
  .refine((text) => isPlainDecimal(text) && !text.startsWith('-') && !text.startsWith('+'), {
    message: 'must be a plain non-negative decimal number such as "0.001" (no sign, no exponent)'
  })

/** A positive decimal written as text. */
export const positiveDecimalText = decimalText.refine((text) => /[1-9]/.test(text), { message: 'must be greater than zero' })

/** A duration in milliseconds: a whole number from `min` to `max`. */
export function durationMs(defaultMs: number, min = 0, max = 30 * 24 * 3_600_000) {
  return z
    .number({ error: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(min, `must be at least ${min} ms`)
    .max(max, `must be at most ${max} ms`)
    .default(defaultMs)
}
