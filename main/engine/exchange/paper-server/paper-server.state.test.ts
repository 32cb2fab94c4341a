import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Decimal } from '@shared/money/decimal'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Clock } from '../../clock/clock'
import { TestClock } from '../../clock/test-clock'
import { clientOrderId } from '../port/identifiers'
import { KLINE_RETENTION_BARS } from '../sim/kline-book'
import type { JournalEntry, PaperState } from './journal-format'
import { startPaperServer, type PaperServer } from './paper-server'
import type { PaperServerOptions } from './paper-server-options'
import { isPaperStateFileError } from './paper-state-file-error'
import { publicRequest, signedRequest, TEST_KEY } from './stubs'

const MIN = 60_000
const T0 = Date.UTC(2026, 0, 5)
const SIM = { balances: { USDT: '10000', BTC: '1' }, prices: { BTCUSDT: '100.00', ETHUSDT: '10.00' } }

let folder: string
let server: PaperServer | undefined

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'paper-state-'))
})

afterEach(async () => {
  await server?.close()
  server = undefined
  await rm(folder, { recursive: true, force: true })
})

/** A clock set by hand, for runs of many thousand simulated minutes (nothing sleeps on it). */
class SetClock implements Clock {
  constructor(public now: number) {}

  nowMs(): number {
    return this.now
  }

  sleep(): Promise<void> {
    return new Promise(() => undefined)
  }
}

const start = (stateFile: string, options: PaperServerOptions = {}) => startPaperServer({ apiKeys: [TEST_KEY], stateFile, sim: SIM, ...options })

async function restart(previous: PaperServer, stateFile: string, options: PaperServerOptions = {}): Promise<PaperServer> {
  await previous.close()
  server = await start(stateFile, options)
  return server
}

const readState = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as PaperState
const kinds = (entries: readonly JournalEntry[]) => entries.reduce<Record<string, number>>((count, entry) => ({ ...count, [entry.k]: (count[entry.k] ?? 0) + 1 }), {})
const settle = () => new Promise((resolve) => setImmediate(resolve))

/** The account and market answers of the REST API, read at the server's clock time. */
async function snapshot(paper: PaperServer, timestamp = Date.now()): Promise<Record<string, unknown>> {
  const read = async (path: string, params: Record<string, string>) => (await signedRequest(paper, 'GET', path, params, { timestamp })).body
  const market = async (path: string, params: Record<string, string | number>) => (await publicRequest(paper, 'GET', path, params)).body
  const out: Record<string, unknown> = {
    account: await read('/api/v3/account', {}),
    lists: await read('/api/v3/allOrderList', {})
  }
  for (const symbol of ['BTCUSDT', 'ETHUSDT']) {
    out[`${symbol} orders`] = await read('/api/v3/allOrders', { symbol })
    out[`${symbol} open`] = await read('/api/v3/openOrders', { symbol })
    out[`${symbol} trades`] = await read('/api/v3/myTrades', { symbol })
    for (const interval of ['1m', '5m', '1h']) out[`${symbol} ${interval}`] = await market('/api/v3/klines', { symbol, interval, limit: 1000 })
    out[`${symbol} 24h`] = await market('/api/v3/ticker/24hr', { symbol })
    out[`${symbol} avg`] = await market('/api/v3/avgPrice', { symbol })
    out[`${symbol} depth`] = await market('/api/v3/depth', { symbol, limit: 5 })
  }
  return out
}

/** A snapshot without the answers that read a live clock (the 24-hour window, an untraded symbol's average price time). */
function withoutClockTimes(answers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answers).filter(([name]) => !name.endsWith(' 24h') && !name.endsWith(' avg')))
}

