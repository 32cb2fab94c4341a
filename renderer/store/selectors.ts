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
