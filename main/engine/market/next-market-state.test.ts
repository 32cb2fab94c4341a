import { describe, expect, it } from 'vitest'
import { classifyMarket } from './classify-market'
import type { MarketStateChanged } from './market-state-changed'
import { initialMarketStateMemory, parseMarketStateMemory, type MarketStateMemory } from './market-state-memory'
import type { MarketReadingState } from './market-state'
import { nextMarketState } from './next-market-state'
import { replayMarketState } from './replay-market-state'
import { alternatingCandles, marketSettings, openTimeOf, pathCandles, readingAt, steadyCandles } from './stubs'

const HYSTERESIS = { hysteresisCandles: 3 }

/** Feeds one reading per candle, starting at candle `firstIndex`, and collects every change. */
function fold(states: readonly MarketReadingState[], memory: MarketStateMemory = initialMarketStateMemory(), firstIndex = 0, settings = HYSTERESIS) {
  const changes: MarketStateChanged[] = []
  let current = memory
  states.forEach((state, offset) => {
    const step = nextMarketState(current, readingAt(firstIndex + offset, state), settings)
    current = step.memory
    if (step.change !== undefined) changes.push(step.change)
  })
  return { memory: current, changes }
}

const RANGING = fold(['ranging', 'ranging', 'ranging']).memory

describe('nextMarketState, the hysteresis', () => {
  it('confirms the first state only after hysteresisCandles consecutive readings, as an event with its reason', () => {
    const two = fold(['trending-down', 'trending-down'])
    expect(two.changes).toEqual([])
    expect(two.memory).toMatchObject({ state: 'unknown', candidate: 'trending-down', candidateCandles: 2 })

    const three = fold(['trending-down', 'trending-down', 'trending-down'])
    expect(three.changes).toEqual([
      { type: 'MarketStateChanged', from: 'unknown', to: 'trending-down', reason: 'trending-down at candle 2 (read on 3 consecutive candles)', atMs: openTimeOf(3) - 1 }
    ])
    expect(three.memory).toEqual({
      state: 'trending-down',
      reason: 'trending-down at candle 2 (read on 3 consecutive candles)',
      sinceMs: openTimeOf(3) - 1,
      candidate: null,
      candidateCandles: 0,
      lastCandleOpenTimeMs: openTimeOf(2)
    })
  })

  it('does not change on a single contrary candle, and forgets it when the confirmed state is read again', () => {
    const result = fold(['trending-down', 'ranging', 'ranging', 'trending-down', 'ranging'], RANGING, 3)
    expect(result.changes).toEqual([])
    expect(result.memory).toMatchObject({ state: 'ranging', candidate: null, candidateCandles: 0 })
  })

  it('changes after N consecutive contrary candles, at the Nth', () => {
    const result = fold(['trending-down', 'trending-down', 'trending-down', 'trending-down'], RANGING, 3)
    expect(result.changes).toHaveLength(1)
    expect(result.changes[0]).toMatchObject({ from: 'ranging', to: 'trending-down', atMs: openTimeOf(6) - 1 })
  })

  it('restarts the count when a different contrary state is read', () => {
    const result = fold(['trending-down', 'trending-down', 'volatile', 'trending-down', 'trending-down'], RANGING, 3)
    expect(result.changes).toEqual([])
    expect(result.memory).toMatchObject({ candidate: 'trending-down', candidateCandles: 2 })
  })

  it('takes a state at once with hysteresisCandles 1', () => {
    const result = fold(['volatile', 'ranging', 'trending-up'], RANGING, 3, { hysteresisCandles: 1 })
    expect(result.changes.map((change) => `${change.from}>${change.to}`)).toEqual(['ranging>volatile', 'volatile>ranging', 'ranging>trending-up'])
    expect(result.changes[0]?.reason).toBe('volatile at candle 3 (read on the latest candle)')
  })

  it('never lets an unknown reading replace a confirmed state, and lets it break a streak', () => {
    const down = fold(['trending-down', 'trending-down', 'trending-down'], RANGING, 3).memory
    const unknowns = fold(['unknown', 'unknown', 'unknown', 'unknown'], down, 6)
    expect(unknowns.changes).toEqual([])
    expect(unknowns.memory).toMatchObject({ state: 'trending-down', lastCandleOpenTimeMs: openTimeOf(9) })

    const broken = fold(['volatile', 'volatile', 'unknown', 'volatile', 'volatile'], RANGING, 3)
    expect(broken.changes).toEqual([])
  })

  it('restarts the count when a candle between two readings is missing', () => {
    const first = fold(['trending-down', 'trending-down'], RANGING, 3).memory
    const afterGap = nextMarketState(first, readingAt(6, 'trending-down'), HYSTERESIS)
    expect(afterGap.change).toBeUndefined()
    expect(afterGap.memory).toMatchObject({ candidate: 'trending-down', candidateCandles: 1 })
  })

  it('ignores a reading of a candle already read, or an older one', () => {
    const memory = fold(['trending-down', 'trending-down'], RANGING, 3).memory
    expect(nextMarketState(memory, readingAt(4, 'trending-down'), HYSTERESIS).memory).toBe(memory)
    expect(nextMarketState(memory, readingAt(1, 'volatile'), HYSTERESIS).memory).toBe(memory)
  })
})

