import type { WebSocket } from 'ws'
import { bestQuotes } from './market-data-endpoints'
import { aggTradePayload, avgPricePayload, bookTickerPayload, klinePayload, tradePayload } from './market-payloads'
import type { PublicTrade } from './market-tape'
import type { PaperContext } from './paper-context'
import { PaperSocket } from './paper-socket'
import type { SocketRegistry } from './socket-registry'
import { parseStreamName, type MarketStream } from './stream-name'

interface StreamClient {
  readonly socket: PaperSocket
  readonly streams: Map<string, MarketStream>
}

const MAX_STREAMS = 1024
const AVERAGE_PRICE_MINUTES = 5

/**
 * Binance's market streams over the paper market: raw (`/ws/<stream>`) and combined
 * (`/stream?streams=a/b`, frames `{stream, data}`) connections, live SUBSCRIBE / UNSUBSCRIBE /
 * LIST_SUBSCRIPTIONS / SET_PROPERTY / GET_PROPERTY frames, and trade, aggTrade, kline_<interval>,
 * bookTicker (on every trade) and avgPrice (every second) events. A kline event goes out on every
 * trade; when a trade opens a new candle the previous one is sent first, closed (`x: true`).
 */
export class MarketStreamHub {
  private readonly clients = new Set<StreamClient>()
  private readonly symbols: ReadonlySet<string>
  private readonly lastKlineOpen = new Map<string, number>()
  private readonly stopTape: () => void
  private readonly avgTimer: NodeJS.Timeout
  private bookUpdateId = 0

  constructor(
    private readonly context: PaperContext,
    private readonly registry: SocketRegistry,
    avgPriceIntervalMs: number
  ) {
    this.symbols = new Set(context.rules.symbols.keys())
    this.stopTape = context.tape.onTrade((trade) => this.publishTrade(trade))
    this.avgTimer = setInterval(() => this.publishAveragePrices(), avgPriceIntervalMs)
    this.avgTimer.unref()
  }

  /** Serves a new connection on `/ws…` (raw) or `/stream…` (combined) with the streams named in its URL. */
  accept(ws: WebSocket, path: string, query: URLSearchParams): void {
    const socket = new PaperSocket(ws, 'streams', Date.now())
    socket.combined = path === '/stream' || path === '/stream/'
    const client: StreamClient = { socket, streams: new Map() }
    const named = socket.combined ? (query.get('streams') ?? '') : decodeURIComponent(path.replace(/^\/ws\/?/, ''))
    for (const name of named.split('/').filter((entry) => entry !== '')) {
      const stream = parseStreamName(name, this.symbols)
      if (stream !== undefined) client.streams.set(name, stream)
    }
    this.clients.add(client)
    this.registry.add(socket)
    ws.on('message', (data: Buffer) => this.onControl(client, data.toString('utf8')))
    ws.on('close', () => this.clients.delete(client))
  }

  /** Stops publishing. */
  close(): void {
    this.stopTape()
    clearInterval(this.avgTimer)
  }

