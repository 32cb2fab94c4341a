import { settle, TestClock } from '../../clock/test-clock'
import { Decimal } from '@shared/money/decimal'
import { clientOrderId, type ClientOrderId } from '../port/identifiers'
import type { NewOcoList, NewOrder, OcoLeg } from '../port/new-order'
import type { AccountSnapshot } from '../port/account'
import type { UserEvent } from '../port/user-event'
import { parseExchangeInfo, type ExchangeRules, type OrderSide } from '../rules'
import { BTCUSDT_FILTERS, rawSymbol, type RawFilter } from '../rules/stubs'
import { SimExchange } from './sim-exchange'
import type { SimExchangeOptions } from './sim-exchange-options'

/** The test clock's start: 2026-01-01T00:00:00Z. */
export const T0 = Date.UTC(2026, 0, 1)

/** Returns a Decimal from exact text. */
export const d = (text: string): Decimal => new Decimal(text)

/** Returns a ClientOrderId from text. */
export const cid = (text: string): ClientOrderId => clientOrderId(text)

/** What to change in the test market's rules. */
export interface SimRulesOverrides {
  /** Field overrides of the BTCUSDT symbol (status, orderTypes, ocoAllowed, …). */
  readonly btc?: Readonly<Record<string, unknown>>
  /** Replaces BTCUSDT's filters. */
  readonly btcFilters?: readonly RawFilter[]
  readonly exchangeFilters?: readonly RawFilter[]
}

/**
 * Returns test rules with two symbols: BTCUSDT (tick 0.01, step 0.00001, NOTIONAL ≥ 5,
 * PERCENT_PRICE_BY_SIDE 0.2…5, MAX_NUM_ORDERS 200, MAX_NUM_ALGO_ORDERS 5) and ETHUSDT (the same filters).
 */
