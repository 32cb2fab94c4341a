import { describe, expect, it } from 'vitest'
import errors from './fixtures/sdk-errors.json'
import { toExchangeError } from './errors'
import { sdkErrorFacts } from './sdk-error-facts'

const NOW = 1795893074779
const read = (raw: unknown, orderEntry = false) => {
  const error = toExchangeError(raw, { orderEntry, nowMs: NOW })
  const fields = error as unknown as { venueCode?: number; reason?: string; retryAfterMs?: number; venueMessage?: string }
  return { name: error.name, venueCode: fields.venueCode, reason: fields.reason, retryAfterMs: fields.retryAfterMs }
}

describe('toExchangeError', () => {
  it('maps unknown orders (-2013, and -2011 for an unknown order or list) to OrderNotFoundError', () => {
    expect(read(errors.plainOrderDoesNotExist)).toMatchObject({ name: 'OrderNotFoundError', venueCode: -2013 })
    expect(read(errors.plainUnknownOrderSent, true)).toMatchObject({ name: 'OrderNotFoundError', venueCode: -2011 })
    expect(read(errors.plainOrderListDoesNotExist, true)).toMatchObject({ name: 'OrderNotFoundError', venueCode: -2011 })
    expect(read(errors.axiosOrderDoesNotExist)).toMatchObject({ name: 'OrderNotFoundError', venueCode: -2013 })
  })

  it('keeps a -2011 about cancel restrictions a rejection: the order exists', () => {
    expect(read(errors.plainCancelRestrictions, true)).toMatchObject({ name: 'ExchangeRejectedError', venueCode: -2011 })
  })

  it('maps -1000, -1001, -1006, -1007, HTTP 5xx, answers that are not Binance’s, timeouts and resets to OutcomeUnknownError', () => {
    for (const raw of [errors.plainInternal, errors.plainUnknown, errors.plainUnexpectedResponse, errors.plainTimeout, errors.axiosServerError]) {
      expect(read(raw, true).name).toBe('OutcomeUnknownError')
    }
    expect(read(errors.plainTimeout, true).venueCode).toBe(-1007)
    for (const raw of [errors.axiosBadGateway, errors.plainNoBinanceBody, errors.networkReset, errors.networkTimeout, errors.bareString]) {
      expect(read(raw, true)).toMatchObject({ name: 'OutcomeUnknownError', venueCode: undefined })
    }
  })

  it('maps 429 and 418 (Retry-After in seconds), -1003 and -1015 to ExchangeRetryableError with retryAfterMs', () => {
    expect(read(errors.plainRateLimited)).toEqual({ name: 'ExchangeRetryableError', venueCode: -1003, reason: 'rate-limit', retryAfterMs: 7000 })
    expect(read(errors.axiosRateLimited)).toEqual({ name: 'ExchangeRetryableError', venueCode: -1003, reason: 'rate-limit', retryAfterMs: 7000 })
    expect(read(errors.axiosBanned)).toEqual({ name: 'ExchangeRetryableError', venueCode: -1003, reason: 'banned', retryAfterMs: 120_000 })
    expect(read(errors.plainBanned)).toEqual({ name: 'ExchangeRetryableError', venueCode: -1003, reason: 'banned', retryAfterMs: 120_000 })
    expect(read(errors.plainTooManyOrders, true)).toEqual({ name: 'ExchangeRetryableError', venueCode: -1015, reason: 'rate-limit', retryAfterMs: 10_000 })
    expect(read(errors.axiosTooManyOrdersNoRetryAfter, true)).toEqual({ name: 'ExchangeRetryableError', venueCode: -1015, reason: 'rate-limit', retryAfterMs: 10_000 })
    expect(read(errors.wsApiRateLimited)).toEqual({ name: 'ExchangeRetryableError', venueCode: -1003, reason: 'rate-limit', retryAfterMs: 7000 })
  })

  it('maps -1021 to a retryable timestamp error', () => {
    for (const raw of [errors.plainTimestamp, errors.axiosTimestamp, errors.wsApiTimestamp]) {
      expect(read(raw, true)).toEqual({ name: 'ExchangeRetryableError', venueCode: -1021, reason: 'timestamp', retryAfterMs: 0 })
    }
  })

  it('maps -1008 to an unknown outcome for order entry and to a retryable busy error otherwise', () => {
    expect(read(errors.plainBusy, true)).toMatchObject({ name: 'OutcomeUnknownError', venueCode: -1008 })
    expect(read(errors.plainBusy, false)).toEqual({ name: 'ExchangeRetryableError', venueCode: -1008, reason: 'busy', retryAfterMs: 1000 })
  })

  it('maps a connection that was never made to a retryable busy error: nothing can have happened', () => {
    expect(read(errors.networkRefused, true)).toEqual({ name: 'ExchangeRetryableError', venueCode: 0, reason: 'busy', retryAfterMs: 1000 })
  })

  it('maps every other refusal to ExchangeRejectedError with Binance’s code and message', () => {
    const rejected = toExchangeError(errors.plainInsufficientBalance, { orderEntry: true, nowMs: NOW })
    expect(rejected).toMatchObject({ name: 'ExchangeRejectedError', venueCode: -2010, venueMessage: 'Account has insufficient balance for requested action.' })
    expect(read(errors.plainFilterFailure, true)).toMatchObject({ name: 'ExchangeRejectedError', venueCode: -1013 })
    expect(read(errors.axiosWafBlock)).toMatchObject({ name: 'ExchangeRejectedError', venueCode: 0 })
  })

  it('chains the SDK’s error as the cause', () => {
    expect(toExchangeError(errors.plainFilterFailure, { orderEntry: true, nowMs: NOW }).cause).toBe(errors.plainFilterFailure)
  })
})

describe('sdkErrorFacts', () => {
  it('reads status, code, message and lowercase headers from each shape', () => {
    expect(sdkErrorFacts(errors.axiosRateLimited)).toMatchObject({ httpStatus: 429, venueCode: -1003, message: 'Too many requests queued.', headers: { 'retry-after': '7', 'x-mbx-used-weight-1m': '4' } })
    expect(sdkErrorFacts(errors.plainRateLimited)).toMatchObject({ venueCode: -1003, headers: { 'retry-after': '7' } })
    expect(sdkErrorFacts(errors.networkReset)).toEqual({ message: 'socket hang up', headers: {}, networkCode: 'ECONNRESET' })
    expect(sdkErrorFacts(errors.wsApiRateLimited)).toMatchObject({ httpStatus: 429, venueCode: -1003, retryAtMs: NOW + 7000 })
    expect(sdkErrorFacts(new Error('boom'))).toEqual({ message: 'boom', headers: {} })
  })
})
