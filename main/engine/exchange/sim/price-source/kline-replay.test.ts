import { describe, expect, it } from 'vitest'
import { TestClock } from '../../../clock/test-clock'
import type { Candle } from '../../port/market-event'
import { d, simSetup, T0 } from '../stubs'
import { klineReplay } from './kline-replay'
import { advancingClock, playTicks, sleepingOn } from './play-ticks'

const MIN = 60_000
const candle = (minute: number, open: string, high: string, low: string, close: string, volume: string): Candle => ({
  symbol: 'BTCUSDT',
  openTimeMs: T0 + minute * MIN,
  closeTimeMs: T0 + (minute + 1) * MIN - 1,
  open: d(open),
  high: d(high),
  low: d(low),
  close: d(close),
  volume: d(volume),
  closed: true
})

describe('klineReplay', () => {
  it('walks an up candle open → low → high → close and a down one open → high → low → close', () => {
    const ticks = [...klineReplay([candle(0, '100', '103', '97', '102', '4'), candle(1, '102', '104', '99', '100', '2')])]
    expect(ticks.map((tick) => `${tick.timeMs - T0} ${tick.price.toFixed()} ${tick.quantity.toFixed()}`)).toEqual([
      '0 100 1',
      '19999 97 1',
      '39999 103 1',
      '59999 102 1',
      '60000 102 0.5',
      '79999 104 0.5',
      '99999 99 0.5',
      '119999 100 0.5'
    ])
  })

  it('gives the candles back as the simulator’s klines after a replay on a test clock', async () => {
    const { sim, clock } = simSetup()
    const candles = [candle(0, '100', '103', '97', '102', '4'), candle(1, '102', '104', '99', '100', '2'), candle(2, '100', '100', '100', '100', '0')]
    expect(await playTicks(klineReplay(candles), sim, advancingClock(clock))).toBe(12)
    await clock.advance(1)
    const served = await sim.klines('BTCUSDT', '1m', 10)
    const brief = (c: Candle) => `${c.openTimeMs} ${c.open} ${c.high} ${c.low} ${c.close} ${c.volume}`
    expect(served.map(brief)).toEqual(candles.map(brief))
  })

  it('fills orders along the path while the clock moves', async () => {
    const { sim, clock } = simSetup()
    await sim.placeOrder({ symbol: 'BTCUSDT', clientOrderId: 'b' as never, side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: d('98'), quantity: d('0.5') })
    await playTicks(klineReplay([candle(0, '100', '103', '97', '102', '4')]), sim, advancingClock(clock))
    const [fill] = await sim.myTrades({ symbol: 'BTCUSDT' })
    expect([fill?.price.toFixed(), fill?.timeMs]).toEqual(['98', T0 + 19_999])
  })
})

describe('playTicks', () => {
  it('waits for each tick on a sleeping clock and stops when aborted', async () => {
    const clock = new TestClock(T0)
    const seen: string[] = []
    const sink = { trade: (_symbol: string, price: ReturnType<typeof d>) => seen.push(price.toFixed()) }
    const controller = new AbortController()
    const ticks = [1, 2, 3].map((second) => ({ symbol: 'BTCUSDT', price: d(String(100 + second)), quantity: d('1'), timeMs: T0 + second * 1000 }))
    const playing = playTicks(ticks, sink, sleepingOn(clock), controller.signal)
    await clock.advance(1000)
    expect(seen).toEqual(['101'])
    await clock.advance(1000)
    expect(seen).toEqual(['101', '102'])
    controller.abort()
    await clock.advance(1000)
    expect(await playing).toBe(2)
    expect(seen).toEqual(['101', '102'])
  })
})
