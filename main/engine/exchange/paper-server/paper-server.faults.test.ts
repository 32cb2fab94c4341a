import { Decimal } from '@shared/money/decimal'
import { TestClock } from '../../clock/test-clock'
import { afterEach, describe, expect, it } from 'vitest'
import { startPaperServer, type PaperServer } from './paper-server'
import type { PaperServerOptions } from './paper-server-options'
import { openSocket, signedRequest, TEST_KEY } from './stubs'

type Json = Record<string, unknown>

let server: PaperServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

async function start(options: Partial<PaperServerOptions> = {}): Promise<PaperServer> {
  server = await startPaperServer({ apiKeys: [TEST_KEY], sim: { balances: { USDT: '10000', BTC: '1' }, prices: { BTCUSDT: '100.00', ETHUSDT: '10.00' } }, ...options })
  return server
}

const order = (id: string) => ({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.1', price: '90.00', newClientOrderId: id })

async function placedIds(paper: PaperServer): Promise<string[]> {
  return (await paper.sim.allOrders({ symbol: 'BTCUSDT' })).map((report) => report.clientOrderId)
}

describe('paper server faults', () => {
  it('answers 5xx with the order placed or not, as asked', async () => {
    const paper = await start()
    paper.faults.serverErrorNext(true)
    const applied = await signedRequest(paper, 'POST', '/api/v3/order', order('fault-1'))
    expect([applied.status, applied.body]).toEqual([500, { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' }])
    paper.faults.serverErrorNext(false)
    expect((await signedRequest(paper, 'POST', '/api/v3/order', order('fault-2'))).status).toBe(500)
    expect(await placedIds(paper)).toEqual(['fault-1'])
    expect(paper.faults.stats()).toMatchObject({ serverErrors: 2, serverErrorsApplied: 1 })
  })

  it('answers -1007 through the simulator’s timeout faults, the order placed or not', async () => {
    const paper = await start({ faults: { orderTimeoutRate: 1, orderTimeoutPlacedShare: 1 } })
    const placed = await signedRequest(paper, 'POST', '/api/v3/order', order('timeout-1'))
    expect(placed.status).toBeGreaterThanOrEqual(500)
    expect((placed.body as Json)['code']).toBe(-1007)
    paper.faults.configure({ orderTimeoutPlacedShare: 0 })
    expect(((await signedRequest(paper, 'POST', '/api/v3/order', order('timeout-2'))).body as Json)['code']).toBe(-1007)
    expect(await placedIds(paper)).toEqual(['timeout-1'])
    paper.faults.configure({ orderTimeoutRate: 0 })
    expect((await signedRequest(paper, 'POST', '/api/v3/order', order('timeout-3'))).status).toBe(200)
  })

  it('injects 429 with Retry-After, and adds latency', async () => {
    const paper = await start({ faults: { latencyMs: 60 } })
    paper.faults.rateLimitNext(7)
    const limited = await signedRequest(paper, 'GET', '/api/v3/account', {})
    expect([limited.status, (limited.body as Json)['code'], limited.headers.get('retry-after')]).toEqual([429, -1003, '7'])
    const started = performance.now()
    expect((await signedRequest(paper, 'GET', '/api/v3/account', {})).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(55)
  })

  it('draws random faults from the seed: the same seed gives the same answers', async () => {
    const statuses = async (seed: number) => {
      const paper = await startPaperServer({ apiKeys: [TEST_KEY], seed, faults: { serverErrorRate: 0.3, rateLimitRate: 0.2 } })
      const out: number[] = []
      for (let index = 0; index < 20; index += 1) out.push((await signedRequest(paper, 'GET', '/api/v3/account', {})).status)
      await paper.close()
      return out
    }
    const first = await statuses(42)
    expect(await statuses(42)).toEqual(first)
    expect(new Set(first)).toEqual(new Set([200, 429, 500]))
  })

  it('drops WebSocket connections, and silences them until restored', async () => {
    const paper = await start()
    const dropped = await openSocket(`${paper.wsUrl}/ws/btcusdt@trade`)
    const closed = new Promise<number>((resolve) => dropped.ws.once('close', (code: number) => resolve(code)))
    expect(paper.faults.dropConnections()).toBe(1)
    expect(await closed).toBe(1006)

    const quiet = await openSocket(`${paper.wsUrl}/ws/btcusdt@trade`)
    try {
      expect(paper.faults.silenceConnections()).toBe(1)
      paper.sim.trade('BTCUSDT', new Decimal('101.00'), new Decimal('1'))
      const pong = new Promise((resolve) => quiet.ws.once('pong', resolve))
      quiet.ws.ping()
      const answered = await Promise.race([pong.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 100))])
      expect(answered).toBe(false)
      expect(quiet.frames).toEqual([])
      paper.faults.restoreConnections()
      paper.sim.trade('BTCUSDT', new Decimal('102.00'), new Decimal('1'))
      expect(await quiet.waitFor((frame) => frame['e'] === 'trade')).toMatchObject({ p: '102.00000000' })
    } finally {
      quiet.close()
    }
  })

  it('bans an IP that keeps going over the weight limit with 418', async () => {
    // A clock that stands still keeps every request in one weight window (a real one may cross a minute)
    const clock = new TestClock(Date.now())
    const paper = await start({ clock, weights: { requestWeightPerMinute: 4, violationsBeforeBan: 2, banSeconds: 60 } })
    const statuses: number[] = []
    for (let index = 0; index < 6; index += 1) statuses.push((await signedRequest(paper, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: 1 })).status)
    expect(statuses).toEqual([400, 429, 429, 418, 418, 418])
  })
})