describe('nextMarketState does not flap', () => {
  it('emits no change while two states alternate candle by candle', () => {
    const alternating = Array.from({ length: 100 }, (_, index): MarketReadingState => (index % 2 === 0 ? 'trending-down' : 'ranging'))
    expect(fold(alternating, RANGING, 3).changes).toHaveLength(0)
    const fromDown = fold(['trending-down', 'trending-down', 'trending-down'], RANGING, 3)
    expect(fold(alternating, fromDown.memory, 6).changes).toHaveLength(0)
  })

  it('emits no change on runs of two contrary candles with hysteresis 3', () => {
    const pairs = Array.from({ length: 99 }, (_, index): MarketReadingState => (index % 3 === 2 ? 'ranging' : 'volatile'))
    expect(fold(pairs, RANGING, 3).changes).toHaveLength(0)
  })

  it('emits one change per run that holds long enough', () => {
    const runs: MarketReadingState[] = ['volatile', 'volatile', 'volatile', 'ranging', 'volatile', 'ranging', 'ranging', 'ranging', 'ranging']
    expect(fold(runs, RANGING, 3).changes.map((change) => change.to)).toEqual(['volatile', 'ranging'])
  })

  it('reads an alternating candle series (up 4 %, down 3.85 %, …) without a single change', () => {
    const settings = marketSettings({ windowCandles: 5 })
    const candles = alternatingCandles(200, '100', '104')
    const states = [99, 100, 101].map((last) => classifyMarket(candles.slice(0, last + 1), settings).state)
    expect(states).toEqual(['trending-down', 'trending-up', 'trending-down'])
    expect(replayMarketState(candles, settings).changes).toHaveLength(0)
  })
})

describe('replayMarketState, readings candle by candle', () => {
  it('confirms ranging, then the downtrend hysteresisCandles candles after it is first read', () => {
    const settings = marketSettings()
    const flat = pathCandles(Array.from({ length: 61 }, () => '100'), { wickPct: '0.1' })
    const fall = steadyCandles('100', '90', 30, { firstIndex: 60 })
    const { changes, memory } = replayMarketState([...flat, ...fall], settings)
    expect(changes.map((change) => `${change.from}>${change.to}`)).toEqual(['unknown>ranging', 'ranging>trending-down'])
    // The window is read first at candle 47; ranging is confirmed on the third reading
    expect(changes[0]?.atMs).toBe(openTimeOf(50) - 1)
    const series = [...flat, ...fall]
    const firstDown = series.findIndex((_, index) => classifyMarket(series.slice(0, index + 1), settings).state === 'trending-down')
    expect(firstDown).toBeGreaterThan(60)
    expect(changes[1]?.atMs).toBe(openTimeOf(firstDown + 3) - 1)
    expect(changes[1]?.reason).toMatch(/^trending down: −\d+(\.\d+)? % over 48 candles, (at|beyond) the 3 % trend threshold \(read on 3 consecutive candles\)$/)
    expect(memory.state).toBe('trending-down')
  })

  it('continues from a stored memory without reading a candle twice', () => {
    const settings = marketSettings({ windowCandles: 5 })
    const candles = steadyCandles('100', '80', 20)
    const whole = replayMarketState(candles, settings)
    const firstHalf = replayMarketState(candles.slice(0, 10), settings)
    const secondHalf = replayMarketState(candles, settings, firstHalf.memory)
    expect([...firstHalf.changes, ...secondHalf.changes]).toEqual(whole.changes)
    expect(secondHalf.memory).toEqual(whole.memory)
  })
})

describe('MarketStateMemory in the journal', () => {
  it('survives a JSON round trip and is accepted when read back', () => {
    const memory = fold(['trending-down', 'trending-down', 'trending-down', 'ranging'], RANGING, 3).memory
    const stored: unknown = JSON.parse(JSON.stringify(memory))
    expect(stored).toEqual(memory)
    expect(parseMarketStateMemory(stored)).toEqual({ ok: true, memory })
    expect(parseMarketStateMemory(initialMarketStateMemory())).toMatchObject({ ok: true })
  })

  it('refuses a corrupt memory with precise errors', () => {
    const result = parseMarketStateMemory({ ...RANGING, state: 'sideways', candidateCandles: -1 })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors.map((error) => error.split(':')[0])).toEqual(['state', 'candidateCandles'])
    expect(parseMarketStateMemory({ ...RANGING, candidate: 'ranging', candidateCandles: 1 })).toMatchObject({ ok: false })
    expect(parseMarketStateMemory({ ...RANGING, candidate: 'volatile', candidateCandles: 0 })).toMatchObject({ ok: false })
  })
})