  private onControl(client: StreamClient, text: string): void {
    if (client.socket.silent) return
    let frame: { method?: unknown; params?: unknown; id?: unknown }
    try {
      frame = JSON.parse(text) as typeof frame
    } catch {
      client.socket.send({ code: 3, msg: 'Invalid JSON: expected value at line 1 column 1', id: null })
      return
    }
    const id = frame.id ?? null
    if (!validId(id)) {
      client.socket.send({ code: 2, msg: 'Invalid request: request ID must be an unsigned integer', id: null })
      return
    }
    const params = Array.isArray(frame.params) ? (frame.params as unknown[]) : []
    switch (frame.method) {
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE': {
        const streams: MarketStream[] = []
        for (const name of params) {
          const stream = typeof name === 'string' ? parseStreamName(name, this.symbols) : undefined
          if (stream === undefined) {
            client.socket.send({ code: 2, msg: `Invalid request: invalid stream name ${JSON.stringify(name)}`, id })
            return
          }
          streams.push(stream)
        }
        if (frame.method === 'SUBSCRIBE') {
          if (client.streams.size + streams.length > MAX_STREAMS) {
            client.socket.send({ code: 2, msg: `Invalid request: too many streams (at most ${MAX_STREAMS})`, id })
            return
          }
          for (const stream of streams) client.streams.set(stream.name, stream)
        } else for (const stream of streams) client.streams.delete(stream.name)
        client.socket.send({ result: null, id })
        return
      }
      case 'LIST_SUBSCRIPTIONS':
        client.socket.send({ result: [...client.streams.keys()], id })
        return
      case 'SET_PROPERTY':
        if (params[0] !== 'combined' || typeof params[1] !== 'boolean') {
          client.socket.send({ code: params[0] === 'combined' ? 1 : 0, msg: params[0] === 'combined' ? 'Invalid value type: expected Boolean' : 'Unknown property', id })
          return
        }
        client.socket.combined = params[1]
        client.socket.send({ result: null, id })
        return
      case 'GET_PROPERTY':
        if (params[0] !== 'combined') {
          client.socket.send({ code: 0, msg: 'Unknown property', id })
          return
        }
        client.socket.send({ result: client.socket.combined, id })
        return
      default:
        client.socket.send({ code: 2, msg: 'Invalid request: unknown variant, expected one of SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY, GET_PROPERTY', id })
    }
  }

  private publishTrade(trade: PublicTrade): void {
    if (this.clients.size === 0) return
    const nowMs = this.context.clock.nowMs()
    const rules = this.context.rules.symbols.get(trade.symbol)
    if (rules === undefined) return
    this.bookUpdateId += 1
    const payloads = new Map<string, unknown[]>()
    const payloadFor = (stream: MarketStream): unknown[] => {
      const known = payloads.get(stream.name)
      if (known !== undefined) return known
      let made: unknown[]
      switch (stream.kind) {
        case 'trade':
          made = [tradePayload(trade, nowMs)]
          break
        case 'aggTrade':
          made = [aggTradePayload(trade, nowMs)]
          break
        case 'bookTicker':
          made = [bookTickerPayload(trade.symbol, this.bookUpdateId, bestQuotes(rules, trade.price))]
          break
        case 'avgPrice':
          made = []
          break
        case 'kline':
          made = this.klineFrames(stream, nowMs)
          break
      }
      payloads.set(stream.name, made)
      return made
    }
    for (const client of this.clients) {
      for (const stream of client.streams.values()) {
        if (stream.symbol !== trade.symbol) continue
        for (const payload of payloadFor(stream)) this.deliver(client, stream.name, payload)
      }
    }
  }

  private klineFrames(stream: Extract<MarketStream, { kind: 'kline' }>, nowMs: number): unknown[] {
    const tape = this.context.tape
    const [current] = tape.candles(stream.symbol, stream.intervalMs, { limit: 1 }, nowMs)
    if (current === undefined) return []
    const frames: unknown[] = []
    const key = `${stream.symbol}@${stream.interval}`
    const previousOpen = this.lastKlineOpen.get(key)
    if (previousOpen !== undefined && previousOpen < current.openTimeMs) {
      const [closed] = tape.candles(stream.symbol, stream.intervalMs, { startTimeMs: previousOpen, endTimeMs: previousOpen, limit: 1 }, nowMs)
      if (closed !== undefined) frames.push(klinePayload(stream.symbol, stream.interval, closed, nowMs))
    }
    this.lastKlineOpen.set(key, current.openTimeMs)
    frames.push(klinePayload(stream.symbol, stream.interval, current, nowMs))
    return frames
  }

  private publishAveragePrices(): void {
    const nowMs = this.context.clock.nowMs()
    for (const client of this.clients) {
      for (const stream of client.streams.values()) {
        if (stream.kind !== 'avgPrice') continue
        const price = this.context.tape.averagePrice(stream.symbol, AVERAGE_PRICE_MINUTES, nowMs)
        const last = this.context.tape.lastTrade(stream.symbol)
        if (price === undefined || last === undefined) continue
        this.deliver(client, stream.name, avgPricePayload(stream.symbol, price, last.timeMs, nowMs))
      }
    }
  }

  private deliver(client: StreamClient, streamName: string, payload: unknown): void {
    client.socket.send(client.socket.combined ? { stream: streamName, data: payload } : payload)
  }
}

function validId(id: unknown): boolean {
  if (id === null) return true
  if (typeof id === 'number') return Number.isSafeInteger(id)
  return typeof id === 'string' && /^[A-Za-z0-9]{1,36}$/.test(id)
}
