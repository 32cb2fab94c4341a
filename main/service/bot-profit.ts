import type { Decimal } from '@shared/money/decimal'
import type { ProfitView } from '@shared/api'
import type { Journal } from '../engine/journal'
import { ProfitFold, type StartingHoldings } from './profit'

/** Orders whose sales are no grid trade: the base sold by an EMERGENCY STOP, an exit or a rebalance. */
const OUTSIDE_GRID: ReadonlySet<string> = new Set(['emergency', 'exit', 'rebalance'])

/** The assets a bot's profit is counted in. */
export interface ProfitAssets {
  readonly baseAsset: string
  readonly quoteAsset: string
}

/**
 * One bot's profit kept up to date as fills arrive, so the dashboard, rebuilt every half second,
 * folds only the new fills instead of the bot's whole history. A fill recorded out of time order
 * (a fill found late by a reconciliation) makes it fold everything again, once.
 */
export class BotProfit {
  private fold: ProfitFold | undefined
  private startKey = ''
  private lastTimeMs = 0
  private readonly atLastTime = new Set<string>()

  /** The bot's profit now, its holdings marked at `lastPrice`. */
  view(journal: Journal, botId: string, start: StartingHoldings, assets: ProfitAssets, lastPrice: Decimal): ProfitView {
    const startKey = `${start.quote.toFixed()}|${start.base.toFixed()}|${start.startPrice.toFixed()}|${assets.baseAsset}|${assets.quoteAsset}`
    if (this.fold === undefined || startKey !== this.startKey) this.restart(start, assets, startKey)
    const fold = this.fold as ProfitFold
    const count = journal.countFills(botId)
    if (count !== fold.folded) {
      const fresh = journal.listFillsFrom(botId, this.lastTimeMs).filter((fill) => !(fill.timeMs === this.lastTimeMs && this.atLastTime.has(fill.tradeId)))
      const isGridTrade = (clientOrderId: string) => !OUTSIDE_GRID.has(journal.getIntent(clientOrderId)?.purpose ?? 'grid')
      if (fold.folded + fresh.length === count) this.add(fresh, isGridTrade)
      else {
        this.restart(start, assets, startKey)
        this.add(journal.listFills(botId), isGridTrade)
      }
    }
    return (this.fold as ProfitFold).view(lastPrice)
  }

  private restart(start: StartingHoldings, assets: ProfitAssets, startKey: string): void {
    this.fold = new ProfitFold(start, assets.baseAsset, assets.quoteAsset)
    this.startKey = startKey
    this.lastTimeMs = 0
    this.atLastTime.clear()
  }

  private add(fills: readonly { readonly timeMs: number; readonly tradeId: string }[], isGridTrade: (clientOrderId: string) => boolean): void {
    const fold = this.fold as ProfitFold
    for (const fill of fills as Parameters<ProfitFold['add']>[0][]) {
      fold.add(fill, isGridTrade(fill.clientOrderId))
      if (fill.timeMs !== this.lastTimeMs) {
        this.lastTimeMs = fill.timeMs
        this.atLastTime.clear()
      }
      this.atLastTime.add(fill.tradeId)
    }
  }
}
