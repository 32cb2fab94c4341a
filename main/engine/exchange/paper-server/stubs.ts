import { createHmac } from 'node:crypto'
import WebSocket from 'ws'
import type { PaperServer } from './paper-server'

/** The HMAC secret of Binance's documented signature examples. */
export const DOC_SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j'
/** The API key of Binance's documented WebSocket API example. */
export const DOC_API_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A'

/** The test account's HMAC key. */
export const TEST_KEY = { apiKey: 'paper-test-key', secret: DOC_SECRET } as const

/** Returns the hex HMAC-SHA256 of a payload. */
export function hmacHex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex')
}

/** A REST answer: status, headers and parsed JSON body. */
export interface RestAnswer {
  readonly status: number
  readonly headers: Headers
  readonly body: unknown
}

/** Returns the query text of params, percent-encoded as the `binance` SDK does. */
export function encodeParams(params: Readonly<Record<string, string | number>>): string {
  return Object.entries(params)
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join('&')
}

/** Sends an unsigned request with raw fetch. */
export async function publicRequest(server: PaperServer, method: string, path: string, params: Readonly<Record<string, string | number>> = {}): Promise<RestAnswer> {
  const query = encodeParams(params)
  const response = await fetch(`${server.restUrl}${path}${query === '' ? '' : `?${query}`}`, { method })
  return { status: response.status, headers: response.headers, body: await response.json() }
}

/**
 * Sends a signed request with raw fetch: params (plus timestamp) in the query string, or in a form
 * body with `inBody`, HMAC-signed with the test key unless `signature` is given.
 */
export async function signedRequest(
  server: PaperServer,
  method: string,
  path: string,
  params: Readonly<Record<string, string | number>>,
  options: { inBody?: boolean; signature?: string; apiKey?: string; secret?: string; timestamp?: number } = {}
): Promise<RestAnswer> {
  const payload = encodeParams({ ...params, timestamp: options.timestamp ?? Date.now() })
  const signature = options.signature ?? hmacHex(options.secret ?? TEST_KEY.secret, payload)
  const signed = `${payload}&signature=${signature}`
  const headers: Record<string, string> = { 'X-MBX-APIKEY': options.apiKey ?? TEST_KEY.apiKey }
  let url = `${server.restUrl}${path}`
  let body: string | undefined
  if (options.inBody === true) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
    body = signed
  } else url += `?${signed}`
  const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) })
  return { status: response.status, headers: response.headers, body: await response.json() }
}

/** A WebSocket client that records every JSON frame it receives. */
export interface RecordingSocket {
  readonly ws: WebSocket
  readonly frames: unknown[]
  /** Sends one JSON frame. */
  send(message: unknown): void
  /** Resolves with the first recorded frame (from now or earlier) that matches. */
  waitFor(match: (frame: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>
  close(): void
}

/** Opens a WebSocket to the server and records its frames. */
export async function openSocket(url: string): Promise<RecordingSocket> {
  const ws = new WebSocket(url)
  const frames: unknown[] = []
  const waiters: (() => void)[] = []
  ws.on('message', (data: Buffer) => {
    frames.push(JSON.parse(data.toString('utf8')))
    for (const wake of waiters.splice(0)) wake()
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return {
    ws,
    frames,
    send: (message) => ws.send(JSON.stringify(message)),
    waitFor: (match, timeoutMs = 3000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames).slice(0, 2000)}`)), timeoutMs)
        const check = () => {
          const found = frames.find((frame) => typeof frame === 'object' && frame !== null && match(frame as Record<string, unknown>))
          if (found !== undefined) {
            clearTimeout(timer)
            resolve(found as Record<string, unknown>)
            return
          }
          waiters.push(check)
        }
        check()
      }),
    close: () => ws.terminate()
  }
}

/** The open orders of a symbol on the paper server as sorted `SIDE@PRICE` labels. */
export async function openOrderLabels(server: PaperServer, symbol = 'BTCUSDT'): Promise<string[]> {
  return (await server.sim.openOrders(symbol)).map((order) => `${order.side}@${order.price.toFixed()}`).sort()
}

/** Polls `probe` every few milliseconds until it holds, or throws naming `what` after `timeoutMs`. */
export async function waitUntil(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now()
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

/**
 * Collects, as the paper server sees them, the milliseconds from each order's fill to the next
 * order placed (the engine's counter-order); the returned array fills as the server runs.
 */
export function counterLatencies(server: PaperServer): number[] {
  const filledAt: number[] = []
  const latencies: number[] = []
  server.sim.subscribeUserEvents((event) => {
    if (event.type !== 'execution') return
    const atMs = performance.now()
    if (event.executionType === 'TRADE' && event.report.status === 'FILLED') filledAt.push(atMs)
    if (event.executionType === 'NEW') {
      const filled = filledAt.shift()
      if (filled !== undefined) latencies.push(atMs - filled)
    }
  })
  return latencies
}
