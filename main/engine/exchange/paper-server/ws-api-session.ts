import type { WebSocket } from 'ws'
import type { ApiKeyRegistry, RegisteredKey } from './api-key-registry'
import type { Endpoint } from './endpoint'
import { PaperApiError } from './paper-api-error'
import type { PaperContext } from './paper-context'
import type { PaperFaults } from './paper-faults'
import { PaperSocket } from './paper-socket'
import { mandatory, ParamReader } from './param-reader'
import type { SocketRegistry } from './socket-registry'
import { wsApiSignedPayloads } from './signed-payload'
import { checkTimestamp, outsideRecvWindow } from './timestamp-check'
import type { UserDataFanout } from './user-data-fanout'
import { toPaperApiError } from './venue-error-mapping'

type Params = Readonly<Record<string, unknown>>

/** WebSocket API methods answered by a REST endpoint with the same parameters and result. */
export const WS_API_REST_METHODS: Readonly<Record<string, string>> = {
  exchangeInfo: 'GET /api/v3/exchangeInfo',
  depth: 'GET /api/v3/depth',
  klines: 'GET /api/v3/klines',
  uiKlines: 'GET /api/v3/uiKlines',
  avgPrice: 'GET /api/v3/avgPrice',
  'ticker.price': 'GET /api/v3/ticker/price',
  'ticker.book': 'GET /api/v3/ticker/bookTicker',
  'ticker.24hr': 'GET /api/v3/ticker/24hr',
  'order.place': 'POST /api/v3/order',
  'order.test': 'POST /api/v3/order/test',
  'order.status': 'GET /api/v3/order',
  'order.cancel': 'DELETE /api/v3/order',
  'openOrders.status': 'GET /api/v3/openOrders',
  'openOrders.cancelAll': 'DELETE /api/v3/openOrders',
  allOrders: 'GET /api/v3/allOrders',
  myTrades: 'GET /api/v3/myTrades',
  'account.status': 'GET /api/v3/account',
  'account.rateLimits.orders': 'GET /api/v3/rateLimit/order',
  'orderList.place.oco': 'POST /api/v3/orderList/oco',
  'orderList.status': 'GET /api/v3/orderList',
  'orderList.cancel': 'DELETE /api/v3/orderList',
  'openOrderLists.status': 'GET /api/v3/openOrderList',
  allOrderLists: 'GET /api/v3/allOrderList'
}

interface Subscription {
  readonly kind: 'logon' | 'signature'
  readonly stop: () => void
}

/** What a WebSocket API session needs from the server. */
export interface WsApiServices {
  readonly context: PaperContext
  readonly keys: ApiKeyRegistry
  readonly faults: PaperFaults
  readonly fanout: UserDataFanout
  readonly registry: SocketRegistry
  readonly endpoints: ReadonlyMap<string, Endpoint>
}

/**
 * One connection to the WebSocket API (`/ws-api/v3`): requests `{id, method, params}` answered
 * `{id, status, result | error, rateLimits}`; `session.logon` (Ed25519 keys only), `session.status`,
 * `session.logout`, `session.subscriptions`, `userDataStream.subscribe` (after logon),
 * `userDataStream.subscribe.signature` (any key type, signed over the sorted parameters),
 * `userDataStream.unsubscribe`, `ping`, `time`, and the order, account and market-data methods of
 * WS_API_REST_METHODS. User-data events arrive as `{subscriptionId, event}`.
 */
export class WsApiSession {
  private readonly socket: PaperSocket
  private readonly connectedSince: number
  private logon: { key: RegisteredKey; sinceMs: number } | undefined
  private readonly subscriptions = new Map<number, Subscription>()
  private nextSubscriptionId = 0

  constructor(
    ws: WebSocket,
    private readonly ip: string,
    private readonly returnRateLimits: boolean,
    private readonly services: WsApiServices
  ) {
    this.socket = new PaperSocket(ws, 'ws-api', Date.now())
    this.connectedSince = services.context.clock.nowMs()
    services.registry.add(this.socket)
    services.context.limiter.addWeight(ip, 2)
    ws.on('message', (data: Buffer) => void this.onMessage(data.toString('utf8')))
    ws.on('close', () => this.closeSubscriptions(false))
  }

