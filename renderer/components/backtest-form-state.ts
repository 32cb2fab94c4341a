import { BACKTEST_MAX_RANGE_MS, type BacktestInterval, type BacktestRequest } from '@shared/api'
import type { BotConfigInput } from '@shared/config/bot-config'
import { configOf, draftOf, type SetupDraft } from './setup-draft'

const DAY_MS = 86_400_000
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** The backtest form as typed: where the candles come from, which, and the grid. */
export interface BacktestForm {
  readonly source: 'download' | 'file'
  readonly interval: BacktestInterval
  /** First day, YYYY-MM-DD (UTC). */
  readonly from: string
  /** Last day, YYYY-MM-DD (UTC), included. */
  readonly to: string
  /** A klines file on the machine running Gridkeeper. */
  readonly path: string
  readonly grid: SetupDraft
}

/** The grid a backtest offers when the app has no suggestion (it is not connected yet). */
const FALLBACK_GRID: BotConfigInput = { id: 'backtest', symbol: 'BTCUSDT', grid: { lower: '', upper: '', grids: 10, investment: '1000' } }

/** The form a backtest opens with: last month's one-minute candles from Binance, and the app's suggested grid. */
export function defaultBacktestForm(suggested: BotConfigInput | null, nowMs: number): BacktestForm {
  return { source: 'download', interval: '1m', ...lastMonth(nowMs), path: '', grid: draftOf(suggested ?? FALLBACK_GRID) }
}

/**
 * The form with another source: a file starts with no range (all of it), a download with last
 * month when it has no range.
 */
export function withSource(form: BacktestForm, source: BacktestForm['source'], nowMs: number): BacktestForm {
  if (source === form.source) return form
  if (source === 'file') return { ...form, source, from: '', to: '' }
  return { ...form, source, ...(form.from === '' && form.to === '' ? lastMonth(nowMs) : {}) }
}

/** The first and last day of the month before the one holding `nowMs`. */
function lastMonth(nowMs: number): { from: string; to: string } {
  const now = new Date(nowMs)
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)
  return { from: dayText(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)), to: dayText(monthStart - DAY_MS) }
}

/** The request a form describes, or what to fix first, for a person. */
export function backtestRequestOf(form: BacktestForm): { readonly ok: true; readonly request: BacktestRequest } | { readonly ok: false; readonly problem: string } {
  const symbol = form.grid.symbol.trim().toUpperCase()
  const config = configOf({ ...form.grid, symbol })
  const fromMs = form.from.trim() === '' ? undefined : dayStartMs(form.from)
  const lastDayMs = form.to.trim() === '' ? undefined : dayStartMs(form.to)
  if (fromMs === null) return { ok: false, problem: `From must be a date such as 2024-01-31, not "${form.from}"` }
  if (lastDayMs === null) return { ok: false, problem: `To must be a date such as 2024-01-31, not "${form.to}"` }
  const toMs = lastDayMs === undefined ? undefined : lastDayMs + DAY_MS
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) return { ok: false, problem: 'To must not be before From' }
  if (form.source === 'file') {
    const path = form.path.trim()
    if (path === '') return { ok: false, problem: 'Give the path of a klines file on the machine running Gridkeeper' }
    return { ok: true, request: { config, klines: { kind: 'file', path, ...(fromMs === undefined ? {} : { fromMs }), ...(toMs === undefined ? {} : { toMs }) } } }
  }
  if (symbol === '') return { ok: false, problem: 'Give the symbol whose candles to download, such as BTCUSDT' }
  if (fromMs === undefined || toMs === undefined) return { ok: false, problem: 'Give the first and the last day of the candles to download' }
  if (toMs - fromMs > BACKTEST_MAX_RANGE_MS) return { ok: false, problem: 'A download covers at most three years: choose a shorter range' }
  return { ok: true, request: { config, klines: { kind: 'download', symbol, interval: form.interval, fromMs, toMs } } }
}

/** Returns a day's UTC start from YYYY-MM-DD, or null when the text is not a real date. */
function dayStartMs(text: string): number | null {
  const match = DATE.exec(text.trim())
  if (match === null) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const ms = Date.UTC(year, month - 1, day)
  return dayText(ms) === text.trim() ? ms : null
}

/** Returns YYYY-MM-DD of a UTC time. */
function dayText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}
