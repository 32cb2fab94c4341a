/** The most decimals a stored price may have. */
export const MAX_SCALE = 12

/** Powers of ten that are exact doubles, 10^0 to 10^15. */
export const POWERS_OF_TEN: readonly number[] = Array.from({ length: 16 }, (_, power) => 10 ** power)

const LARGEST_BEFORE_DIGIT = Math.floor(Number.MAX_SAFE_INTEGER / 10)
const DIGIT_0 = 48
const DIGIT_9 = 57
const DOT = 46

/**
 * Reads plain non-negative decimal text (`65000.1`, `0.00001234`, `28923.63000000`) into an exact
 * integer of significant digits and a count of decimals: value = digits × 10^-decimals. Trailing
 * zeros after the point are dropped, so `28923.63000000` reads as 2892363 and 2 decimals. One
 * reader is reused for every price of a file: reading allocates nothing.
 */
export class DecimalDigitsReader {
  /** The digits of the last text read, an integer below 2^53. */
  digits = 0
  /** The decimals of the last text read, 0 to MAX_SCALE. */
  decimals = 0
  /** What was wrong with the last text read, when `read` returned false. */
  problem = ''

  /**
   * Reads `text` from `start` up to `end` (excluded; the whole text by default); returns false,
   * with `problem` set, for text that is not a plain decimal or does not fit.
   */
  read(text: string, start = 0, end = text.length): boolean {
    const length = end
    let digits = 0
    let decimals = 0
    let pendingZeros = 0
    let index = start
    let integerDigits = 0
    for (; index < length; index++) {
      const code = text.charCodeAt(index)
      if (code === DOT) break
      if (code < DIGIT_0 || code > DIGIT_9) return this.fail('is not a plain decimal number')
      const digit = code - DIGIT_0
      if (digits > LARGEST_BEFORE_DIGIT || digits * 10 > Number.MAX_SAFE_INTEGER - digit) return this.fail('has more digits than fit below 2^53')
      digits = digits * 10 + digit
      integerDigits++
    }
    if (integerDigits === 0) return this.fail('is not a plain decimal number')
    if (index < length) {
      index++
      if (index === length) return this.fail('is not a plain decimal number')
      for (; index < length; index++) {
        const code = text.charCodeAt(index)
        if (code < DIGIT_0 || code > DIGIT_9) return this.fail('is not a plain decimal number')
        if (code === DIGIT_0) {
          pendingZeros++
          continue
        }
        // Zeros are only multiplied in once a significant digit follows them
        const step = pendingZeros + 1
        if (decimals + step > MAX_SCALE) return this.fail(`has more than ${MAX_SCALE} decimals`)
        const shifted = digits * (POWERS_OF_TEN[step] as number)
        if (shifted > Number.MAX_SAFE_INTEGER - (code - DIGIT_0)) return this.fail('has more digits than fit below 2^53')
        digits = shifted + (code - DIGIT_0)
        decimals += step
        pendingZeros = 0
      }
    }
    this.digits = digits
    this.decimals = decimals
    return true
  }

  private fail(problem: string): false {
    this.problem = problem
    return false
  }
}