  private async onMessage(text: string): Promise<void> {
    if (this.socket.silent) return
    let request: { id?: unknown; method?: unknown; params?: unknown }
    try {
      request = JSON.parse(text) as typeof request
    } catch {
      this.socket.send({ id: null, status: 400, error: { code: -1135, msg: 'Invalid JSON Request' } })
      return
    }
    const id = request.id ?? null
    const params: Params = typeof request.params === 'object' && request.params !== null ? (request.params as Params) : {}
    const method = typeof request.method === 'string' ? request.method.replace(/^v3\//, '') : ''
    const latencyMs = this.services.faults.settings().latencyMs
    let status = 200
    let payload: { result: unknown } | { error: { code: number; msg: string } }
    try {
      payload = { result: await this.dispatch(method, params) }
    } catch (error) {
      const answer = toPaperApiError(error)
      status = answer.httpStatus
      const retry = answer.retryAfterSeconds === undefined ? {} : { data: { serverTime: this.services.context.clock.nowMs(), retryAfter: this.services.context.clock.nowMs() + answer.retryAfterSeconds * 1000 } }
      payload = { error: { ...answer.body(), ...retry } }
    }
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs))
    const showLimits = this.returnRateLimits && params['returnRateLimits'] !== false
    this.socket.send({ id, status, ...payload, ...(showLimits ? { rateLimits: this.rateLimits() } : {}) })
  }

  private async dispatch(method: string, params: Params): Promise<unknown> {
    const limiter = this.services.context.limiter
    const clock = this.services.context.clock
    switch (method) {
      case 'ping':
        this.charge(1)
        return {}
      case 'time':
        this.charge(1)
        return { serverTime: clock.nowMs() }
      case 'session.logon': {
        this.charge(2)
        const key = this.verifySigned(params)
        if (key.kind !== 'Ed25519') throw new PaperApiError(401, -1002, 'You are not authorized to execute this request: session.logon takes Ed25519 keys only.')
        this.logon = { key, sinceMs: clock.nowMs() }
        return this.sessionStatus()
      }
      case 'session.status':
        this.charge(2)
        return this.sessionStatus()
      case 'session.logout':
        this.charge(2)
        for (const [id, subscription] of this.subscriptions) if (subscription.kind === 'logon') this.endSubscription(id, true)
        this.logon = undefined
        return this.sessionStatus()
      case 'session.subscriptions':
        this.charge(2)
        return [...this.subscriptions.keys()].map((subscriptionId) => ({ subscriptionId }))
      case 'userDataStream.subscribe':
        this.charge(2)
        if (this.logon === undefined) throw new PaperApiError(401, -2015, 'Invalid API-key, IP, or permissions for action.')
        return { subscriptionId: this.subscribe('logon') }
      case 'userDataStream.subscribe.signature':
        this.charge(2)
        this.verifySigned(params)
        return { subscriptionId: this.subscribe('signature') }
      case 'userDataStream.unsubscribe': {
        this.charge(2)
        const id = params['subscriptionId']
        if (id === undefined) {
          this.closeSubscriptions(true)
          return {}
        }
        if (typeof id !== 'number' || !this.subscriptions.has(id)) throw new PaperApiError(400, -2036, 'User Data Stream subscription not active.')
        this.endSubscription(id, true)
        return {}
      }
      default: {
        const route = WS_API_REST_METHODS[method]
        const endpoint = route === undefined ? undefined : this.services.endpoints.get(route)
        if (endpoint === undefined) throw new PaperApiError(400, -1020, `Unsupported operation: ${method || '(none)'}.`)
        const reader = new ParamReader(new Map(Object.entries(params).flatMap(([name, value]) => (name === 'returnRateLimits' || value === undefined || value === null ? [] : [[name, textOf(value) ?? '']]))))
        const weight = endpoint.weight(reader)
        limiter.checkWeight(this.ip, endpoint.orderEntry === undefined ? weight : 0)
        if (endpoint.orderEntry === undefined) limiter.addWeight(this.ip, weight)
        try {
          if (endpoint.security === 'SIGNED') this.authenticate(params)
          const newOrders = endpoint.orderEntry?.newOrders(reader) ?? 0
          if (newOrders > 0) limiter.checkOrders(newOrders)
          const result = await endpoint.handle({ params: reader, nowMs: clock.nowMs() }, this.services.context)
          if (newOrders > 0) limiter.addOrders(newOrders)
          return result
        } catch (error) {
          if (endpoint.orderEntry !== undefined) limiter.addWeight(this.ip, weight)
          throw error
        }
      }
    }
  }

  private charge(weight: number): void {
    this.services.context.limiter.checkWeight(this.ip, weight)
    this.services.context.limiter.addWeight(this.ip, weight)
  }

  /** A signed request: the session's logon key with a fresh timestamp, or apiKey + signature over the sorted parameters. */
  private authenticate(params: Params): void {
    if (this.logon !== undefined && params['signature'] === undefined) {
      checkTimestamp(textOf(params['timestamp']), textOf(params['recvWindow']), this.services.context.clock.nowMs())
      if (this.services.faults.timestampRefusal()) throw outsideRecvWindow()
      return
    }
    this.verifySigned(params)
  }

  private verifySigned(params: Params): RegisteredKey {
    const apiKey = params['apiKey']
    if (typeof apiKey !== 'string' || apiKey === '') throw mandatory('apiKey')
    const key = this.services.keys.find(apiKey)
    if (key === undefined) throw new PaperApiError(401, -2015, 'Invalid API-key, IP, or permissions for action.')
    const signature = params['signature']
    if (typeof signature !== 'string' || signature === '') throw mandatory('signature')
    checkTimestamp(textOf(params['timestamp']), textOf(params['recvWindow']), this.services.context.clock.nowMs())
    if (this.services.faults.timestampRefusal()) throw outsideRecvWindow()
    if (!wsApiSignedPayloads(params).some((payload) => key.verify(payload, signature))) {
      throw new PaperApiError(400, -1022, 'Signature for this request is not valid.')
    }
    return key
  }

  private subscribe(kind: Subscription['kind']): number {
    if (this.subscriptions.size > 0) throw new PaperApiError(400, -2035, 'User Data Stream subscription already active.')
    const subscriptionId = this.nextSubscriptionId
    this.nextSubscriptionId += 1
    const stop = this.services.fanout.subscribe((event) => this.socket.send({ subscriptionId, event }))
    this.subscriptions.set(subscriptionId, { kind, stop })
    return subscriptionId
  }

  private endSubscription(subscriptionId: number, announce: boolean): void {
    const subscription = this.subscriptions.get(subscriptionId)
    if (subscription === undefined) return
    subscription.stop()
    this.subscriptions.delete(subscriptionId)
    if (announce) this.socket.send({ subscriptionId, event: { e: 'eventStreamTerminated', E: this.services.context.clock.nowMs() } })
  }

  private closeSubscriptions(announce: boolean): void {
    for (const id of [...this.subscriptions.keys()]) this.endSubscription(id, announce)
  }

  private sessionStatus(): Record<string, unknown> {
    const hasLogonStream = [...this.subscriptions.values()].some((subscription) => subscription.kind === 'logon')
    return {
      apiKey: this.logon?.key.apiKey ?? null,
      authorizedSince: this.logon?.sinceMs ?? null,
      connectedSince: this.connectedSince,
      returnRateLimits: this.returnRateLimits,
      serverTime: this.services.context.clock.nowMs(),
      userDataStream: this.logon === undefined ? null : hasLogonStream
    }
  }

  private rateLimits(): unknown[] {
    const limits = this.services.context.limiter.limits()
    const counts = this.services.context.limiter.counts(this.ip)
    return [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: limits.requestWeightPerMinute, count: counts.weight1m },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: limits.ordersPer10Seconds, count: counts.orders10s },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: limits.ordersPerDay, count: counts.orders1d }
    ]
  }
}

function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}
