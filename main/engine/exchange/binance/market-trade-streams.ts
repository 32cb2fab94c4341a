import { WebsocketClient } from 'binance'
import type { Logger } from '../../logging/logger'
import type { Unsubscribe } from '../port/exchange'
import type { TradeTick } from '../port/market-event'
import { parseTradeTick } from './parse-market'
import { sdkLogger } from './sdk-logger'

const WS_KEY = 'main'

/**
 * Public trades of symbols over Binance's combined market streams (`<symbol>@trade`), on one
 * `binance` SDK WebsocketClient opened with the first subscriber. The SDK reconnects market
 * streams by itself and subscribes its topics again; trades printed meanwhile are simply missed —
 * prices are read again on the next trade, and nothing about orders depends on this stream.
 */
export class MarketTradeStreams {
  private client: WebsocketClient | undefined
  private readonly listeners = new Map<string, Set<(tick: TradeTick) => void>>()

  constructor(
    private readonly streamsUrl: string,
    private readonly logger: Logger
  ) {}

  /** Delivers a symbol's public trades to `listener` until unsubscribed. */
  subscribe(symbol: string, listener: (tick: TradeTick) => void): Unsubscribe {
    let set = this.listeners.get(symbol)
    if (set === undefined) {
      set = new Set()
      this.listeners.set(symbol, set)
      this.sdk()
        .subscribe(topicOf(symbol), WS_KEY)
        .catch((error: unknown) => this.logger.warn('subscribing to market trades failed', { symbol, error: String(error) }))
    }
    set.add(listener)
    return () => {
      const current = this.listeners.get(symbol)
      if (current === undefined || !current.delete(listener) || current.size > 0) return
      this.listeners.delete(symbol)
      this.client?.unsubscribe(topicOf(symbol), WS_KEY).catch(() => undefined)
    }
  }

  /** Closes the market-stream connection. */
  close(): void {
    this.listeners.clear()
    this.client?.closeAll(true)
    this.client = undefined
  }

  private sdk(): WebsocketClient {
    if (this.client === undefined) {
      const client = new WebsocketClient({ wsUrl: this.streamsUrl, beautify: false }, sdkLogger(this.logger))
      client.on('message', (event: unknown) => this.deliver(event))
      this.client = client
    }
    return this.client
  }

  private deliver(event: unknown): void {
    if ((event as { e?: unknown } | null)?.e !== 'trade') return
    let tick: TradeTick
    try {
      tick = parseTradeTick(event)
    } catch (error) {
      this.logger.debug('a market trade event could not be read', { error: String(error) })
      return
    }
    for (const listener of this.listeners.get(tick.symbol) ?? []) {
      try {
        listener(tick)
      } catch (error) {
        this.logger.error('a market-trade listener threw', { symbol: tick.symbol, error: String(error) })
      }
    }
  }
}

function topicOf(symbol: string): string {
  return `${symbol.toLowerCase()}@trade`
}
