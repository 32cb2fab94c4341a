import { create } from 'zustand'
import type { Api, AppInfo, AppStateView, BacktestUpdate, CandleUpdate, CandleView } from '@shared/api'
import type { BotConfigInput } from '@shared/config/bot-config'
import type { BacktestForm } from '../components/backtest-form-state'

/** The chart's candle interval. */
export const CHART_INTERVAL = '1m'
/** Candles the chart keeps per symbol. */
export const CHART_CANDLES = 1000

/** The views of the main area. */
export type MainView = 'dashboard' | 'setup' | 'backtest' | 'keys'

/** Everything the renderer knows: what main pushed, and what the person chose on screen. */
export interface AppStore {
  readonly api: Api | null
  readonly link: 'connecting' | 'open' | 'closed' | 'unavailable'
  readonly linkProblem: string | null
  readonly info: AppInfo | null
  readonly app: AppStateView | null
  /** Candles per `symbol:interval`, oldest first. */
  readonly candles: Readonly<Record<string, readonly CandleView[]>>
  readonly selectedBotId: string | null
  readonly view: MainView
  /** The latest outcome of a command the person gave, for the status line. */
  readonly notice: { readonly id: number; readonly kind: 'info' | 'error'; readonly text: string } | null
  /** The latest update of the latest backtest (its result once done); kept while other views show. */
  readonly backtest: BacktestUpdate | null
  /** The backtest form as the person left it; null until they change it. */
  readonly backtestForm: BacktestForm | null
  /** A configuration the grid setup opens with (carried over from a backtest), until a grid starts. */
  readonly setupPrefill: BotConfigInput | null
  connected(api: Api): void
  setLink(link: AppStore['link'], problem?: string | null): void
  setInfo(info: AppInfo): void
  receiveState(app: AppStateView): void
  receiveCandles(symbol: string, interval: string, candles: readonly CandleView[]): void
  receiveCandle(update: CandleUpdate): void
  selectBot(botId: string | null): void
  show(view: MainView): void
  tell(kind: 'info' | 'error', text: string): void
  /** Takes the notice away, if it is still the one with this id. */
  dismissNotice(id: number): void
  receiveBacktest(update: BacktestUpdate): void
  editBacktestForm(form: BacktestForm): void
  /** Opens the grid setup filled with a configuration, under an id no bot has. */
  setUpWith(config: BotConfigInput): void
  clearSetupPrefill(): void
}

/** Returns the candle key of a symbol's chart. */
export function candleKey(symbol: string, interval: string = CHART_INTERVAL): string {
  return `${symbol}:${interval}`
}

/** Applies one candle to a series: replaces the candle with its open time, or appends a newer one; drops the oldest beyond the limit. */
export function applyCandle(series: readonly CandleView[], candle: CandleView, limit = CHART_CANDLES): readonly CandleView[] {
  const last = series.at(-1)
  if (last !== undefined && candle.openTimeMs < last.openTimeMs) {
    const index = series.findIndex((existing) => existing.openTimeMs === candle.openTimeMs)
    return index === -1 ? series : series.map((existing, at) => (at === index ? candle : existing))
  }
  if (last !== undefined && candle.openTimeMs === last.openTimeMs) return [...series.slice(0, -1), candle]
  const next = [...series, candle]
  return next.length > limit ? next.slice(next.length - limit) : next
}

/** The renderer's one store. */
export const useAppStore = create<AppStore>()((set) => ({
  api: null,
  link: 'connecting',
  linkProblem: null,
  info: null,
  app: null,
  candles: {},
  selectedBotId: null,
  view: 'dashboard',
  notice: null,
  backtest: null,
  backtestForm: null,
  setupPrefill: null,
  connected: (api) => set({ api }),
  setLink: (link, problem = null) => set({ link, linkProblem: problem }),
  setInfo: (info) => set({ info }),
  // A push older than the one shown (a late copy after a reconnect) is ignored
  receiveState: (app) => set((store) => (store.app !== null && app.revision < store.app.revision && app.revision !== 1 ? {} : { app, selectedBotId: store.selectedBotId ?? app.bots[0]?.botId ?? null })),
  receiveCandles: (symbol, interval, candles) => set((store) => ({ candles: { ...store.candles, [candleKey(symbol, interval)]: candles } })),
  receiveCandle: (update) =>
    set((store) => {
      const key = candleKey(update.symbol, update.interval)
      return { candles: { ...store.candles, [key]: applyCandle(store.candles[key] ?? [], update.candle) } }
    }),
  selectBot: (botId) => set({ selectedBotId: botId }),
  show: (view) => set({ view }),
  tell: (kind, text) => set((store) => ({ notice: { id: (store.notice?.id ?? 0) + 1, kind, text } })),
  dismissNotice: (id) => set((store) => (store.notice?.id === id ? { notice: null } : {})),
  receiveBacktest: (update) => set({ backtest: update }),
  editBacktestForm: (form) => set({ backtestForm: form }),
  setUpWith: (config) =>
    set((store) => {
      const taken = store.app?.bots.some((bot) => bot.botId === config.id) === true
      const freeId = store.app?.suggestedConfig?.id
      return { setupPrefill: taken && freeId !== undefined ? { ...config, id: freeId } : config, view: 'setup' }
    }),
  clearSetupPrefill: () => set({ setupPrefill: null })
}))
