import { describe, expect, it } from 'vitest'
import { compactJournal } from './compact-journal'
import type { BarEntry, JournalEntry, JournalHeader } from './journal-format'

const T0 = Date.UTC(2026, 0, 1)
const MIN = 60_000
const header: JournalHeader = { version: 1, balances: { USDT: '100' }, prices: { X: '1' }, makerFee: '0.001', takerFee: '0.001' }

const bar = (symbol: string, minute: number, trades = 2, secondMs = 30_000): BarEntry => ({
  k: 'bar',
  t: T0 + minute * MIN + secondMs,
  s: symbol,
  o: '1',
  h: '1',
  l: '1',
  c: '1',
  v: '1',
  qv: '1',
  n: trades,
  tbv: '0',
  tqv: '0',
  lq: '1',
  m: false
})
const brief = (entry: JournalEntry) => `${entry.k} ${'s' in entry ? entry.s : '-'} ${(entry.t - T0) / 1000}`

describe('compactJournal', () => {
  it('drops the bars older than the newest minute bars kept, per symbol, and counts their trades', () => {
    const entries: JournalEntry[] = [
      bar('X', 0),
      { k: 'place', t: T0 + 10_000, order: { symbol: 'X' }, last: '1' },
      bar('Y', 0, 5),
      { k: 'trade', t: T0 + MIN + 1000, s: 'X', p: '1', q: '1' },
      bar('X', 1, 3, 40_000),
      bar('X', 2),
      { k: 'cancel', t: T0 + 2 * MIN, s: 'X', orderId: '1', cancelId: 'c' },
      bar('X', 3),
      bar('X', 4)
    ]
    const compacted = compactJournal({ header, entries }, 3)
    // X has bars of minutes 0 to 4: minutes 0 and 1 go, the trade of minute 1 and every action stay
    expect(compacted.entries.map(brief)).toEqual(['place - 10', 'bar Y 30', 'trade X 61', 'bar X 150', 'cancel X 120', 'bar X 210', 'bar X 270'])
    expect(compacted.header).toEqual({ ...header, version: 2, compactedTrades: { X: 5 } })
    const again = compactJournal(compacted, 3)
    expect(again.entries).toEqual(compacted.entries)
    expect(compactJournal({ header: again.header, entries: [...again.entries, bar('X', 5, 1)] }, 3).header.compactedTrades).toEqual({ X: 7 })
  })

  it('counts minute bars as the klines do: two stretches of one minute are one bar', () => {
    const entries: JournalEntry[] = [bar('X', 0, 1, 10_000), { k: 'trade', t: T0 + 20_000, s: 'X', p: '1', q: '1' }, bar('X', 0, 1, 50_000), bar('X', 1)]
    expect(compactJournal({ header, entries }, 2).entries).toEqual(entries)
    expect(compactJournal({ header, entries }, 1).entries.map(brief)).toEqual(['trade X 20', 'bar X 90'])
  })

  it('writes the current version and leaves a journal within its retention as it is', () => {
    const entries: JournalEntry[] = [bar('X', 0), bar('X', 1)]
    const compacted = compactJournal({ header, entries })
    expect(compacted).toEqual({ header: { ...header, version: 2 }, entries })
  })
})
