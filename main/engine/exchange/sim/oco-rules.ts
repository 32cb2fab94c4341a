import type { Decimal } from '@shared/money/decimal'
import type { NewOcoList, OcoLeg } from '../port/new-order'
import { MARKET_STOP_TYPES } from './stop-trigger'
import { venueErrors } from './venue-errors'

const STOP_LOSS_LEG: ReadonlySet<OcoLeg['type']> = new Set(['STOP_LOSS', 'STOP_LOSS_LIMIT'])

/** Returns the leg that takes profit (LIMIT_MAKER / TAKE_PROFIT(_LIMIT)) and the stop-loss leg. */
export function ocoLegs(list: NewOcoList): { readonly profit: OcoLeg; readonly stopLoss: OcoLeg } {
  return STOP_LOSS_LEG.has(list.above.type) ? { profit: list.below, stopLoss: list.above } : { profit: list.above, stopLoss: list.below }
}

/**
 * Checks the OCO's leg types: one leg LIMIT_MAKER / TAKE_PROFIT / TAKE_PROFIT_LIMIT and the other
 * STOP_LOSS / STOP_LOSS_LIMIT (-1158); the stop-loss leg below for a SELL (-1197) and above for a
 * BUY (-1196). (The simulator also takes LIMIT_MAKER as the below leg of a BUY, the natural
 * "buy the dip or the breakout" pair of the older OCO endpoint.)
 */
export function checkOcoLegTypes(list: NewOcoList): void {
  const aboveIsStopLoss = STOP_LOSS_LEG.has(list.above.type)
  const belowIsStopLoss = STOP_LOSS_LEG.has(list.below.type)
  if (aboveIsStopLoss === belowIsStopLoss) throw venueErrors.ocoLegType()
  if (list.side === 'SELL' && aboveIsStopLoss) throw venueErrors.sellOcoStopBelow()
  if (list.side === 'BUY' && belowIsStopLoss) throw venueErrors.buyOcoStopAbove()
}

/**
 * Checks the OCO price relationship against the last price: for a SELL the profit leg's prices
 * (limit and trigger) are above the last price and the stop-loss trigger below it; for a BUY the
 * mirror image. Throws -2010 "The relationship of the prices for the orders is not correct."
 */
export function checkOcoPrices(list: NewOcoList, last: Decimal): void {
  const { profit, stopLoss } = ocoLegs(list)
  const profitPrices = [profit.price, profit.stopPrice].filter((price): price is Decimal => price !== undefined)
  const stopTrigger = stopLoss.stopPrice as Decimal
  const ok =
    list.side === 'SELL'
      ? profitPrices.every((price) => price.gt(last)) && stopTrigger.lt(last)
      : profitPrices.every((price) => price.lt(last)) && stopTrigger.gt(last)
  if (!ok) throw venueErrors.ocoBadPrices()
}

/** Returns the quote per unit a BUY leg locks: its limit price, or its stop price if it executes at market. */
export function legUnitPrice(leg: OcoLeg): Decimal {
  return (MARKET_STOP_TYPES.has(leg.type) ? leg.stopPrice : leg.price) as Decimal
}
