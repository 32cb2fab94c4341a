import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { LiveClock } from '../../clock/live-clock'
import type { Decimal } from '@shared/money/decimal'
import type { SimExchange } from '../sim/sim-exchange'
import { ACCOUNT_ENDPOINTS } from './account-endpoints'
import { ApiKeyRegistry } from './api-key-registry'
import { buildSim } from './build-sim'
import { ClientIdGenerator } from './client-id-generator'
import type { Endpoint } from './endpoint'
import { MARKET_DATA_ENDPOINTS } from './market-data-endpoints'
import { MarketStreamHub } from './market-stream-hub'
import { MarketTape } from './market-tape'
import { OrderAnnotations } from './order-annotations'
import { ORDER_ENDPOINTS } from './order-endpoints'
import { ORDER_LIST_ENDPOINTS } from './order-list-endpoints'
import { OrderListBook } from './order-list-book'
import type { PaperContext } from './paper-context'
import { PaperFaults } from './paper-faults'
import { RANDOM_FAULTS_OFF } from '../sim/sim-fault-rates'
import { replayState } from './journal-replay'
import { loadState, PaperJournal, saveState } from './paper-journal'
import type { PaperServerOptions } from './paper-server-options'
import { PinnableClock } from './pinnable-clock'
import { startPriceFeed } from './price-feed'
import { DEFAULT_RATE_LIMITS, RateLimiter } from './rate-limiter'
import { RestHandler, type RestStats } from './rest-handler'
import { SocketRegistry } from './socket-registry'
import { UserDataFanout } from './user-data-fanout'
import { WsApiSession } from './ws-api-session'

/** Every REST endpoint the paper server serves. */
export const PAPER_ENDPOINTS: readonly Endpoint[] = [...MARKET_DATA_ENDPOINTS, ...ACCOUNT_ENDPOINTS, ...ORDER_ENDPOINTS, ...ORDER_LIST_ENDPOINTS]

/** A running paper server. */
export interface PaperServer {
  /** Base URL of the REST API (`http://127.0.0.1:PORT`; paths are `/api/v3/...`). */
  readonly restUrl: string
  /** Base URL of the WebSockets (`ws://127.0.0.1:PORT`; `/ws/<stream>`, `/stream?streams=`, `/ws-api/v3`). */
  readonly wsUrl: string
  readonly port: number
  /** The simulator behind the server: drive prices with `trade`/`candle`, read its state directly. */
  readonly sim: SimExchange
  /** Switchable faults. */
  readonly faults: PaperFaults
  /** The rate limiter (limits can be changed with `configure`). */
  readonly limiter: RateLimiter
  /**
   * Prints one public trade (the last price moves, resting orders fill); kept in the state journal
   * when the server keeps one, unlike a direct `sim.trade`: on its own when it changed the account,
   * else folded into its minute's bar.
   */
  trade(symbol: string, price: Decimal, quantity: Decimal): void
  /** Writes the account's state (every action since it started, the market as minute bars) to `path`, or to the state file. */
  saveState(path?: string): Promise<void>
  /** Returns counters of the REST requests answered and the open WebSocket connections. */
  stats(): { readonly rest: RestStats; readonly connections: number }
  /** Stops the price feed, closes every connection and the listening socket; saves the state file if there is one. */
  close(): Promise<void>
}

/**
 * Starts the paper server: a SimExchange served on loopback over Binance Spot's REST API, market
 * streams and WebSocket API, with Binance's signatures, timestamps, rate limits and error codes,
 * and switchable faults. Resolves once it listens.
 */
