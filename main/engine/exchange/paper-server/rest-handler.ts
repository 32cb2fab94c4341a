import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ApiKeyRegistry } from './api-key-registry'
import type { Endpoint } from './endpoint'
import { PaperApiError } from './paper-api-error'
import type { PaperContext } from './paper-context'
import type { PaperFaults } from './paper-faults'
import { mandatory, ParamReader } from './param-reader'
import { parseRequestParams, type RequestParams } from './request-params'
import { restSignedPayload } from './signed-payload'
import { checkTimestamp, outsideRecvWindow } from './timestamp-check'
import { toPaperApiError } from './venue-error-mapping'

const MAX_BODY_BYTES = 1 << 20

/** Counts of the REST requests the server answered. */
export interface RestStats {
  requests: number
  errors: number
}

/**
 * Serves Binance's REST API from an endpoint table: reads the query string and form body,
 * charges request weight (order entry only when it fails), injects faults, checks the API key,
 * timestamp and signature of SIGNED endpoints, counts orders, and answers JSON with Binance's
 * rate-limit headers, or `{code, msg}` with the right HTTP status.
 */
export class RestHandler {
  private readonly routes = new Map<string, Endpoint>()
  private readonly paths = new Set<string>()
  readonly stats: RestStats = { requests: 0, errors: 0 }

  constructor(
    endpoints: readonly Endpoint[],
    private readonly context: PaperContext,
    private readonly keys: ApiKeyRegistry,
    private readonly faults: PaperFaults
  ) {
    for (const endpoint of endpoints) {
      this.routes.set(`${endpoint.method} ${endpoint.path}`, endpoint)
      this.paths.add(endpoint.path)
    }
  }

  /** Answers one HTTP request. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.stats.requests += 1
    const url = request.url ?? '/'
    const queryAt = url.indexOf('?')
    const path = queryAt < 0 ? url : url.slice(0, queryAt)
    const rawQuery = queryAt < 0 ? '' : url.slice(queryAt + 1)
    const ip = request.socket.remoteAddress ?? ''
    let rawBody: string
    try {
      rawBody = await readBody(request)
    } catch {
      this.send(response, 413, { code: -1000, msg: 'Request body too large.' }, ip, undefined)
      return
    }
    const latencyMs = this.faults.settings().latencyMs
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs))

    const endpoint = this.routes.get(`${request.method ?? 'GET'} ${path}`)
    if (endpoint === undefined) {
      this.stats.errors += 1
      const known = this.paths.has(path)
      this.send(response, known ? 405 : 404, { code: -1000, msg: known ? `Method ${request.method ?? ''} is not allowed on ${path}.` : `Unknown path ${path}.` }, ip, undefined)
      return
    }
    let weight = 0
    let charged = false
    try {
      const params = parseRequestParams(rawQuery, rawBody)
      const reader = new ParamReader(params)
      weight = endpoint.weight(reader)
      this.context.limiter.checkWeight(ip, endpoint.orderEntry === undefined ? weight : 0)
      if (endpoint.orderEntry === undefined) {
        this.context.limiter.addWeight(ip, weight)
        charged = true
      }
      const fault = this.faults.requestFault()
      if (fault.kind === 'rate-limit') {
        throw new PaperApiError(429, -1003, 'Too many requests queued.', { retryAfterSeconds: fault.retryAfterSeconds })
      }
      if (endpoint.security === 'SIGNED') this.authenticate(request, rawQuery, rawBody, params)
      const newOrders = endpoint.orderEntry?.newOrders(reader) ?? 0
      if (newOrders > 0) this.context.limiter.checkOrders(newOrders)
      const nowMs = this.context.clock.nowMs()
      if (fault.kind === 'server-error' && !(fault.applied && endpoint.orderEntry !== undefined)) throw serverError()
      const body = await endpoint.handle({ params: reader, nowMs }, this.context)
      if (newOrders > 0) this.context.limiter.addOrders(newOrders)
      if (fault.kind === 'server-error') throw serverError()
      this.send(response, 200, body, ip, endpoint)
    } catch (error) {
      this.stats.errors += 1
      const answer = toPaperApiError(error)
      if (!charged && answer.httpStatus !== 429 && answer.httpStatus !== 418) this.context.limiter.addWeight(ip, weight)
      this.send(response, answer.httpStatus, answer.body(), ip, endpoint, answer.retryAfterSeconds)
    }
  }

  private authenticate(request: IncomingMessage, rawQuery: string, rawBody: string, params: RequestParams): void {
    const header = request.headers['x-mbx-apikey']
    const apiKey = Array.isArray(header) ? header[0] : header
    if (apiKey === undefined || apiKey === '') throw new PaperApiError(401, -2014, 'API-key format invalid.')
    const key = this.keys.find(apiKey)
    if (key === undefined) throw new PaperApiError(401, -2015, 'Invalid API-key, IP, or permissions for action.')
    const signed = restSignedPayload(rawQuery, rawBody)
    if (signed.signature === undefined || signed.signature === '') throw mandatory('signature')
    checkTimestamp(params.get('timestamp'), params.get('recvWindow'), this.context.clock.nowMs())
    if (this.faults.timestampRefusal()) throw outsideRecvWindow()
    if (!key.verify(signed.payload, signed.signature)) throw new PaperApiError(400, -1022, 'Signature for this request is not valid.')
  }

  private send(response: ServerResponse, status: number, body: unknown, ip: string, endpoint: Endpoint | undefined, retryAfterSeconds?: number): void {
    const counts = this.context.limiter.counts(ip)
    const headers: Record<string, string> = {
      'Content-Type': 'application/json;charset=UTF-8',
      'X-MBX-USED-WEIGHT': String(counts.weight1m),
      'X-MBX-USED-WEIGHT-1M': String(counts.weight1m)
    }
    if (endpoint?.orderEntry !== undefined) {
      headers['X-MBX-ORDER-COUNT-10S'] = String(counts.orders10s)
      headers['X-MBX-ORDER-COUNT-1D'] = String(counts.orders1d)
    }
    if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds)
    const text = JSON.stringify(body)
    headers['Content-Length'] = String(Buffer.byteLength(text))
    response.writeHead(status, headers)
    response.end(text)
  }
}

function serverError(): PaperApiError {
  return new PaperApiError(500, -1001, 'Internal error; unable to process your request. Please try again.')
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new RangeError('body too large')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}
