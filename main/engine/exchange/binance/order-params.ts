import type { Decimal } from '@shared/money/decimal'
import type { NewOcoList, NewOrder, OcoLeg } from '../port/new-order'

/** Request parameters as they go on the wire: every value exact text. */
export type WireParams = Readonly<Record<string, string>>

// Types whose orders rest with a time in force; Binance refuses one on the others (-1106)
const WITH_TIME_IN_FORCE = new Set(['LIMIT', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'])

/** Returns a decimal as Binance wants it: plain notation, exactly as the engine rounded it. */
function text(value: Decimal): string {
  return value.toFixed()
}

/**
 * Returns the parameters of `POST /api/v3/order` for a new order: our client order id, amounts as
 * exact decimal text, a time in force only for the types that take one, and a FULL response (the
 * order's state and the trades it made at once).
 */
export function newOrderParams(order: NewOrder): WireParams {
  return {
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    newClientOrderId: order.clientOrderId,
    ...(order.quantity !== undefined ? { quantity: text(order.quantity) } : {}),
    ...(order.quoteOrderQty !== undefined ? { quoteOrderQty: text(order.quoteOrderQty) } : {}),
    ...(order.price !== undefined ? { price: text(order.price) } : {}),
    ...(order.stopPrice !== undefined ? { stopPrice: text(order.stopPrice) } : {}),
    ...(WITH_TIME_IN_FORCE.has(order.type) && order.timeInForce !== undefined ? { timeInForce: order.timeInForce } : {}),
    newOrderRespType: 'FULL'
  }
}

/**
 * Returns the parameters of `POST /api/v3/orderList/oco`: the list's and each leg's client ids,
 * exact decimal text, and a RESULT response (both legs' states). A *_LIMIT leg without a time in
 * force is sent GTC, the only one a resting protective leg can have.
 */
export function ocoListParams(list: NewOcoList): WireParams {
  return {
    symbol: list.symbol,
    side: list.side,
    quantity: text(list.quantity),
    listClientOrderId: list.listClientOrderId,
    ...legParams('above', list.above),
    ...legParams('below', list.below),
    newOrderRespType: 'RESULT'
  }
}

function legParams(prefix: 'above' | 'below', leg: OcoLeg): Record<string, string> {
  return {
    [`${prefix}Type`]: leg.type,
    [`${prefix}ClientOrderId`]: leg.clientOrderId,
    ...(leg.price !== undefined ? { [`${prefix}Price`]: text(leg.price) } : {}),
    ...(leg.stopPrice !== undefined ? { [`${prefix}StopPrice`]: text(leg.stopPrice) } : {}),
    ...(WITH_TIME_IN_FORCE.has(leg.type) ? { [`${prefix}TimeInForce`]: leg.timeInForce ?? 'GTC' } : {})
  }
}
