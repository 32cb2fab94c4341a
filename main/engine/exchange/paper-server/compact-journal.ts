import { KLINE_RETENTION_BARS } from '../sim/kline-book'
import { JOURNAL_VERSION, type JournalEntry, type JournalHeader, type PaperState } from './journal-format'

const MINUTE_MS = 60_000

/**
 * Returns the saved account without the bar entries the klines can no longer answer: per symbol,
 * those of minute bars older than the newest `retentionBars`, counted as the simulator's klines and
 * the tape count them (a trade of another minute than the one before opens a bar), so a restart
 * rebuilds the same klines. Their trades are added to the header's count, so public trade ids stay
 * the same. Entries that define orders, fills and balances (trades, placements, cancels) all stay.
 */
export function compactJournal(state: PaperState, retentionBars = KLINE_RETENTION_BARS): PaperState {
  const barNumbers = new Int32Array(state.entries.length)
  const barCounts = new Map<string, number>()
  const lastMinutes = new Map<string, number>()
  state.entries.forEach((entry, index) => {
    if (entry.k !== 'trade' && entry.k !== 'bar') return
    const minuteMs = Math.floor(entry.t / MINUTE_MS) * MINUTE_MS
    const count = (barCounts.get(entry.s) ?? 0) + (lastMinutes.get(entry.s) === minuteMs ? 0 : 1)
    barCounts.set(entry.s, count)
    lastMinutes.set(entry.s, minuteMs)
    barNumbers[index] = count
  })
  const compacted: Record<string, number> = { ...state.header.compactedTrades }
  const kept: JournalEntry[] = []
  state.entries.forEach((entry, index) => {
    if (entry.k === 'bar' && (barNumbers[index] as number) <= (barCounts.get(entry.s) ?? 0) - retentionBars) {
      compacted[entry.s] = (compacted[entry.s] ?? 0) + entry.n
      return
    }
    kept.push(entry)
  })
  const header: JournalHeader = { ...state.header, version: JOURNAL_VERSION, ...(Object.keys(compacted).length > 0 ? { compactedTrades: compacted } : {}) }
  return { header, entries: kept.length === state.entries.length ? state.entries : kept }
}
