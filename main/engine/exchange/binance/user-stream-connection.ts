import { WebsocketAPIClient } from 'binance'
import type { Logger } from '../../logging/logger'
import { sdkErrorFacts } from './sdk-error-facts'
import { sdkLogger } from './sdk-logger'
import type { ConnectUserStream, UserStreamConnection } from './user-data-stream'

/** How to open the WebSocket API user-data subscription. */
export interface SdkUserStreamOptions {
  /** Scheme, host and port of the WebSocket API (the SDK appends `/ws-api/v3`). */
  readonly wsApiUrl: string
  readonly apiKey: string
  /** HMAC secret, or an Ed25519/RSA private key in PEM. */
  readonly apiSecret: string
  readonly recvWindowMs: number
  /** The exchange's time as estimated now (local clock plus offset). */
  readonly serverNowMs: () => number
  /** The current server-time offset, for the SDK's Ed25519 `session.logon`. */
  readonly offsetMs: () => number
  /** Makes sure the offset has been measured (before every subscription). */
  readonly freshClock: () => Promise<void>
  /** Measures the offset again (after a subscription refused with -1021). */
  readonly resyncClock: () => Promise<void>
  readonly logger: Logger
}

const WS_KEY = 'mainWSAPI'

/**
 * Returns a connector that opens one `binance` SDK WebsocketAPIClient per connection and
 * subscribes with the WebSocket API — `userDataStream.subscribe.signature` for HMAC and RSA keys,
 * `session.logon` + `userDataStream.subscribe` for Ed25519 — never the retired listenKey flow.
 * The SDK's own reconnect is cut short: on a drop the client is closed and the connection ends,
 * so the adapter's lifecycle (backoff, status events, reconciliation) owns every reconnect. The
 * HMAC subscription is stamped with the adapter's server time, because the SDK's own
 * `subscribeUserDataStream` stamps it with the uncorrected local clock; the offset is measured
 * before the first subscription and again after a -1021.
 */
export function sdkUserStreamConnector(options: SdkUserStreamOptions): ConnectUserStream {
  return async (onFrame) => {
    await options.freshClock()
    const api = new WebsocketAPIClient(
      {
        wsUrl: options.wsApiUrl,
        api_key: options.apiKey,
        api_secret: options.apiSecret,
        beautify: false,
        recvWindow: options.recvWindowMs,
        attachEventListeners: false,
        resubscribeUserDataStreamAfterReconnect: false,
        muteLatencyWarning: true
      },
      sdkLogger(options.logger)
    )
    const client = api.getWSClient()
    client.setTimeOffsetMs(options.offsetMs())
    let finish: (reason: string) => void = () => undefined
    const ended = new Promise<string>((resolve) => (finish = resolve))
    let done = false
    const end = (reason: string) => {
      if (done) return
      done = true
      // Closing on purpose also clears the SDK's own reconnect timer
      client.closeAll(true)
      finish(reason)
    }
    client.on('message', (event: unknown) => onFrame(event))
    client.on('reconnecting', () => end('the connection dropped'))
    client.on('close', () => end('the connection closed'))
    const connection: UserStreamConnection = { ended, close: end }
    try {
      const subscribing =
        client.getSignKeyType() === 'Ed25519'
          ? client.sendWSAPIRequest(WS_KEY, 'userDataStream.subscribe')
          : client.sendWSAPIRequest(WS_KEY, 'userDataStream.subscribe.signature', { timestamp: options.serverNowMs() })
      await Promise.race([subscribing, ended.then((reason) => Promise.reject(new Error(reason)))])
    } catch (error) {
      end('subscribing failed')
      // The next attempt then carries a corrected timestamp
      if (sdkErrorFacts(error).venueCode === -1021) await options.resyncClock().catch(() => undefined)
      throw error
    }
    return connection
  }
}
