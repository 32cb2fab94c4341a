import { Decimal } from '@shared/money/decimal'
import type { ProfitView } from '@shared/api'
import type { FillRecord } from '../engine/journal/journal-records'

/** What a bot started with, valued at the price when it started. */
export interface StartingHoldings {
  readonly quote: Decimal
  readonly base: Decimal
  /** The price the starting base is valued at (and its cost). */
  readonly startPrice: Decimal
}

/**
 * Splits a bot's result into grid profit and floating PnL by average cost, in the quote asset.
 * Fills are taken in time order: a BUY adds its base at its cost (quote spent plus a quote
 * commission); a SELL realises `proceeds − average cost of what it sold − its quote commission`.
 * A commission paid in base reduces the base held at unchanged total cost. Floating PnL is the
 * base still held marked at `lastPrice` minus its cost. A commission in a third asset (e.g. BNB)
 * cannot be priced here and is left out. Exact decimals throughout.
 */
export function splitProfit(start: StartingHoldings, fills: readonly FillRecord[], baseAsset: string, quoteAsset: string, lastPrice: Decimal): ProfitView {
  let base = start.base
  let cost = start.base.mul(start.startPrice)
  let quote = start.quote
  let realised = new Decimal(0)
  for (const fill of [...fills].sort((a, b) => a.timeMs - b.timeMs)) {
    const quantity = new Decimal(fill.quantity)
    const quoteAmount = new Decimal(fill.quoteQuantity)
    const commission = new Decimal(fill.commission)
    const quoteFee = fill.commissionAsset === quoteAsset ? commission : new Decimal(0)
    const baseFee = fill.commissionAsset === baseAsset ? commission : new Decimal(0)
    if (fill.side === 'BUY') {
      base = base.add(quantity).sub(baseFee)
      cost = cost.add(quoteAmount).add(quoteFee)
      quote = quote.sub(quoteAmount).sub(quoteFee)
    } else {
      const averageCost = base.gt(0) ? cost.div(base) : new Decimal(0)
      const sold = Decimal.min(quantity.add(baseFee), base)
      realised = realised.add(quoteAmount).sub(quoteFee).sub(averageCost.mul(sold))
      cost = cost.sub(averageCost.mul(sold))
      base = base.sub(quantity).sub(baseFee)
      quote = quote.add(quoteAmount).sub(quoteFee)
    }
  }
  const startValue = start.quote.add(start.base.mul(start.startPrice))
  const currentValue = quote.add(base.mul(lastPrice))
  return {
    startValue: money(startValue),
    currentValue: money(currentValue),
    gridProfit: money(realised),
    floatingPnl: money(currentValue.sub(startValue).sub(realised))
  }
}

// Eight places is Binance's own precision for quote amounts
function money(value: Decimal): string {
  return value.toDecimalPlaces(8, Decimal.ROUND_HALF_EVEN).toFixed()
}
