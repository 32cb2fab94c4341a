import type { Decimal } from '@shared/money/decimal'
import type { ValidationCollector } from './filter-violation'
import type { OrderRequest } from './order-request'
import type { SymbolRules } from './symbol-rules'

type Field = 'quantity' | 'quoteOrderQty' | 'price' | 'stopPrice' | 'icebergQty' | 'trailingDelta'

// Binance's documented mandatory parameters per order type; trailingDelta may replace stopPrice
const REQUIRED: Readonly<Record<OrderRequest['type'], readonly Field[]>> = {
  LIMIT: ['quantity', 'price'],
  LIMIT_MAKER: ['quantity', 'price'],
  MARKET: [],
  STOP_LOSS: ['quantity'],
  TAKE_PROFIT: ['quantity'],
  STOP_LOSS_LIMIT: ['quantity', 'price'],
  TAKE_PROFIT_LIMIT: ['quantity', 'price']
}

const NOT_ALLOWED: Readonly<Record<OrderRequest['type'], readonly Field[]>> = {
  LIMIT: ['quoteOrderQty', 'stopPrice', 'trailingDelta'],
  LIMIT_MAKER: ['quoteOrderQty', 'stopPrice', 'trailingDelta'],
  MARKET: ['price', 'stopPrice', 'trailingDelta', 'icebergQty'],
  STOP_LOSS: ['price', 'quoteOrderQty', 'icebergQty'],
  TAKE_PROFIT: ['price', 'quoteOrderQty', 'icebergQty'],
  STOP_LOSS_LIMIT: ['quoteOrderQty'],
  TAKE_PROFIT_LIMIT: ['quoteOrderQty']
}

// Binance accepts at most 20 integer digits in a decimal parameter
const MAX_INTEGER_DIGITS = 20

/**
 * Checks the parameters Binance rejects before any filter: missing or unexpected ones, values
 * that are not positive, and more decimals than the asset allows (-1111) or digits it can hold.
 */
export function checkParameters(rules: SymbolRules, order: OrderRequest, out: ValidationCollector): void {
  for (const field of REQUIRED[order.type]) {
    if (order[field] === undefined) {
      out.fail({ filter: 'PARAMETER', rule: 'required', field, value: 'missing', limit: 'required' }, `${order.type} orders need ${field}`)
    }
  }
  for (const field of NOT_ALLOWED[order.type]) {
    if (order[field] !== undefined) {
      out.fail({ filter: 'PARAMETER', rule: 'notAllowed', field, value: String(order[field]), limit: 'absent' }, `${order.type} orders take no ${field}`)
    }
  }
  if (order.type === 'MARKET' && (order.quantity === undefined) === (order.quoteOrderQty === undefined)) {
    out.fail(
      { filter: 'PARAMETER', rule: 'required', field: 'quantity', value: 'both or neither', limit: 'exactly one of quantity, quoteOrderQty' },
      'MARKET orders need exactly one of quantity and quoteOrderQty'
    )
  }
  const isStop = order.type.startsWith('STOP_LOSS') || order.type.startsWith('TAKE_PROFIT')
  if (isStop && order.stopPrice === undefined && order.trailingDelta === undefined) {
    out.fail(
      { filter: 'PARAMETER', rule: 'required', field: 'stopPrice', value: 'missing', limit: 'stopPrice or trailingDelta' },
      `${order.type} orders need stopPrice or trailingDelta`
    )
  }
  checkAmount(out, 'quantity', order.quantity, rules.baseAssetPrecision)
  checkAmount(out, 'icebergQty', order.icebergQty, rules.baseAssetPrecision)
  checkAmount(out, 'quoteOrderQty', order.quoteOrderQty, rules.quoteAssetPrecision)
  checkAmount(out, 'price', order.price, rules.quoteAssetPrecision)
  checkAmount(out, 'stopPrice', order.stopPrice, rules.quoteAssetPrecision)
  if (order.trailingDelta !== undefined && (!Number.isSafeInteger(order.trailingDelta) || order.trailingDelta <= 0)) {
    out.fail(
      { filter: 'PARAMETER', rule: 'positiveInteger', field: 'trailingDelta', value: String(order.trailingDelta), limit: '> 0' },
      `trailingDelta must be a positive whole number of basis points, got ${order.trailingDelta}`
    )
  }
}

function checkAmount(out: ValidationCollector, field: Field, value: Decimal | undefined, precision: number): void {
  if (value === undefined) return
  if (!value.isPositive() || value.isZero()) {
    out.fail({ filter: 'PARAMETER', rule: 'positive', field, value: value.toFixed(), limit: '> 0' }, `${field} must be greater than zero, got ${value.toFixed()}`)
    return
  }
  if (value.decimalPlaces() > precision) {
    out.fail(
      { filter: 'PARAMETER', rule: 'precision', field, value: value.toFixed(), limit: `${precision} decimals` },
      `${field} ${value.toFixed()} has more than ${precision} decimals`
    )
  }
  if (value.trunc().toFixed().length > MAX_INTEGER_DIGITS) {
    out.fail(
      { filter: 'PARAMETER', rule: 'digits', field, value: value.toFixed(), limit: `${MAX_INTEGER_DIGITS} integer digits` },
      `${field} ${value.toFixed()} has more than ${MAX_INTEGER_DIGITS} integer digits`
    )
  }
}
