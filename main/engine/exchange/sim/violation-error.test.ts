import { describe, expect, it } from 'vitest'
import type { FilterViolation } from '../rules'
import { violationError } from './violation-error'

const violation = (filter: string, rule: string, field = 'price', value = '1'): FilterViolation => ({ filter, rule, field, value, limit: '', message: '' })
const answer = (violations: FilterViolation[]) => {
  const error = violationError(violations)
  return error === undefined ? 'none' : `${error.venueCode} ${error.venueMessage}`
}

describe('violationError', () => {
  it('answers nothing when nothing is broken', () => {
    expect(answer([])).toBe('none')
  })

  it('answers parameter errors first, then filter failures, then engine rejects', () => {
    const orderType = violation('ORDER_TYPE', 'orderTypes', 'type', 'MARKET')
    const filter = violation('NOTIONAL', 'minNotional')
    const parameter = violation('PARAMETER', 'precision', 'quantity')
    expect(answer([orderType, filter, parameter])).toBe("-1111 Parameter 'quantity' has too much precision.")
    expect(answer([orderType, filter])).toBe('-1013 Filter failure: NOTIONAL')
    expect(answer([orderType])).toBe('-2010 Market orders are not supported for this symbol.')
  })

  it('tells a zero value (-1102) from a negative one (-1100)', () => {
    expect(answer([violation('PARAMETER', 'positive', 'quantity', '0')])).toBe("-1102 Mandatory parameter 'quantity' was not sent, was empty/null, or malformed.")
    expect(answer([violation('PARAMETER', 'positive', 'quantity', '-2')])).toMatch(/^-1100 Illegal characters found in parameter 'quantity'/)
    expect(answer([violation('PARAMETER', 'digits', 'price')])).toMatch(/^-1100 /)
  })

  it('maps symbol rules to Binance’s -2010 texts', () => {
    expect(answer([violation('SYMBOL_STATUS', 'status')])).toBe('-2010 Market is closed.')
    expect(answer([violation('SPOT_TRADING', 'isSpotTradingAllowed')])).toBe('-2010 This symbol is not permitted for this account.')
    expect(answer([violation('ORDER_TYPE', 'icebergAllowed')])).toBe('-2010 Iceberg orders are not supported for this symbol.')
    expect(answer([violation('ORDER_TYPE', 'somethingNew')])).toBe('-2010 Unsupported order combination')
  })

  it('names exchange filters as they are named on the wire', () => {
    expect(answer([violation('EXCHANGE_MAX_NUM_ORDER_LISTS', 'maxNumOrderLists')])).toBe('-1013 Filter failure: EXCHANGE_MAX_NUM_ORDER_LISTS')
  })
})
