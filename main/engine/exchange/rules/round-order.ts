import { Decimal } from '@shared/money/decimal'
import { commonStep, decimalUnit, roundToStep, type RoundingDirection } from '@shared/money/step'
import type { OrderRequest, OrderSide } from './order-request'
import type { OrderType, SymbolRules } from './symbol-rules'

/** One change the rounder made to an order, and why. */
export interface RoundingAdjustment {
  readonly field: 'price' | 'stopPrice' | 'quantity' | 'quoteOrderQty' | 'icebergQty'
  readonly from: string
  readonly to: string
  readonly direction: RoundingDirection
  readonly reason: string
}

/** A rounded order and the list of what changed. */
export interface RoundedOrder {
  readonly order: OrderRequest
  readonly adjustments: readonly RoundingAdjustment[]
}

/** Overrides of the default rounding directions. */
export interface RoundingOptions {
  /** Default: a BUY's price rounds down, a SELL's up, so rounding never makes a price worse for us. */
  readonly priceDirection?: RoundingDirection
  /** Default: the same direction as the price. */
  readonly stopPriceDirection?: RoundingDirection
}

/** Returns the default price rounding direction for a side: BUY down, SELL up. */
export function defaultPriceDirection(side: OrderSide): RoundingDirection {
  return side === 'BUY' ? 'down' : 'up'
}

/**
 * Moves a price onto the symbol's tick (PRICE_FILTER.tickSize), or onto the quote asset's
 * precision where the tick is disabled.
 */
export function roundPrice(rules: SymbolRules, price: Decimal, direction: RoundingDirection): Decimal {
  return roundToStep(price, priceStep(rules), direction)
}

/** Returns the step prices live on: the tick size, or one unit of quote precision when it is zero. */
export function priceStep(rules: SymbolRules): Decimal {
  const tick = rules.filters.priceFilter?.tickSize
  return tick !== undefined && !tick.isZero() ? tick : decimalUnit(rules.quoteAssetPrecision)
}

/**
 * Returns the step quantities of this order type live on: LOT_SIZE.stepSize, combined with
 * MARKET_LOT_SIZE.stepSize for MARKET orders, or one unit of base precision where both are zero.
 */
export function quantityStep(rules: SymbolRules, type: OrderType): Decimal {
  const steps = [rules.filters.lotSize?.stepSize ?? new Decimal(0)]
  if (type === 'MARKET') steps.push(rules.filters.marketLotSize?.stepSize ?? new Decimal(0))
  const step = commonStep(steps)
  return step.isZero() ? decimalUnit(rules.baseAssetPrecision) : step
}

/** Rounds a quantity down onto the step of the order type (quantities never round up). */
export function roundQuantity(rules: SymbolRules, quantity: Decimal, type: OrderType): Decimal {
  return roundToStep(quantity, quantityStep(rules, type), 'down')
}

/**
 * Rounds an order onto the symbol's grids: price and stopPrice onto the tick (BUY down, SELL up
 * unless told otherwise), quantity and icebergQty down onto the lot step, quoteOrderQty down onto
 * the quote precision. It changes nothing else: bounds, bands and notional are left to
 * validateOrder, because moving a price or a size past a step would change what the person asked for.
 */
export function roundOrder(rules: SymbolRules, order: OrderRequest, options: RoundingOptions = {}): RoundedOrder {
  const adjustments: RoundingAdjustment[] = []
  const priceDirection = options.priceDirection ?? defaultPriceDirection(order.side)
  const stopDirection = options.stopPriceDirection ?? priceDirection
  const tick = priceStep(rules)
  const lot = quantityStep(rules, order.type)
  const tickReason = rules.filters.priceFilter?.tickSize.isZero() === false ? `tickSize ${tick.toFixed()}` : `quote precision ${rules.quoteAssetPrecision}`
  const lotReason = `step ${lot.toFixed()}`

  const adjust = (field: RoundingAdjustment['field'], value: Decimal | undefined, step: Decimal, direction: RoundingDirection, reason: string) => {
    if (value === undefined) return undefined
    const rounded = roundToStep(value, step, direction)
    if (!rounded.eq(value)) adjustments.push({ field, from: value.toFixed(), to: rounded.toFixed(), direction, reason })
    return rounded
  }

  const rounded: { -readonly [K in keyof OrderRequest]: OrderRequest[K] } = { ...order }
  const price = adjust('price', order.price, tick, priceDirection, tickReason)
  const stopPrice = adjust('stopPrice', order.stopPrice, tick, stopDirection, tickReason)
  const quantity = adjust('quantity', order.quantity, lot, 'down', lotReason)
  const icebergQty = adjust('icebergQty', order.icebergQty, quantityStep(rules, 'LIMIT'), 'down', lotReason)
  const quoteOrderQty = adjust('quoteOrderQty', order.quoteOrderQty, decimalUnit(rules.quoteAssetPrecision), 'down', `quote precision ${rules.quoteAssetPrecision}`)
  if (price !== undefined) rounded.price = price
  if (stopPrice !== undefined) rounded.stopPrice = stopPrice
  if (quantity !== undefined) rounded.quantity = quantity
  if (icebergQty !== undefined) rounded.icebergQty = icebergQty
  if (quoteOrderQty !== undefined) rounded.quoteOrderQty = quoteOrderQty
  return { order: rounded, adjustments }
}
