import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KlinesClient } from './klines-client'
import { openTimes, startKlinesServer, type KlinesServer } from './stubs'

const MINUTE = 60_000
const JAN = Date.UTC(2024, 0, 1)

let server: KlinesServer
beforeAll(async () => {
  server = await startKlinesServer(MINUTE, openTimes(JAN, JAN + 10 * MINUTE, MINUTE))
})
afterAll(async () => {
  await server.close()
})

/** Returns a client on the test server that records its waits instead of waiting. */
function client(options: { weightBudgetPerMinute?: number; baseUrl?: string; nowMs?: () => number } = {}) {
  const waits: number[] = []
  const instance = new KlinesClient({ baseUrl: server.baseUrl, sleep: async (ms) => void waits.push(ms), ...options })
  return { instance, waits }
}

describe('KlinesClient', () => {
  it('returns a page of Binance klines for the asked times', async () => {
    const { instance, waits } = client()
    const rows = await instance.page('BTCUSDT', '1m', JAN + 2 * MINUTE, JAN + 4 * MINUTE)
    expect(rows.map((row) => row[0])).toEqual([JAN + 2 * MINUTE, JAN + 3 * MINUTE, JAN + 4 * MINUTE])
    expect(rows[0]).toEqual([JAN + 2 * MINUTE, '100.02', '100.02', '100.02', '100.02', '1.00000000', JAN + 3 * MINUTE - 1, '100.0', 1, '0.5', '50.0', '0'])
    expect([instance.requests, waits]).toEqual([1, []])
  })

  it('waits for the next minute when the used weight leaves no room', async () => {
    server.usedWeight = 4999
    try {
      const { instance, waits } = client({ weightBudgetPerMinute: 5000, nowMs: () => JAN + 45_000 })
      await instance.page('BTCUSDT', '1m', JAN, JAN)
      expect(waits).toEqual([16_000])
      server.usedWeight = 4998
      await instance.page('BTCUSDT', '1m', JAN, JAN)
      expect(waits).toEqual([16_000])
    } finally {
      server.usedWeight = 2
    }
  })

  it('waits out a 429 and a 418 Retry-After, and retries a 5xx after a second', async () => {
    server.script.push({ status: 429, headers: { 'retry-after': '3' } }, { status: 418, headers: { 'retry-after': '120' } }, { status: 503, body: 'busy' })
    const { instance, waits } = client()
    expect(await instance.page('BTCUSDT', '1m', JAN, JAN)).toHaveLength(1)
    expect([instance.requests, waits]).toEqual([4, [3000, 120_000, 1000]])
  })

  it('stops on a ban longer than it waits, naming the wait', async () => {
    server.script.push({ status: 418, headers: { 'retry-after': '7200' } })
    await expect(client().instance.page('BTCUSDT', '1m', JAN, JAN)).rejects.toMatchObject({
      name: 'KlinesDownloadError',
      status: 418,
      message: `${server.baseUrl} banned this IP (418) for 7200 s, longer than this download waits (300 s); run it again after that`
    })
  })

  it("stops on a refusal with Binance's code and message", async () => {
    server.script.push({ status: 400, body: '{"code":-1121,"msg":"Invalid symbol."}' })
    await expect(client().instance.page('NOPE', '1m', JAN, JAN)).rejects.toThrow(
      `${server.baseUrl}/api/v3/klines?symbol=NOPE&interval=1m&startTime=${JAN}&endTime=${JAN}&limit=1000 answered 400: -1121 Invalid symbol.`
    )
  })

  it('stops on an answer that is not klines', async () => {
    server.script.push({ status: 200, body: '[[1,"2"]]' })
    await expect(client().instance.page('BTCUSDT', '1m', JAN, JAN)).rejects.toThrow('answered a row that is not a Binance kline: [1,"2"]')
  })

  it('tries an unreachable server three more times, then says so', async () => {
    const { instance, waits } = client({ baseUrl: 'http://127.0.0.1:9' })
    await expect(instance.page('BTCUSDT', '1m', JAN, JAN)).rejects.toThrow(/^cannot reach http:\/\/127\.0\.0\.1:9\/api\/v3\/klines\?symbol=BTCUSDT/)
    expect([instance.requests, waits]).toEqual([4, [1000, 2000, 4000]])
  })
})
