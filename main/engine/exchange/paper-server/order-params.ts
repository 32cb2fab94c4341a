import { clientOrderId, venueOrderId } from '../port/identifiers'
import type { NewOcoList, NewOrder, OcoLeg, OrderRef } from '../port/new-order'
import type { TimeInForce } from '../port/order-report'
import { KNOWN_ORDER_TYPES, type OrderSide, type OrderType } from '../rules'
import type { ClientIdGenerator } from './client-id-generator'
import type { ResponseType } from './order-json'
import { PaperApiError } from './paper-api-error'
import { invalidValue, mandatory, type ParamReader } from './param-reader'

const SIDES: readonly OrderSide[] = ['BUY', 'SELL']
const TIMES_IN_FORCE: readonly TimeInForce[] = ['GTC', 'IOC', 'FOK']
const RESPONSE_TYPES: readonly ResponseType[] = ['ACK', 'RESULT', 'FULL']
const OCO_LEG_TYPES: readonly OcoLeg['type'][] = ['LIMIT_MAKER', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT']
// Parameters Binance takes that the simulator cannot honour; refused rather than silently ignored
const UNSUPPORTED = ['icebergQty', 'trailingDelta', 'pegPriceType', 'pegOffsetValue', 'pegOffsetType']

const invalidSide = () => new PaperApiError(400, -1117, 'Invalid side.')
const invalidType = () => new PaperApiError(400, -1116, 'Invalid orderType.')
const invalidTimeInForce = () => new PaperApiError(400, -1115, 'Invalid timeInForce.')

/** Returns the side parameter; -1102 when absent, -1117 when not BUY or SELL. */
export function readSide(params: ParamReader): OrderSide {
  params.required('side')
  return params.oneOf('side', SIDES, invalidSide) as OrderSide
}

/** Returns a new order from `POST /api/v3/order` parameters; the client order id is made up when absent. */
export function readNewOrder(params: ParamReader, ids: ClientIdGenerator): NewOrder {
  const symbol = params.required('symbol')
  const side = readSide(params)
  params.required('type')
  const type = params.oneOf('type', KNOWN_ORDER_TYPES, invalidType) as OrderType
  refuseUnsupported(params, UNSUPPORTED)
  const timeInForce = params.oneOf('timeInForce', TIMES_IN_FORCE, invalidTimeInForce)
  const quantity = params.decimal('quantity')
  const quoteOrderQty = params.decimal('quoteOrderQty')
  const price = params.decimal('price')
  const stopPrice = params.decimal('stopPrice')
  if (type === 'MARKET' && quantity === undefined && quoteOrderQty === undefined) {
    throw new PaperApiError(400, -1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!")
  }
  if (type !== 'MARKET' && quantity === undefined) throw mandatory('quantity')
  return {
    symbol,
    clientOrderId: clientOrderId(params.clientOrderId('newClientOrderId') ?? ids.next()),
    side,
    type,
    ...(quantity !== undefined ? { quantity } : {}),
    ...(quoteOrderQty !== undefined ? { quoteOrderQty } : {}),
    ...(price !== undefined ? { price } : {}),
    ...(stopPrice !== undefined ? { stopPrice } : {}),
    ...(timeInForce !== undefined ? { timeInForce } : {})
  }
}

/** Returns the response type asked for, or Binance's default: FULL for MARKET and LIMIT, ACK otherwise. */
export function readResponseType(params: ParamReader, orderType: OrderType | undefined): ResponseType {
  const asked = params.oneOf('newOrderRespType', RESPONSE_TYPES, () => invalidValue('newOrderRespType'))
  if (asked !== undefined) return asked
  return orderType === 'MARKET' || orderType === 'LIMIT' ? 'FULL' : 'ACK'
}

/** Returns an order reference from `orderId` and/or `origClientOrderId`; -1102 when neither is sent. */
export function readOrderRef(params: ParamReader, symbol: string): OrderRef {
  const orderId = params.integer('orderId')
  const origClientOrderId = params.clientOrderId('origClientOrderId')
  if (orderId === undefined && origClientOrderId === undefined) {
    throw new PaperApiError(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!")
  }
  return {
    symbol,
    ...(orderId !== undefined ? { orderId: venueOrderId(String(orderId)) } : {}),
    ...(origClientOrderId !== undefined ? { clientOrderId: clientOrderId(origClientOrderId) } : {})
  }
}

/** Returns a new OCO list from `POST /api/v3/orderList/oco` parameters; missing client ids are made up. */
export function readNewOcoList(params: ParamReader, ids: ClientIdGenerator): NewOcoList {
  const symbol = params.required('symbol')
  const side = readSide(params)
  const quantity = params.decimal('quantity')
  if (quantity === undefined) throw mandatory('quantity')
  refuseUnsupported(
    params,
    ['above', 'below'].flatMap((prefix) => ['IcebergQty', 'TrailingDelta', 'PegPriceType', 'PegOffsetType', 'PegOffsetValue'].map((name) => `${prefix}${name}`))
  )
  return {
    symbol,
    listClientOrderId: clientOrderId(params.clientOrderId('listClientOrderId') ?? ids.next()),
    side,
    quantity,
    above: readLeg(params, 'above', ids),
    below: readLeg(params, 'below', ids)
  }
}

function readLeg(params: ParamReader, prefix: 'above' | 'below', ids: ClientIdGenerator): OcoLeg {
  params.required(`${prefix}Type`)
  const type = params.oneOf(`${prefix}Type`, OCO_LEG_TYPES, () => new PaperApiError(400, -1158, 'Order type not supported in OCO.')) as OcoLeg['type']
  const price = params.decimal(`${prefix}Price`)
  const stopPrice = params.decimal(`${prefix}StopPrice`)
  const timeInForce = params.oneOf(`${prefix}TimeInForce`, TIMES_IN_FORCE, invalidTimeInForce)
  if ((type === 'LIMIT_MAKER' || type.endsWith('_LIMIT')) && price === undefined) throw mandatory(`${prefix}Price`)
  if (type !== 'LIMIT_MAKER' && stopPrice === undefined) throw mandatory(`${prefix}StopPrice`)
  return {
    clientOrderId: clientOrderId(params.clientOrderId(`${prefix}ClientOrderId`) ?? ids.next()),
    type,
    ...(price !== undefined ? { price } : {}),
    ...(stopPrice !== undefined ? { stopPrice } : {}),
    ...(timeInForce !== undefined ? { timeInForce } : {})
  }
}

function refuseUnsupported(params: ParamReader, names: readonly string[]): void {
  for (const name of names) {
    if (params.optional(name) !== undefined) throw new PaperApiError(400, -1106, `Parameter '${name}' sent when not required.`)
  }
}
