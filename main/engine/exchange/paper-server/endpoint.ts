import type { PaperContext } from './paper-context'
import type { ParamReader } from './param-reader'

/** How a request is authenticated: public, or SIGNED (API key, timestamp and signature). */
export type EndpointSecurity = 'NONE' | 'SIGNED'

/** One request as an endpoint sees it. */
export interface EndpointRequest {
  readonly params: ParamReader
  readonly nowMs: number
}

/** One REST endpoint of the paper server. */
export interface Endpoint {
  readonly method: 'GET' | 'POST' | 'DELETE'
  /** Path under the server root, e.g. `/api/v3/order`. */
  readonly path: string
  readonly security: EndpointSecurity
  /** Request weight, as Binance documents it for these parameters. */
  weight(params: ParamReader): number
  /**
   * Set on order-entry endpoints (place, cancel, lists): a successful request costs no weight
   * (Binance since 2026-04-02) and `newOrders` orders count against the ORDERS limits.
   */
  readonly orderEntry?: { newOrders(params: ParamReader): number }
  /** Answers the request with Binance's JSON, or throws one of the engine's or the server's errors. */
  handle(request: EndpointRequest, context: PaperContext): Promise<unknown>
}
