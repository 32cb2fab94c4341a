declare const brand: unique symbol

/** A value of T that only the named constructor function produces. */
type Branded<T, Name extends string> = T & { readonly [brand]: Name }

/** Our id of an order (newClientOrderId), `^[A-Za-z0-9_-]{1,36}$`. */
export type ClientOrderId = Branded<string, 'ClientOrderId'>

/** The exchange's id of an order, a decimal integer as text. */
export type VenueOrderId = Branded<string, 'VenueOrderId'>

/** The exchange's id of a trade, a decimal integer as text. */
export type TradeId = Branded<string, 'TradeId'>

const CLIENT_ORDER_ID = /^[A-Za-z0-9_-]{1,36}$/
const INTEGER_ID = /^\d{1,20}$/

/** Returns the text as a ClientOrderId, or throws a RangeError naming the rule it breaks. */
export function clientOrderId(text: string): ClientOrderId {
  if (!CLIENT_ORDER_ID.test(text)) throw new RangeError(`client order id "${text}" must match ^[A-Za-z0-9_-]{1,36}$`)
  return text as ClientOrderId
}

/** Returns the text as a VenueOrderId, or throws a RangeError. */
export function venueOrderId(text: string): VenueOrderId {
  if (!INTEGER_ID.test(text)) throw new RangeError(`venue order id "${text}" must be a decimal integer`)
  return text as VenueOrderId
}

/** Returns the text as a TradeId, or throws a RangeError. */
export function tradeId(text: string): TradeId {
  if (!INTEGER_ID.test(text)) throw new RangeError(`trade id "${text}" must be a decimal integer`)
  return text as TradeId
}