export function simRules(overrides: SimRulesOverrides = {}): ExchangeRules {
  const filters = overrides.btcFilters ?? BTCUSDT_FILTERS
  return parseExchangeInfo({
    exchangeFilters: overrides.exchangeFilters ?? [],
    symbols: [
      rawSymbol(filters, { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', ...overrides.btc }),
      rawSymbol(BTCUSDT_FILTERS, { symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT' })
    ]
  })
}

/** A simulator on a test clock, with every user event it delivered. */
export interface SimSetup {
  readonly sim: SimExchange
  readonly clock: TestClock
  readonly events: UserEvent[]
}

/**
 * Builds a simulator for tests: 10000 USDT and 1 BTC, BTCUSDT at 100 and ETHUSDT at 10, maker fee
 * 0.1 % and taker fee 0.2 % (different, so a test can tell them apart), seed 1, and a recorder of
 * every delivered user event.
 */
export function simSetup(options: Partial<SimExchangeOptions> = {}): SimSetup {
  const clock = new TestClock(T0)
  const sim = new SimExchange({
    rules: simRules(),
    clock,
    balances: { USDT: '10000', BTC: '1' },
    makerFee: d('0.001'),
    takerFee: d('0.002'),
    prices: { BTCUSDT: '100', ETHUSDT: '10' },
    seed: 1,
    ...options
  })
  const events: UserEvent[] = []
  sim.subscribeUserEvents((event) => events.push(event))
  return { sim, clock, events }
}

/** Returns a GTC LIMIT order on BTCUSDT. */
export function limit(side: OrderSide, price: string, quantity: string, id: string, extra: Partial<NewOrder> = {}): NewOrder {
  return { symbol: 'BTCUSDT', clientOrderId: cid(id), side, type: 'LIMIT', timeInForce: 'GTC', price: d(price), quantity: d(quantity), ...extra }
}

/** Returns a LIMIT_MAKER order on BTCUSDT. */
export function limitMaker(side: OrderSide, price: string, quantity: string, id: string): NewOrder {
  return { symbol: 'BTCUSDT', clientOrderId: cid(id), side, type: 'LIMIT_MAKER', price: d(price), quantity: d(quantity) }
}

/** Returns a MARKET order on BTCUSDT by base quantity. */
export function market(side: OrderSide, quantity: string, id: string): NewOrder {
  return { symbol: 'BTCUSDT', clientOrderId: cid(id), side, type: 'MARKET', quantity: d(quantity) }
}

/** Returns a MARKET order on BTCUSDT by quote quantity. */
export function marketQuote(side: OrderSide, quoteOrderQty: string, id: string): NewOrder {
  return { symbol: 'BTCUSDT', clientOrderId: cid(id), side, type: 'MARKET', quoteOrderQty: d(quoteOrderQty) }
}

/** Returns a stop order on BTCUSDT; the *_LIMIT types get `price` and GTC. */
export function stop(
  type: 'STOP_LOSS' | 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT' | 'TAKE_PROFIT_LIMIT',
  side: OrderSide,
  stopPrice: string,
  quantity: string,
  id: string,
  price?: string
): NewOrder {
  const isLimit = type.endsWith('_LIMIT')
  return {
    symbol: 'BTCUSDT',
    clientOrderId: cid(id),
    side,
    type,
    stopPrice: d(stopPrice),
    quantity: d(quantity),
    ...(isLimit ? { price: d(price ?? stopPrice), timeInForce: 'GTC' as const } : {})
  }
}

/** Returns an OCO leg. */
export function leg(type: OcoLeg['type'], id: string, prices: { price?: string; stopPrice?: string }): OcoLeg {
  return {
    clientOrderId: cid(id),
    type,
    ...(prices.price !== undefined ? { price: d(prices.price) } : {}),
    ...(prices.stopPrice !== undefined ? { stopPrice: d(prices.stopPrice) } : {}),
    ...(type.endsWith('_LIMIT') ? { timeInForce: 'GTC' as const } : {})
  }
}

/** Returns the usual protective SELL OCO on BTCUSDT: take profit LIMIT_MAKER above, STOP_LOSS_LIMIT below. */
export function sellOco(quantity: string, takeProfit: string, stopPrice: string, stopLimit: string, id = 'oco1'): NewOcoList {
  return {
    symbol: 'BTCUSDT',
    listClientOrderId: cid(id),
    side: 'SELL',
    quantity: d(quantity),
    above: leg('LIMIT_MAKER', `${id}-tp`, { price: takeProfit }),
    below: leg('STOP_LOSS_LIMIT', `${id}-sl`, { price: stopLimit, stopPrice })
  }
}

/** Returns "free/locked" of an asset in an account snapshot. */
export function balanceOf(account: AccountSnapshot, asset: string): string {
  const balance = account.balances.get(asset)
  return balance === undefined ? '0/0' : `${balance.free.toFixed()}/${balance.locked.toFixed()}`
}

/** Returns one line per event, for asserting event order: "NEW b1 NEW", "TRADE b1 FILLED 0.1@99 maker", "balances BTC,USDT". */
export function describeEvents(events: readonly UserEvent[]): string[] {
  return events.map((event) => {
    switch (event.type) {
      case 'execution': {
        const fill = event.fill === undefined ? '' : ` ${event.fill.quantity.toFixed()}@${event.fill.price.toFixed()} ${event.fill.isMaker ? 'maker' : 'taker'}`
        const reason = event.report.expiryReason === undefined ? '' : ` ${event.report.expiryReason}`
        return `${event.executionType} ${event.report.clientOrderId} ${event.report.status}${fill}${reason}`
      }
      case 'balances':
        return `balances ${event.balances.map((balance) => balance.asset).join(',')}`
      case 'list-status':
        return `list ${event.list.listClientOrderId} ${event.list.listOrderStatus}`
      case 'stream':
        return `stream ${event.status}`
    }
  })
}

/** Lets queued user events and trade ticks be delivered. */
export async function flush(): Promise<void> {
  await settle()
}

/** How a call ended, as text for tests: "ok", or the error's name, venue code and venue message (else its message). */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'ok'
  } catch (error) {
    const typed = error as { name: string; venueCode?: number; venueMessage?: string; message: string }
    return `${typed.name} ${typed.venueCode} ${typed.venueMessage ?? typed.message}`
  }
}
