import type { BotView, CandleView, LevelView } from '@shared/api'
import { formatExact } from '../components/decimal-text-format'
import type { ChartLevel, ChartMarker } from '../chart/price-chart'
import type { AppStore } from './app-store'
import { candleKey } from './app-store'
import type { FillGroup } from './fill-groups'

/** One empty list, so a selector that finds nothing returns the same value every time (a new one would re-render forever). */
export const NONE: readonly never[] = Object.freeze([])
const NO_CANDLES: readonly CandleView[] = NONE

/** The bot the dashboard shows. */
export function selectedBot(store: Pick<AppStore, 'app' | 'selectedBotId'>): BotView | undefined {
  return store.app?.bots.find((bot) => bot.botId === store.selectedBotId) ?? store.app?.bots[0]
}

/** The candles of a symbol's chart. */
export function chartCandles(store: Pick<AppStore, 'candles'>, symbol: string | undefined) {
  return symbol === undefined ? NO_CANDLES : (store.candles[candleKey(symbol)] ?? NO_CANDLES)
}

/** How a level is drawn: its working order's side, or held, failed or empty. */
export function levelLine(level: LevelView): ChartLevel {
  const kind = level.held ? 'held' : level.phase === 'failed' ? 'failed' : level.side === 'BUY' ? 'buy' : level.side === 'SELL' ? 'sell' : 'empty'
  const title = level.side === null ? `L${level.index}` : `L${level.index} ${level.side} ${level.quantity ?? ''}`.trim()
  return { price: level.price, kind, title }
}

/** What the order part of a level's reason says ("SELL 0.0016 @ 63500"), which the Order and Price columns already show. */
const ORDER_PART = /^(BUY|SELL) \d+(\.\d+)?( @ \d+(\.\d+)?)?(?=;|$)/

/**
 * Returns what a level's reason adds to its State, Order and Price columns: "open: SELL 0.0016 @
 * 63500" adds nothing, "empty: its order filled" adds "its order filled"; "" when nothing.
 */
export function levelWhy(level: LevelView): string {
  const state = level.held ? 'held' : level.phase
  const rest = level.reason.startsWith(`${state}: `) ? level.reason.slice(state.length + 2) : level.reason === state ? '' : level.reason
  if (level.side === null || !ORDER_PART.test(rest)) return rest
  return rest.replace(ORDER_PART, '').replace(/^;\s*/, '').trim()
}

/** Marks an order's fills on the chart at their (average) price, with what it traded at the symbol's quantity precision. */
export function fillMark(group: FillGroup, quantityDecimals: number | null): ChartMarker {
  return { timeMs: group.timeMs, side: group.side, price: group.price, text: `${group.side === 'BUY' ? 'B' : 'S'} ${formatExact(group.quantity, quantityDecimals)}` }
}

/** Says what a bot's status means, for a person. */
export function statusText(status: BotView['status']): string {
  switch (status) {
    case 'running':
      return 'Running'
    case 'paused':
      return 'Paused: no new orders'
    case 'stopped':
      return 'Stopped: resume to trade again'
    case 'emergency':
      return 'EMERGENCY: the bot stopped itself; read the incidents'
    case 'failed':
      return 'Did not start: read the incident; resume to try again'
  }
}
