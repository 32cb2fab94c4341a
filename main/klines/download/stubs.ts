import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request the klines server answered. */
export interface ServedRequest {
  readonly path: string
  readonly symbol: string | null
  readonly startTime: number
  readonly endTime: number
  readonly limit: number
  readonly status: number
}

/** A scripted answer for one request instead of klines: status, headers and body. */
export interface ScriptedAnswer {
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

/** A local stand-in for Binance's `GET /api/v3/klines`. */
export interface KlinesServer {
  readonly baseUrl: string
  readonly requests: ServedRequest[]
  /** Answers queued here are served, in order, before any klines. */
  readonly script: ScriptedAnswer[]
  /** The `X-MBX-USED-WEIGHT-1M` each kline answer carries. */
  usedWeight: number
  close(): Promise<void>
}

/**
 * Starts a klines server on loopback that serves candles of one interval at every open time of
 * `openTimesMs` (so gaps are simply absent), honouring startTime, endTime and limit as Binance
 * does. Prices are the candle's index in cents above 100.
 */
export async function startKlinesServer(intervalMs: number, openTimesMs: readonly number[]): Promise<KlinesServer> {
  const requests: ServedRequest[] = []
  const script: ScriptedAnswer[] = []
  const state = { usedWeight: 2 }
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const params = url.searchParams
    const served = {
      path: url.pathname,
      symbol: params.get('symbol'),
      startTime: Number(params.get('startTime')),
      endTime: Number(params.get('endTime')),
      limit: Number(params.get('limit') ?? 500)
    }
    const scripted = script.shift()
    if (scripted !== undefined) {
      requests.push({ ...served, status: scripted.status })
      response.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers })
      response.end(scripted.body ?? '{"code":-1003,"msg":"Too many requests."}')
      return
    }
    requests.push({ ...served, status: 200 })
    const rows = openTimesMs
      .map((openTimeMs, index) => ({ openTimeMs, index }))
      .filter(({ openTimeMs }) => openTimeMs >= served.startTime && openTimeMs <= served.endTime)
      .slice(0, served.limit)
      .map(({ openTimeMs, index }) => {
        const price = (100 + index / 100).toFixed(2)
        return [openTimeMs, price, price, price, price, '1.00000000', openTimeMs + intervalMs - 1, '100.0', 1, '0.5', '50.0', '0']
      })
    response.writeHead(200, { 'content-type': 'application/json', 'x-mbx-used-weight-1m': String(state.usedWeight) })
    response.end(JSON.stringify(rows))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    script,
    get usedWeight() {
      return state.usedWeight
    },
    set usedWeight(value: number) {
      state.usedWeight = value
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
  }
}

/** Returns open times every `intervalMs` from `fromMs` up to `toMs` (excluded), leaving out those in `missing`. */
export function openTimes(fromMs: number, toMs: number, intervalMs: number, missing: readonly number[] = []): number[] {
  const times: number[] = []
  for (let time = fromMs; time < toMs; time += intervalMs) if (!missing.includes(time)) times.push(time)
  return times
}
