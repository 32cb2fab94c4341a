import type { ExchangeRejectedError } from '../errors/exchange-rejected-error'
import type { FilterViolation } from '../rules'
import { venueErrors } from './venue-errors'

// Binance's text for a symbol that lacks an order type or capability
const UNSUPPORTED: Readonly<Record<string, string>> = {
  LIMIT: 'Limit orders are not supported for this symbol.',
  LIMIT_MAKER: 'Limit maker orders are not supported for this symbol.',
  MARKET: 'Market orders are not supported for this symbol.',
  STOP_LOSS: 'Stop loss orders are not supported for this symbol.',
  STOP_LOSS_LIMIT: 'Stop loss limit orders are not supported for this symbol.',
  TAKE_PROFIT: 'Take profit orders are not supported for this symbol.',
  TAKE_PROFIT_LIMIT: 'Take profit limit orders are not supported for this symbol.',
  quoteOrderQtyMarketAllowed: 'Quote order qty market orders are not support for this symbol.',
  icebergAllowed: 'Iceberg orders are not supported for this symbol.',
  allowTrailingStop: 'Trailing stop orders are not supported for this symbol.',
  ocoAllowed: 'OCO orders are not supported for this symbol',
  otoAllowed: 'OTO orders are not supported for this symbol.',
  opoAllowed: 'OPO orders are not supported for this symbol.'
}

// Binance answers parameter errors at the API layer, then filter failures, then engine rejects
function precedence(violation: FilterViolation): number {
  if (violation.filter === 'PARAMETER') return 0
  if (violation.filter === 'SYMBOL_STATUS' || violation.filter === 'ORDER_TYPE' || violation.filter === 'SPOT_TRADING') return 2
  return 1
}

/**
 * Returns the error Binance would answer for the first violation it checks, or undefined when
 * there is none: PARAMETER → -1102/-1106/-1111/-1100, a filter → -1013 "Filter failure: X",
 * SYMBOL_STATUS → -2010 "Market is closed.", ORDER_TYPE → -2010 with the text for what is missing.
 */
export function violationError(violations: readonly FilterViolation[]): ExchangeRejectedError | undefined {
  const first = [...violations].sort((a, b) => precedence(a) - precedence(b))[0]
  if (first === undefined) return undefined
  switch (first.filter) {
    case 'PARAMETER':
      return parameterError(first)
    case 'SYMBOL_STATUS':
      return venueErrors.marketClosed()
    case 'SPOT_TRADING':
      return venueErrors.notSupported('This symbol is not permitted for this account.')
    case 'ORDER_TYPE': {
      const key = first.rule === 'orderTypes' ? first.value : first.rule
      return venueErrors.notSupported(UNSUPPORTED[key] ?? 'Unsupported order combination')
    }
    default:
      return venueErrors.filterFailure(first.filter)
  }
}

function parameterError(violation: FilterViolation): ExchangeRejectedError {
  switch (violation.rule) {
    case 'notAllowed':
      return venueErrors.parameterNotRequired(violation.field)
    case 'precision':
      return venueErrors.tooMuchPrecision(violation.field)
    case 'digits':
      return venueErrors.illegalCharacters(violation.field)
    case 'positive':
      // A negative number breaks the decimal pattern; zero is a malformed mandatory value
      return violation.value.startsWith('-') ? venueErrors.illegalCharacters(violation.field) : venueErrors.mandatoryParameter(violation.field)
    default:
      return venueErrors.mandatoryParameter(violation.field)
  }
}