describe('paper server state file', () => {
  it('rebuilds the account after a restart: balances, orders, fills, lists, cancel ids and klines', async () => {
    const file = join(folder, 'paper.json')
    const first = await start(file)
    server = first
    const buy = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.5', price: '99.00' }
    await signedRequest(first, 'POST', '/api/v3/order', { ...buy, newClientOrderId: 's1' })
    await signedRequest(first, 'POST', '/api/v3/order', { ...buy, price: '95.00', newClientOrderId: 's2' })
    first.trade('BTCUSDT', new Decimal('98.00'), new Decimal('1'))
    await signedRequest(first, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 's2', newClientOrderId: 's2-x' })
    await signedRequest(first, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.1' })
    await signedRequest(first, 'POST', '/api/v3/orderList/oco', {
      symbol: 'BTCUSDT', side: 'SELL', quantity: '0.3', listClientOrderId: 'L1', aboveType: 'LIMIT_MAKER', abovePrice: '120.00', belowType: 'STOP_LOSS', belowStopPrice: '80.00'
    })
    await settle()
    const before = withoutClockTimes(await snapshot(first))
    await first.close()

    const second = await start(file)
    server = second
    expect(withoutClockTimes(await snapshot(second))).toEqual(before)
    const cancelled = (await signedRequest(second, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 's2' })).body
    expect(cancelled).toMatchObject({ status: 'CANCELED' })
    // The restored account keeps trading, and its new actions are kept too
    second.trade('BTCUSDT', new Decimal('121.00'), new Decimal('1'))
    await second.close()
    const third = await start(file)
    server = third
    const lists = (await signedRequest(third, 'GET', '/api/v3/allOrderList', {})).body as Record<string, unknown>[]
    expect(lists.map((list) => `${list['listClientOrderId']} ${list['listOrderStatus']}`)).toEqual(['L1 ALL_DONE'])
  })

  it('keeps one bar per symbol and minute of a synthetic market with no orders, not one entry per tick', async () => {
    const file = join(folder, 'paper.json')
    const clock = new TestClock(T0)
    const options: PaperServerOptions = { clock, seed: 4, priceSource: { kind: 'synthetic', intervalMs: 1000 } }
    server = await start(file, options)
    await clock.advance(30 * MIN + 30_000)
    await settle()
    const before = await snapshot(server, clock.nowMs())
    const second = await restart(server, file, options)
    const saved = await readState(file)
    expect(saved.header.version).toBe(2)
    // 30 whole minutes and the half-minute the close ended, for each of the two symbols
    expect(kinds(saved.entries)).toEqual({ bar: 62 })
    const ticks = saved.entries.reduce((sum, entry) => sum + (entry.k === 'bar' ? entry.n : 0), 0)
    expect(ticks).toBe(2 * (30 * 60 + 30))
    // No balance ever changed, so the account's update time is when its simulator was built, also before
    const after = await snapshot(second, clock.nowMs())
    expect({ ...after, account: { ...(after['account'] as object), updateTime: 0 } }).toEqual({ ...before, account: { ...(before['account'] as object), updateTime: 0 } })
  })

  it('restores balances, orders, fills, an OCO and the klines after a run with many unrecorded ticks between the actions', async () => {
    const file = join(folder, 'paper.json')
    const clock = new TestClock(T0)
    const options: PaperServerOptions = { clock, seed: 9, priceSource: { kind: 'synthetic', intervalMs: 1000 } }
    const first = await start(file, options)
    server = first
    const post = (path: string, params: Record<string, string>) => signedRequest(first, 'POST', path, params, { timestamp: clock.nowMs() })
    const status = async (id: string) => (await first.sim.queryOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId(id) })).status
    // Prices move on their own, so each action is priced off the last price at its time
    const near = (offset: string) => (first.sim.knownLastPrice('BTCUSDT') as Decimal).add(offset).toFixed(2)
    await clock.advance(5 * MIN + 500)
    const partPrice = near('-3')
    await post('/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.5', price: partPrice, newClientOrderId: 'part' })
    await clock.advance(2 * MIN + 250)
    first.trade('BTCUSDT', new Decimal(partPrice), new Decimal('0.2'))
    expect(await status('part')).toBe('PARTIALLY_FILLED')
    await clock.advance(3 * MIN)
    const fullPrice = near('3')
    await post('/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.3', price: fullPrice, newClientOrderId: 'full' })
    await clock.advance(MIN + 700)
    first.trade('BTCUSDT', new Decimal(fullPrice), new Decimal('1'))
    expect(await status('full')).toBe('FILLED')
    await clock.advance(2 * MIN)
    first.trade('BTCUSDT', new Decimal(partPrice), new Decimal('1'))
    expect(await status('part')).toBe('FILLED')
    await clock.advance(MIN)
    await post('/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.05', newClientOrderId: 'taker' })
    const stopPrice = near('-10')
    await post('/api/v3/orderList/oco', {
      symbol: 'BTCUSDT', side: 'SELL', quantity: '0.2', listClientOrderId: 'L1', aboveType: 'LIMIT_MAKER', abovePrice: near('10'),
      belowType: 'STOP_LOSS_LIMIT', belowStopPrice: stopPrice, belowPrice: near('-11'), belowTimeInForce: 'GTC'
    })
    await post('/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.1', price: near('-20'), newClientOrderId: 'gone' })
    await clock.advance(4 * MIN)
    await signedRequest(first, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'gone', newClientOrderId: 'gone-x' }, { timestamp: clock.nowMs() })
    await clock.advance(3 * MIN)
    // The stop leg triggers and takes at once; the list is done
    first.trade('BTCUSDT', new Decimal(stopPrice), new Decimal('0'))
    await post('/api/v3/orderList/oco', {
      symbol: 'BTCUSDT', side: 'SELL', quantity: '0.1', listClientOrderId: 'L2', aboveType: 'LIMIT_MAKER', abovePrice: near('30'), belowType: 'STOP_LOSS', belowStopPrice: near('-30')
    })
    await clock.advance(6 * MIN + 300)
    await settle()
    const before = await snapshot(first, clock.nowMs())
    expect((before['BTCUSDT trades'] as unknown[]).length).toBeGreaterThanOrEqual(5)
    expect((before['lists'] as { listClientOrderId: string; listOrderStatus: string }[]).map((list) => `${list.listClientOrderId} ${list.listOrderStatus}`)).toEqual(['L1 ALL_DONE', 'L2 EXECUTING'])

    const second = await restart(first, file, options)
    expect(await snapshot(second, clock.nowMs())).toEqual(before)
    const saved = await readState(file)
    const counts = kinds(saved.entries)
    // About 27 minutes of two symbols as bars, a few more where an action split a minute
    expect(counts['bar']).toBeGreaterThanOrEqual(54)
    expect(counts['bar']).toBeLessThanOrEqual(70)
    expect(counts['trade']).toBeLessThan(20)
    const cancelled = (await signedRequest(second, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'gone' }, { timestamp: clock.nowMs() })).body
    expect(cancelled).toMatchObject({ status: 'CANCELED' })
  })

  it('replays a placement that crossed the last price to the same fill, also when the price moved in the same minute', async () => {
    const file = join(folder, 'paper.json')
    const clock = new SetClock(T0)
    const first = await start(file, { clock })
    server = first
    clock.now = T0 + 10_000
    first.trade('BTCUSDT', new Decimal('100.10'), new Decimal('0.001'))
    clock.now = T0 + MIN + 5_000
    first.trade('BTCUSDT', new Decimal('101.10'), new Decimal('0.001'))
    clock.now = T0 + MIN + 40_000
    first.trade('BTCUSDT', new Decimal('102.37'), new Decimal('0.001'))
    // A BUY above the last price takes at once, at the last price
    const placed = await signedRequest(first, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.1', price: '110.00', newOrderRespType: 'FULL' }, { timestamp: clock.now })
    expect(placed.body).toMatchObject({ status: 'FILLED', fills: [{ price: '102.37000000' }] })
    clock.now = T0 + MIN + 50_000
    first.trade('BTCUSDT', new Decimal('99.00'), new Decimal('0.001'))
    clock.now = T0 + 3 * MIN
    await settle()
    const before = await snapshot(first, clock.now)

    const second = await restart(first, file, { clock })
    expect(await snapshot(second, clock.now)).toEqual(before)
    const saved = await readState(file)
    // The minute's bar was still open when the placement was recorded, so the price it saw is kept with it
    const entries = saved.entries.map((entry) => (entry.k === 'place' ? `place ${entry.last}` : entry.k === 'bar' ? `bar ${entry.c}` : entry.k))
    expect(entries).toEqual(['bar 100.1', 'place 102.37', 'bar 99'])
  })

  it('drops bars older than the klines keep when it saves, and keeps the fills', { timeout: 60_000 }, async () => {
    const file = join(folder, 'paper.json')
    const clock = new SetClock(T0)
    const first = await start(file, { clock })
    server = first
    await signedRequest(first, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.5', price: '95.00', newClientOrderId: 'early' }, { timestamp: clock.now })
    const minutes = KLINE_RETENTION_BARS + 200
    for (let minute = 0; minute < minutes; minute += 1) {
      clock.now = T0 + minute * MIN + 1_000
      // Two ticks a minute that change nothing, and now and then a fill
      first.trade('BTCUSDT', new Decimal(minute % 2 === 0 ? '100.00' : '100.50'), new Decimal('0.01'))
      clock.now += 20_000
      first.trade('BTCUSDT', new Decimal(minute === 10 || minute === 20 || minute === 30 ? '95.00' : '100.20'), new Decimal('0.2'))
      if (minute % 500 === 0) first.trade('ETHUSDT', new Decimal('10.00'), new Decimal('0.1'))
      if (minute % 1000 === 0) await settle()
    }
    clock.now = T0 + minutes * MIN + 5_000
    await settle()
    const before = await snapshot(first, clock.now)
    expect((before['BTCUSDT trades'] as unknown[]).length).toBe(3)

    const second = await restart(first, file, { clock })
    const saved = await readState(file)
    const bars = saved.entries.filter((entry) => entry.k === 'bar' && entry.s === 'BTCUSDT')
    expect(bars.length).toBe(KLINE_RETENTION_BARS)
    expect(saved.header.compactedTrades?.['BTCUSDT']).toBe(2 * 200 - 3)
    expect(kinds(saved.entries)).toMatchObject({ place: 1, trade: 3 })
    expect(await snapshot(second, clock.now)).toEqual(before)
    // A second save keeps the same account and drops nothing more
    const third = await restart(second, file, { clock })
    expect((await readState(file)).entries.length).toBe(saved.entries.length)
    expect(await snapshot(third, clock.now)).toEqual(before)
  })

  it('loads a version-1 file (every trade recorded) and writes it back as version 2 with the trades that changed nothing as bars', async () => {
    const file = join(folder, 'paper.json')
    const clock = new SetClock(T0)
    const live = await startPaperServer({ apiKeys: [TEST_KEY], clock, sim: SIM })
    server = live
    const entries: JournalEntry[] = []
    const trade = (timeMs: number, symbol: string, price: string, quantity: string) => {
      clock.now = timeMs
      live.trade(symbol, new Decimal(price), new Decimal(quantity))
      entries.push({ k: 'trade', t: timeMs, s: symbol, p: price, q: quantity })
    }
    for (let second = 0; second < 90; second += 1) trade(T0 + second * 1000, 'BTCUSDT', (100 + (second % 7) / 10).toFixed(2), '0.001')
    const order = { symbol: 'BTCUSDT', clientOrderId: 'v1-buy', side: 'BUY', type: 'LIMIT', quantity: '0.4', price: '99.50', timeInForce: 'GTC' }
    await signedRequest(live, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.4', price: '99.50', timeInForce: 'GTC', newClientOrderId: 'v1-buy' }, { timestamp: clock.now })
    entries.push({ k: 'place', t: clock.now, order })
    for (let second = 90; second < 200; second += 1) trade(T0 + second * 1000, 'BTCUSDT', second === 150 ? '99.50' : '100.30', second === 150 ? '0.25' : '0.001')
    trade(T0 + 200_000, 'ETHUSDT', '10.05', '2')
    clock.now = T0 + 5 * MIN
    await settle()
    const before = await snapshot(live, clock.now)
    await live.close()
    server = undefined
    await writeFile(file, JSON.stringify({ header: { version: 1, balances: SIM.balances, prices: SIM.prices, makerFee: '0.001', takerFee: '0.001' }, entries }))

    server = await start(file, { clock })
    expect(await snapshot(server, clock.now)).toEqual(before)
    const restarted = await restart(server, file, { clock })
    const saved = await readState(file)
    expect(saved.header.version).toBe(2)
    expect(kinds(saved.entries)).toEqual({ bar: 6, place: 1, trade: 1 })
    expect(saved.entries.find((entry) => entry.k === 'place')).toMatchObject({ last: '100.5' })
    expect(await snapshot(restarted, clock.now)).toEqual(before)
  })

  it('refuses a corrupt or a newer state file with a clear error and leaves it as it is', async () => {
    const file = join(folder, 'paper.json')
    const cases = [
      { text: '{"header":{"version":1,"balances":{}', problem: 'not-a-state-file', message: /is not a paper server state file/ },
      { text: '{"entries":[]}', problem: 'not-a-state-file', message: /is not a paper server state file/ },
      { text: JSON.stringify({ header: { version: 3, balances: {}, prices: {}, makerFee: '0', takerFee: '0' }, entries: [] }), problem: 'newer-version', message: /written by a newer Gridkeeper \(state file version 3, this one reads up to 2\)/ }
    ]
    for (const { text, problem, message } of cases) {
      await writeFile(file, text)
      const failure = await start(file).then(
        () => undefined,
        (error: unknown) => error
      )
      expect(isPaperStateFileError(failure)).toBe(true)
      expect(failure).toMatchObject({ problem, code: 'PAPER_STATE_FILE', path: file })
      expect((failure as Error).message).toMatch(message)
      expect(await readFile(file, 'utf8')).toBe(text)
    }
  })
})
