import { Decimal } from '@shared/money/decimal'
import { PaperApiError } from './paper-api-error'
import type { RequestParams } from './request-params'

const DECIMAL_PATTERN = /^([0-9]{1,20})(\.[0-9]{1,20})?$/
const INTEGER_PATTERN = /^[0-9]{1,20}$/
const CLIENT_ID_PATTERN = /^[a-zA-Z0-9-_]{1,36}$/

/** Reads typed parameters of one request and answers malformed ones with Binance's codes and texts. */
export class ParamReader {
  constructor(readonly params: RequestParams) {}

  /** Returns the raw value, or undefined when absent or empty. */
  optional(name: string): string | undefined {
    const value = this.params.get(name)
    return value === undefined || value === '' ? undefined : value
  }

  /** Returns the raw value; -1102 when it is absent or empty. */
  required(name: string): string {
    const value = this.optional(name)
    if (value === undefined) throw mandatory(name)
    return value
  }

  /** Returns a decimal parameter; -1100 when it is not a plain unsigned decimal (no exponent, no sign). */
  decimal(name: string): Decimal | undefined {
    const value = this.optional(name)
    if (value === undefined) return undefined
    if (!DECIMAL_PATTERN.test(value)) {
      throw new PaperApiError(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.`)
    }
    return new Decimal(value)
  }

  /** Returns a whole-number parameter (ids, times, limits); -1100 when it is not one. */
  integer(name: string): number | undefined {
    const value = this.optional(name)
    if (value === undefined) return undefined
    if (!INTEGER_PATTERN.test(value)) throw new PaperApiError(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`)
    return Number(value)
  }

  /** Returns a client order id parameter; -1100 when it breaks Binance's pattern. */
  clientOrderId(name: string): string | undefined {
    const value = this.optional(name)
    if (value === undefined) return undefined
    if (!CLIENT_ID_PATTERN.test(value)) throw new PaperApiError(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^[a-zA-Z0-9-_]{1,36}$'.`)
    return value
  }

  /** Returns one of the allowed values, or `error` when the value is another. */
  oneOf<T extends string>(name: string, allowed: readonly T[], error: () => PaperApiError): T | undefined {
    const value = this.optional(name)
    if (value === undefined) return undefined
    if (!(allowed as readonly string[]).includes(value)) throw error()
    return value as T
  }

  /** Returns a boolean parameter ("true"/"false"); -1130 for anything else. */
  boolean(name: string): boolean | undefined {
    const value = this.optional(name)
    if (value === undefined) return undefined
    if (value !== 'true' && value !== 'false') throw invalidValue(name)
    return value === 'true'
  }

  /** Returns the page size: `fallback` when absent, -1130 outside 1…max. */
  limit(fallback: number, max: number): number {
    const value = this.integer('limit') ?? fallback
    if (value < 1 || value > max) throw invalidValue('limit')
    return value
  }
}

/** Returns Binance's -1102 for a missing mandatory parameter. */
export function mandatory(name: string): PaperApiError {
  return new PaperApiError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`)
}

/** Returns Binance's -1130 for a value outside the parameter's range. */
export function invalidValue(name: string): PaperApiError {
  return new PaperApiError(400, -1130, `Data sent for parameter '${name}' is not valid.`)
}
