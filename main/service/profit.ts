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
 * Grid profit and floating PnL by average cost, in the quote asset, folded one fill at a time in
 * trade time order: a BUY adds its base at its cost (quote spent plus a quote commission); a SELL
 * realises `proceeds − average cost of what it sold − its quote commission`. A commission paid in
 * base reduces the base held at unchanged total cost. A commission in a third asset (BNB) counts
 * at its quote value when it was paid (recorded with the fill): on a BUY it is part of the base's
 * cost, on a SELL it comes off the realised profit, and either way it comes off the current value,
 * since the account paid it; one whose value was not known is counted in `unvaluedFees`. Floating
 * PnL is the rest of the change in value: the base still held marked at the last price minus its
 * cost, and what sales outside the grid made or lost. Exact decimals throughout.
 */
export class ProfitFold {
  private base: Decimal
  private cost: Decimal
  private quote: Decimal
  private realised = new Decimal(0)
  /** Third-asset commissions paid, at their quote value. */
  private otherFees = new Decimal(0)
  /** Third-asset commissions whose value was not known, per asset. */
  private readonly unvalued = new Map<string, Decimal>()
  /** Fills folded so far. */
  folded = 0

  constructor(
    private readonly start: StartingHoldings,
    private readonly baseAsset: string,
    private readonly quoteAsset: string
  ) {
    this.base = start.base
    this.cost = start.base.mul(start.startPrice)
    this.quote = start.quote
  }

  /**
   * Folds the next fill (fills must come in trade time order). A SELL that is no grid trade (an
   * EMERGENCY STOP's or an exit's sale of the base, a rebalance) realises nothing as grid profit:
   * what it made or lost stays in the floating PnL.
   */
  add(fill: FillRecord, gridTrade = true): void {
    const quantity = new Decimal(fill.quantity)
    const quoteAmount = new Decimal(fill.quoteQuantity)
    const commission = new Decimal(fill.commission)
    const quoteFee = fill.commissionAsset === this.quoteAsset ? commission : new Decimal(0)
    const baseFee = fill.commissionAsset === this.baseAsset ? commission : new Decimal(0)
    const third = fill.commissionAsset !== this.quoteAsset && fill.commissionAsset !== this.baseAsset && !commission.isZero()
    const otherFee = third && fill.commissionQuote !== undefined && fill.commissionQuote !== null ? new Decimal(fill.commissionQuote) : new Decimal(0)
    if (third && (fill.commissionQuote === undefined || fill.commissionQuote === null)) this.unvalued.set(fill.commissionAsset, (this.unvalued.get(fill.commissionAsset) ?? new Decimal(0)).add(commission))
    this.otherFees = this.otherFees.add(otherFee)
    if (fill.side === 'BUY') {
      this.base = this.base.add(quantity).sub(baseFee)
      this.cost = this.cost.add(quoteAmount).add(quoteFee).add(otherFee)
      this.quote = this.quote.sub(quoteAmount).sub(quoteFee)
    } else {
      const averageCost = this.base.gt(0) ? this.cost.div(this.base) : new Decimal(0)
      const sold = Decimal.min(quantity.add(baseFee), this.base)
      if (gridTrade) this.realised = this.realised.add(quoteAmount).sub(quoteFee).sub(otherFee).sub(averageCost.mul(sold))
      this.cost = this.cost.sub(averageCost.mul(sold))
      this.base = this.base.sub(quantity).sub(baseFee)
      this.quote = this.quote.add(quoteAmount).sub(quoteFee)
    }
    this.folded += 1
  }

  /** The profit with what is held marked at `lastPrice`. */
  view(lastPrice: Decimal): ProfitView {
    const startValue = this.start.quote.add(this.start.base.mul(this.start.startPrice))
    const currentValue = this.quote.add(this.base.mul(lastPrice)).sub(this.otherFees)
    return {
      startValue: money(startValue),
      currentValue: money(currentValue),
      gridProfit: money(this.realised),
      floatingPnl: money(currentValue.sub(startValue).sub(this.realised)),
      ...(this.unvalued.size === 0 ? {} : { unvaluedFees: [...this.unvalued].map(([asset, amount]) => `${amount.toFixed()} ${asset}`).join(', ') })
    }
  }
}

/** Splits a bot's result into grid profit and floating PnL (see ProfitFold), fills in any order. */
export function splitProfit(start: StartingHoldings, fills: readonly FillRecord[], baseAsset: string, quoteAsset: string, lastPrice: Decimal): ProfitView {
  const fold = new ProfitFold(start, baseAsset, quoteAsset)
  for (const fill of [...fills].sort((a, b) => a.timeMs - b.timeMs)) fold.add(fill)
  return fold.view(lastPrice)
}

// Eight places is Binance's own precision for quote amounts
function money(value: Decimal): string {
  return value.toDecimalPlaces(8, Decimal.ROUND_HALF_EVEN).toFixed()
}
