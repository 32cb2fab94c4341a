import { Decimal } from '@shared/money/decimal'
import { roundToStep } from '@shared/money/step'
import { isGridkeeperError } from '@shared/errors/gridkeeper-error'
import { priceStep, quantityStep } from '../rules'
import type { WorldEvent } from './sim-faults'
import { remainingQty, type SimOrder } from './sim-order'
import type { SimVenue } from './sim-venue'
import type { ExchangeWorld } from './exchange-world'
import { MARKET_STOP_TYPES } from './stop-trigger'

/** Returns the entry of `list` a draw in [0, 1) picks, or undefined for an empty list. */
function pick<T>(list: readonly T[], draw: number): T | undefined {
  return list[Math.min(list.length - 1, Math.floor(draw * list.length))]
}

/** Returns the price a random gap prints at: `gapPercent` above or below the trade's price, on the tick. */
export function gapPrice(venue: SimVenue, symbol: string, price: Decimal, event: WorldEvent): Decimal {
  const percent = new Decimal(venue.faults.settings().gapPercent)
  const up = event.picks[0] < 0.5
  const moved = price.mul(up ? new Decimal(1).add(percent) : new Decimal(1).sub(percent))
  const rounded = roundToStep(moved, priceStep(venue.symbol(symbol)), up ? 'up' : 'down')
  return rounded.gt(0) ? rounded : price
}

/**
 * Applies one random world event drawn on a public trade of `symbol`, after the trade: the
 * exchange expiring an order of ours, someone partly filling and cancelling one, the person
 * trading by hand, an order forgotten, a BREAK, a rules change. The picks choose the order, side
 * and amounts; an event with nothing to act on does nothing. A gap acts before the trade (see gapPrice).
 */
export function applyWorldEvent(venue: SimVenue, world: ExchangeWorld, symbol: string, event: WorldEvent): void {
  const [first, second, third] = event.picks
  const ours = venue.store.openOrders(symbol).filter((order) => order.origin === 'api')
  switch (event.kind) {
    case 'exchange-expire': {
      const order = pick(ours, first)
      if (order !== undefined) world.expireOrder({ symbol, orderId: order.orderId })
      return
    }
    case 'external-cancel': {
      const order = pick(
        ours.filter((entry) => entry.working && entry.price !== undefined && !MARKET_STOP_TYPES.has(entry.type)),
        first
      )
      if (order !== undefined) world.partialFillThenCancel({ symbol, orderId: order.orderId }, partialQuantity(venue, order, second))
      return
    }
    case 'hand-trade':
      handTrade(venue, world, symbol, event)
      return
    case 'forget-order': {
      // Binance never forgets a trade: what vanishes is an order that has none (an open one the
      // exchange lost, or an unfilled one archived); a whole testnet reset is resetAccount's
      // An order list's legs go together, so neither leg may have traded
      const all = venue.store.allOrders(symbol)
      const traded = new Set(all.filter((candidate) => candidate.orderListId !== undefined && !candidate.executedQty.isZero()).map((candidate) => candidate.orderListId))
      const order = pick(all.filter((candidate) => candidate.executedQty.isZero() && !traded.has(candidate.orderListId)), first)
      if (order !== undefined) world.forgetOrder({ symbol, orderId: order.orderId })
      return
    }
    case 'symbol-break':
      if (venue.isTrading(symbol)) world.setSymbolStatus(symbol, 'BREAK', venue.faults.settings().symbolBreakMs)
      return
    case 'rules-change':
      rulesChange(venue, world, symbol, second, third)
      return
    case 'gap':
      return
  }
}

/** A part of the order's remainder on the lot step that leaves some of it (zero when there is no room). */
function partialQuantity(venue: SimVenue, order: SimOrder, draw: number): Decimal {
  const step = quantityStep(venue.symbol(order.symbol), 'LIMIT')
  const remaining = remainingQty(order)
  const part = roundToStep(remaining.mul(Math.floor(draw * 100)).div(100), step, 'down')
  return part.gte(remaining) ? Decimal.max(remaining.sub(step), 0) : part
}

function handTrade(venue: SimVenue, world: ExchangeWorld, symbol: string, event: WorldEvent): void {
  const [first, second, third] = event.picks
  const last = venue.lastPrices.get(symbol)
  if (last === undefined) return
  const side = second < 0.5 ? 'BUY' : 'SELL'
  const theirs = venue.store.openOrders(symbol).filter((order) => order.origin === 'hand')
  try {
    if (first >= 0.7 && theirs.length > 0) {
      const order = pick(theirs, third) as SimOrder
      world.handCancel({ symbol, orderId: order.orderId })
      return
    }
    if (first >= 0.45 && first < 0.7) {
      world.handPlace({ symbol, side, type: 'MARKET', quantity: world.handQuantity(symbol, last, third) })
      return
    }
    // A resting order a little away from the price, where a person would put one
    const away = new Decimal(0.005 + third * 0.02)
    const raw = side === 'BUY' ? last.mul(new Decimal(1).sub(away)) : last.mul(new Decimal(1).add(away))
    const price = roundToStep(raw, priceStep(venue.symbol(symbol)), side === 'BUY' ? 'down' : 'up')
    if (price.lte(0)) return
    world.handPlace({ symbol, side, type: 'LIMIT', price, quantity: world.handQuantity(symbol, price, third), app: third < 0.5 ? 'web' : 'and' })
  } catch (error) {
    // The exchange refused the person's click (funds, filters, status): nothing happened
    if (!isGridkeeperError(error)) throw error
  }
}

function rulesChange(venue: SimVenue, world: ExchangeWorld, symbol: string, which: number, direction: number): void {
  const rules = venue.symbol(symbol)
  const finer = direction < 0.5
  const scale = (value: Decimal): Decimal => (finer ? value.div(10) : value.mul(10))
  // Never finer than the asset's precision
  const smallest = new Decimal(1).div(new Decimal(10).pow(8))
  if (which < 0.4 && rules.filters.priceFilter !== undefined && !rules.filters.priceFilter.tickSize.isZero()) {
    const tickSize = scale(rules.filters.priceFilter.tickSize)
    if (tickSize.gte(smallest)) world.changeRules(symbol, { tickSize })
    return
  }
  if (which < 0.8 && rules.filters.lotSize !== undefined && !rules.filters.lotSize.stepSize.isZero()) {
    const stepSize = scale(rules.filters.lotSize.stepSize)
    if (stepSize.gte(smallest)) world.changeRules(symbol, { stepSize })
    return
  }
  const minNotional = rules.filters.notional?.minNotional ?? rules.filters.minNotional?.minNotional
  if (minNotional !== undefined && !minNotional.isZero()) world.changeRules(symbol, { minNotional: finer ? minNotional.div(2) : minNotional.mul(2) })
}