export async function startPaperServer(options: PaperServerOptions = {}): Promise<PaperServer> {
  const clock = new PinnableClock(options.clock ?? new LiveClock())
  const seed = options.seed ?? 1
  const stateFile = options.stateFile
  if (stateFile !== undefined && options.sim !== undefined && 'exchange' in options.sim) throw new RangeError('a state file needs a simulator the server builds itself')
  const saved = stateFile === undefined ? undefined : await loadState(stateFile)
  const served = await buildSim(options.sim, clock, seed, saved?.header)
  const journal = stateFile === undefined || served.header === undefined ? undefined : new PaperJournal(served.header)
  const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...options.weights }, clock)
  const tape = new MarketTape(served.exchange, [...served.rules.symbols.keys()])
  const context: PaperContext = {
    exchange: served.exchange,
    // The rules in force: a status or rules change on the simulator shows at once
    get rules() {
      return served.exchange.currentRules()
    },
    clock,
    tape,
    limiter,
    fees: served.fees,
    lists: new OrderListBook(),
    ids: new ClientIdGenerator(seed),
    annotations: new OrderAnnotations(),
    stpMode: (symbol) => served.exchange.currentRules().symbols.get(symbol)?.defaultSelfTradePreventionMode ?? 'NONE',
    ...(journal !== undefined ? { journal } : {})
  }
  const keys = new ApiKeyRegistry(options.apiKeys ?? [])
  const faults = new PaperFaults(served.exchange.faults, options.faults ?? {}, seed, () => clock.nowMs())
  const registry = new SocketRegistry({ pingIntervalMs: options.heartbeat?.pingIntervalMs ?? 20_000, pongTimeoutMs: options.heartbeat?.pongTimeoutMs ?? 60_000 })
  faults.attach(registry)
  const fanout = new UserDataFanout(context)
  const streams = new MarketStreamHub(context, registry, options.avgPriceIntervalMs ?? 1000)
  const rest = new RestHandler(PAPER_ENDPOINTS, context, keys, faults)
  const endpoints = new Map(PAPER_ENDPOINTS.map((endpoint) => [`${endpoint.method} ${endpoint.path}`, endpoint]))
  if (saved !== undefined && journal !== undefined) {
    // Replay with the simulator's own faults off, so every recorded action acts again as it did
    const simFaults = served.exchange.faults.settings()
    served.exchange.faults.configure(RANDOM_FAULTS_OFF)
    const { cancelIds } = await replayState(saved, { exchange: served.exchange, tape, clock }, journal)
    served.exchange.faults.configure(simFaults)
    for (const [orderId, cancelId] of cancelIds) context.annotations.setCancelId(orderId, cancelId)
    // Let the replayed trades and events reach the tape and the list book before serving
    for (let round = 0; round < 3; round += 1) await new Promise((resolve) => setImmediate(resolve))
  }
  const trade = (symbol: string, price: Decimal, quantity: Decimal) => {
    const timeMs = clock.nowMs()
    // A trade that throws is kept as it is, so its replay does what it did
    let changedAccount = true
    try {
      changedAccount = clock.runAt(timeMs, () => served.exchange.trade(symbol, price, quantity))
    } finally {
      journal?.trade(timeMs, symbol, price, quantity, changedAccount)
    }
  }

  const server: Server = createServer((request, response) => {
    rest.handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'application/json;charset=UTF-8' })
      response.end(JSON.stringify({ code: -1000, msg: String(error) }))
    })
  })
  server.keepAliveTimeout = 5000
  const sockets = new WebSocketServer({ noServer: true, autoPong: false })
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://paper')
    const path = url.pathname
    const isApi = path === '/ws-api/v3'
    const isStream = path === '/stream' || path === '/stream/' || path === '/ws' || path.startsWith('/ws/')
    if (!isApi && !isStream) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
      return
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      if (isApi) {
        const ip = request.socket.remoteAddress ?? ''
        new WsApiSession(ws, ip, url.searchParams.get('returnRateLimits') !== 'false', { context, keys, faults, fanout, registry, endpoints })
      } else {
        streams.accept(ws, path, url.searchParams)
      }
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const feed = await startPriceFeed(options.priceSource ?? { kind: 'none' }, served.exchange, { trade }, served.rules, clock, seed)
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  let closed: Promise<void> | undefined
  return {
    restUrl: `http://${host}:${address.port}`,
    wsUrl: `ws://${host}:${address.port}`,
    port: address.port,
    sim: served.exchange,
    faults,
    limiter,
    trade,
    saveState: async (path) => {
      const target = path ?? stateFile
      if (journal === undefined || target === undefined) throw new Error('the paper server keeps no state: start it with a stateFile')
      await saveState(target, journal.checkpoint())
    },
    stats: () => ({ rest: { ...rest.stats }, connections: registry.count() }),
    close: () => {
      closed ??= (async () => {
        await feed.stop()
        if (journal !== undefined && stateFile !== undefined) await saveState(stateFile, journal.checkpoint())
        streams.close()
        fanout.close()
        tape.close()
        registry.close()
        sockets.close()
        server.closeAllConnections()
        await new Promise<void>((resolve) => server.close(() => resolve()))
      })()
      return closed
    }
  }
}
