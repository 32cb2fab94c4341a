import { Decimal } from '@shared/money/decimal'
import { describe, expect, it } from 'vitest'
import type { TradeTick } from '../port/market-event'
import { barTrades, type BarEntry } from './journal-format'
import { MarketTape } from './market-tape'
import { MinuteBarFolder } from './minute-bar-folder'

const T0 = Date.UTC(2026, 0, 1)
const MIN = 60_000
const d = (text: string) => new Decimal(text)

/** A tape fed by hand, as the simulator's trade feed would. */
function handFedTape(): { tape: MarketTape; print: (tick: TradeTick) => void } {
  let listener: ((tick: TradeTick) => void) | undefined
  const tape = new MarketTape(
    {
      subscribeTrades: (_symbol, next) => {
        listener = next
        return () => undefined
      }
    },
    ['X']
  )
  return { tape, print: (tick) => listener?.(tick) }
}

describe('MinuteBarFolder', () => {
  it('folds trades into one bar per minute, ended by the first trade of a later minute', () => {
    const folder = new MinuteBarFolder()
    expect(folder.fold(T0, 'X', d('10'), d('1'))).toBeUndefined()
    expect(folder.fold(T0 + 30_000, 'X', d('9'), d('2'))).toBeUndefined()
    expect(folder.fold(T0 + 59_000, 'X', d('11'), d('1'))).toBeUndefined()
    const ended = folder.fold(T0 + MIN + 1, 'X', d('12'), d('1'))
    expect(ended).toEqual({ k: 'bar', t: T0 + 59_000, s: 'X', o: '10', h: '11', l: '9', c: '11', v: '4', qv: '39', n: 3, tbv: '2', tqv: '21', lq: '1', m: false })
    expect(folder.endAll().map((bar) => `${bar.t - T0} ${bar.c} ${bar.n}`)).toEqual([`${MIN + 1} 12 1`])
    expect(folder.endAll()).toEqual([])
  })

  it('ends a symbol’s bar before a trade recorded on its own, and keeps other symbols open', () => {
    const folder = new MinuteBarFolder()
    folder.fold(T0, 'X', d('10'), d('1'))
    folder.fold(T0 + 1000, 'Y', d('5'), d('1'))
    expect(folder.pass('X', d('9'))?.c).toBe('10')
    expect(folder.pass('X', d('9'))).toBeUndefined()
    expect(folder.endAll().map((bar) => bar.s)).toEqual(['Y'])
  })

  it('restores on a tape exactly what the trades built: candles, statistics, trade ids and the last trade', () => {
    const live = handFedTape()
    const restored = handFedTape()
    const folder = new MinuteBarFolder()
    const bars: BarEntry[] = []
    const prices = ['10', '10', '9.5', '9.5', '11', '10.5', '10.5', '12', '12', '8']
    prices.forEach((price, index) => {
      const tick: TradeTick = { symbol: 'X', price: d(price), quantity: d(`0.${index + 1}`), timeMs: T0 + index * 25_000 }
      live.print(tick)
      if (index === 5) {
        // A trade that changed the account: recorded on its own, replayed as a trade
        const ended = folder.pass('X', tick.price)
        if (ended !== undefined) bars.push(ended)
        for (const bar of bars.splice(0)) restored.tape.restoreTrades('X', barTrades(bar), bar.t)
        restored.print(tick)
        return
      }
      const ended = folder.fold(tick.timeMs, 'X', tick.price, tick.quantity)
      if (ended !== undefined) bars.push(ended)
    })
    for (const bar of [...bars, ...folder.endAll()]) restored.tape.restoreTrades('X', barTrades(bar), bar.t)
    const nowMs = T0 + 10 * MIN
    for (const intervalMs of [MIN, 3 * MIN]) expect(restored.tape.candles('X', intervalMs, { limit: 100 }, nowMs)).toEqual(live.tape.candles('X', intervalMs, { limit: 100 }, nowMs))
    expect(restored.tape.lastTrade('X')).toEqual(live.tape.lastTrade('X'))
    expect(restored.tape.rollingWindow('X', 86_400_000, nowMs)).toEqual(live.tape.rollingWindow('X', 86_400_000, nowMs))
  })
})
