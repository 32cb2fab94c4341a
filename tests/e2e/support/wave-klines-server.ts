import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const MINUTE_MS = 60_000

/** The market a wave server makes up: one-minute BTCUSDT candles waving around a price. */
export interface WaveMarket {
  /** Candles open from `fromMs` (included) to `toMs` (excluded). */
  readonly fromMs: number
  readonly toMs: number
  /** The middle of the wave and how far it swings either way, in whole USDT. */
  readonly mid: number
  readonly amplitude: number
  /** One full wave, in milliseconds. */
  readonly periodMs: number
}

/** A local stand-in for Binance's public `GET /api/v3/klines`, serving a made-up market. */
export interface WaveKlinesServer {
  /** The REST base to give `--klines-url`. */
  readonly url: string
  /** Requests answered so far. */
  requests(): number
  close(): Promise<void>
}

/** The price of the wave at a time, in cents: the same on every run. */
function waveCents(market: WaveMarket, timeMs: number): number {
  return Math.round((market.mid + market.amplitude * Math.sin((2 * Math.PI * (timeMs % market.periodMs)) / market.periodMs)) * 100)
}

function dollars(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`
}

/** Returns the 12-element Binance kline of the candle opening at `openTimeMs`: the wave's price at its open and close, 5 USDT wicks beyond both. */
export function waveKline(market: WaveMarket, openTimeMs: number): unknown[] {
  const open = waveCents(market, openTimeMs)
  const close = waveCents(market, openTimeMs + MINUTE_MS)
  return [openTimeMs, dollars(open), dollars(Math.max(open, close) + 500), dollars(Math.min(open, close) - 500), dollars(close), '1.50000000', openTimeMs + MINUTE_MS - 1, '90000.00000000', 20, '0.70000000', '42000.00000000', '0']
}

/**
 * Serves one-minute BTCUSDT klines of a wave market as Binance does: `startTime`, `endTime` and
 * `limit` (500 by default, 1000 at most) honoured, oldest first, and Binance's error answers for
 * another symbol or interval.
 */
export async function startWaveKlinesServer(market: WaveMarket): Promise<WaveKlinesServer> {
  let requests = 0
  const server = createServer((request, response) => {
    requests += 1
    const url = new URL(request.url ?? '/', 'http://localhost')
    const params = url.searchParams
    const refuse = (code: number, msg: string) => response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code, msg }))
    if (url.pathname !== '/api/v3/klines') return void response.writeHead(404).end()
    if (params.get('symbol') !== 'BTCUSDT') return refuse(-1121, 'Invalid symbol.')
    if (params.get('interval') !== '1m') return refuse(-1120, 'Invalid interval.')
    const limit = Math.min(1000, Number(params.get('limit') ?? 500))
    const startTime = Math.max(market.fromMs, Math.ceil(Number(params.get('startTime') ?? market.fromMs) / MINUTE_MS) * MINUTE_MS)
    const endTime = Math.min(market.toMs - 1, Number(params.get('endTime') ?? market.toMs))
    const rows: unknown[][] = []
    for (let time = startTime; time <= endTime && rows.length < limit; time += MINUTE_MS) rows.push(waveKline(market, time))
    response.writeHead(200, { 'content-type': 'application/json', 'x-mbx-used-weight-1m': '2' }).end(JSON.stringify(rows))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
