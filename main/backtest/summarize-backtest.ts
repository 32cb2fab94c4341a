import { Decimal } from '@shared/money/decimal'
import type { BotConfig } from '@shared/config/bot-config'
import type { SymbolRules } from '../engine/exchange/rules'
import type { Journal } from '../engine/journal'
import type { CandleSeries } from '../klines/candle-series'
import { priceDecimal } from '../klines/price-text'
import { splitProfit } from '../service/profit'
import type { BacktestFill, BacktestRecenter, BacktestReport, BacktestStop } from './backtest-report'

/** What the summary reads: the run's journal and what the run started from. */
export interface BacktestOutcome {
  readonly journal: Journal
  readonly botId: string
  /** The configuration at the end (a recenter moves the range) and at the start. */
  readonly config: BotConfig
  readonly startConfig: BotConfig
  readonly rules: SymbolRules
  readonly series: CandleSeries
  /** The largest fall of equity from a peak, as a fraction. */
  readonly maxDrawdown: number
  /** Warnings and errors the engine logged. */
  readonly problems: readonly string[]
}

// Binance's own precision for quote amounts
const MONEY_PLACES = 8

/** Builds the report of a finished run from its journal (exact decimals), the fills for the chart, and the recenters. */
export function summarizeBacktest(outcome: BacktestOutcome): { report: BacktestReport; fills: BacktestFill[]; recentered: BacktestRecenter[] } {
  const { journal, botId, rules, series } = outcome
  const last = series.length - 1
  const firstOpen = priceDecimal(series, series.open[0] as number)
  const lastClose = priceDecimal(series, series.close[last] as number)
  const fills = journal.listFills(botId)
  let fees = new Decimal(0)
  let roundTrips = 0
  for (const fill of fills) {
    const commission = new Decimal(fill.commission)
    if (fill.commissionAsset === rules.quoteAsset) fees = fees.add(commission)
    else if (fill.commissionAsset === rules.baseAsset) fees = fees.add(commission.mul(fill.price))
    if (journal.getIntent(fill.clientOrderId)?.purpose === 'counter') roundTrips += 1
  }
  const start = { quote: new Decimal(outcome.startConfig.grid.investment), base: new Decimal(outcome.startConfig.grid.baseHeld), startPrice: firstOpen }
  const profit = splitProfit(start, fills, rules.baseAsset, rules.quoteAsset, lastClose)
  const startValue = new Decimal(profit.startValue)
  const events = journal.listBotEvents(botId, { limit: 1_000_000_000 })
  const stops: BacktestStop[] = events
    .filter((event) => event.type === 'StopLossTriggered' || event.type === 'TakeProfitTriggered')
    .map((event) => ({ at: new Date(event.atMs).toISOString(), kind: event.type === 'StopLossTriggered' ? 'stop-loss' : 'take-profit', outcome: outcome.config.risk.stopOutcome }))
  const moves = events.filter((event) => event.type === 'Recentered')
  // The grid's own fills: a recenter's trade of base is not the new grid trading
  const gridFills = fills.filter((fill) => ['grid', 'counter'].includes(journal.getIntent(fill.clientOrderId)?.purpose ?? ''))
  const recentered = moves.map((event, index): BacktestRecenter => {
    const details = JSON.parse(event.detailsJson) as { from?: string; to?: string }
    const untilMs = moves[index + 1]?.atMs ?? Infinity
    return { timeMs: event.atMs, from: details.from ?? '', to: details.to ?? '', fillsAfter: gridFills.filter((fill) => fill.timeMs >= event.atMs && fill.timeMs < untilMs).length }
  })
  return {
    report: {
      candles: series.length,
      from: new Date(series.openTimeMs[0] as number).toISOString(),
      to: new Date((series.openTimeMs[last] as number) + series.intervalMs).toISOString(),
      fills: { buy: fills.filter((fill) => fill.side === 'BUY').length, sell: fills.filter((fill) => fill.side === 'SELL').length },
      roundTrips,
      gridProfit: profit.gridProfit,
      fees: money(fees),
      startValue: profit.startValue,
      finalValue: profit.currentValue,
      buyAndHoldValue: money(startValue.div(firstOpen).mul(lastClose)),
      maxDrawdownPct: (outcome.maxDrawdown * 100).toFixed(2),
      stops,
      recenters: moves.length,
      incidents: journal.listIncidents({ botId }).length,
      elapsedMs: 0
    },
    fills: fills.map((fill) => ({ timeMs: fill.timeMs, side: fill.side, price: fill.price, quantity: fill.quantity })),
    recentered
  }
}

function money(value: Decimal): string {
  return value.toDecimalPlaces(MONEY_PLACES, Decimal.ROUND_HALF_EVEN).toFixed()
}
