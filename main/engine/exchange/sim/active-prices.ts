import type { Decimal } from '@shared/money/decimal'
import type { SimOrder } from './sim-order'
import { isTriggeredAt } from './stop-trigger'

/** The prices at which a resting book can act (see activePricesOf). */
export interface ActivePrices {
  readonly highestBuy?: Decimal
  readonly lowestSell?: Decimal
  readonly fallTrigger?: Decimal
  readonly riseTrigger?: Decimal
}

/**
 * Returns the prices at which open orders can act, for a backtest to skip candles that touch
 * none: the highest working BUY and lowest working SELL limit, the highest trigger of a stop that
 * fires on a fall and the lowest of one that fires on a rise.
 */
export function activePricesOf(orders: readonly SimOrder[]): ActivePrices {
  let highestBuy: Decimal | undefined
  let lowestSell: Decimal | undefined
  let fallTrigger: Decimal | undefined
  let riseTrigger: Decimal | undefined
  for (const order of orders) {
    if (order.working) {
      if (order.price === undefined) continue
      if (order.side === 'BUY' && (highestBuy === undefined || order.price.gt(highestBuy))) highestBuy = order.price
      if (order.side === 'SELL' && (lowestSell === undefined || order.price.lt(lowestSell))) lowestSell = order.price
    } else if (order.stopPrice !== undefined) {
      const onFall = isTriggeredAt(order.type, order.side, order.stopPrice, order.stopPrice.sub(1))
      if (onFall && (fallTrigger === undefined || order.stopPrice.gt(fallTrigger))) fallTrigger = order.stopPrice
      if (!onFall && (riseTrigger === undefined || order.stopPrice.lt(riseTrigger))) riseTrigger = order.stopPrice
    }
  }
  return { ...(highestBuy ? { highestBuy } : {}), ...(lowestSell ? { lowestSell } : {}), ...(fallTrigger ? { fallTrigger } : {}), ...(riseTrigger ? { riseTrigger } : {}) }
}
