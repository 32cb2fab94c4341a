import { ExchangeRejectedError } from '../errors/exchange-rejected-error'
import { ExchangeRetryableError } from '../errors/exchange-retryable-error'
import { OrderNotFoundError } from '../errors/order-not-found-error'
import { OutcomeUnknownError } from '../errors/outcome-unknown-error'

/**
 * The answers Binance Spot gives, with its exact codes and texts, built in one place so the
 * simulator and its tests spell them the same way.
 */
export const venueErrors = {
  /** -1121: the symbol is not listed. */
  invalidSymbol: () => new ExchangeRejectedError(-1121, 'Invalid symbol.'),
  /** -1120: an interval the exchange does not offer. */
  invalidInterval: () => new ExchangeRejectedError(-1120, 'Invalid interval.'),
  /** -1130: a parameter value out of its range (e.g. limit above 1000). */
  invalidParameter: (name: string) => new ExchangeRejectedError(-1130, `Data sent for parameter '${name}' is not valid.`),
  /** -1127: startTime and endTime further apart than the endpoint allows. */
  windowTooLong: (hours: number) => new ExchangeRejectedError(-1127, `More than ${hours} hours between startTime and endTime.`),
  /** -1128: optional parameters that may not be sent together. */
  badParameterCombination: () => new ExchangeRejectedError(-1128, 'Combination of optional parameters invalid.'),
  /** -1102: a mandatory parameter is missing or malformed. */
  mandatoryParameter: (name: string) => new ExchangeRejectedError(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`),
  /** -1102: neither orderId nor origClientOrderId was sent. */
  missingOrderId: () => new ExchangeRejectedError(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!"),
  /** -1106: a parameter this order type does not take. */
  parameterNotRequired: (name: string) => new ExchangeRejectedError(-1106, `Parameter '${name}' sent when not required.`),
  /** -1111: more decimals than the asset has. */
  tooMuchPrecision: (name: string) => new ExchangeRejectedError(-1111, `Parameter '${name}' has too much precision.`),
  /** -1100: a value outside the decimal pattern (negative, too many digits). */
  illegalCharacters: (name: string) =>
    new ExchangeRejectedError(-1100, `Illegal characters found in parameter '${name}'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.`),
  /** -1112: nothing has traded on the symbol yet, so there is no price to act on. */
  noDepth: () => new ExchangeRejectedError(-1112, 'No orders on book for symbol.'),
  /** -1013: a symbol or exchange filter failed. */
  filterFailure: (filter: string) => new ExchangeRejectedError(-1013, `Filter failure: ${filter}`),
  /** -1158: an OCO leg type the list does not accept. */
  ocoLegType: () => new ExchangeRejectedError(-1158, 'Order type not supported in OCO.'),
  /** -1196: the stop-loss leg of a BUY OCO must be the above leg. */
  buyOcoStopAbove: () => new ExchangeRejectedError(-1196, 'A stop loss order in a buy OCO must be above.'),
  /** -1197: the stop-loss leg of a SELL OCO must be the below leg. */
  sellOcoStopBelow: () => new ExchangeRejectedError(-1197, 'A stop loss order in a sell OCO must be below.'),
  /** -2039: orderId and origClientOrderId name different orders. */
  clientIdMismatch: () => new ExchangeRejectedError(-2039, 'Client order ID is not correct for this order ID.'),
  /** -2010: not enough free balance. */
  insufficientBalance: () => new ExchangeRejectedError(-2010, 'Account has insufficient balance for requested action.'),
  /** -2010: the symbol is not TRADING. */
  marketClosed: () => new ExchangeRejectedError(-2010, 'Market is closed.'),
  /** -2010: the client order id belongs to an open order. */
  duplicateOrder: () => new ExchangeRejectedError(-2010, 'Duplicate order sent.'),
  /** -2010: a LIMIT_MAKER that would take. */
  wouldMatchAndTake: () => new ExchangeRejectedError(-2010, 'Order would immediately match and take.'),
  /** -2010: a stop whose trigger is already met. */
  wouldTriggerImmediately: () => new ExchangeRejectedError(-2010, 'Order would trigger immediately.'),
  /** -2010: OCO leg prices on the wrong sides of the last price. */
  ocoBadPrices: () => new ExchangeRejectedError(-2010, 'The relationship of the prices for the orders is not correct.'),
  /** -2010: the symbol lacks a capability or order type; `message` is Binance's text for it. */
  notSupported: (message: string) => new ExchangeRejectedError(-2010, message),
  /** -2011: cancel of an order that is not open. */
  unknownOrderSent: () => new OrderNotFoundError(-2011, 'Unknown order sent.'),
  /** -2013: query of an order the exchange never had. */
  orderDoesNotExist: () => new OrderNotFoundError(-2013, 'Order does not exist.'),
  /** -1021: the request's timestamp is outside the recvWindow; not executed, retryable once the clock is resynced. */
  timestampOutsideRecvWindow: () => new ExchangeRetryableError('timestamp', -1021, 0, 'Timestamp for this request is outside of the recvWindow.'),
  /** -1007: the request timed out; it may or may not have been executed. */
  timeout: () => new OutcomeUnknownError('Timeout waiting for response from backend server. Send status unknown; execution status unknown.', -1007)
} as const
