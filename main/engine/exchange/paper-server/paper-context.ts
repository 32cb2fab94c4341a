import type { Decimal } from '@shared/money/decimal'
import type { ExchangeRules, SymbolRules } from '../rules'
import type { SimExchange } from '../sim/sim-exchange'
import { venueErrors } from '../sim/venue-errors'
import type { ClientIdGenerator } from './client-id-generator'
import type { MarketTape } from './market-tape'
import type { OrderAnnotations } from './order-annotations'
import type { OrderJsonContext } from './order-json'
import type { OrderListBook } from './order-list-book'
import type { PaperJournal } from './paper-journal'
import type { PinnableClock } from './pinnable-clock'
import type { RateLimiter } from './rate-limiter'

/** Fee rates the paper account reports (and the simulator charges). */
export interface PaperFees {
  readonly maker: Decimal
  readonly taker: Decimal
}

/** Everything the endpoints of the paper server share. */
export interface PaperContext extends OrderJsonContext {
  readonly exchange: SimExchange
  readonly rules: ExchangeRules
  /** The server's clock; an action the journal records runs pinned to one time, as its replay will. */
  readonly clock: PinnableClock
  readonly tape: MarketTape
  readonly limiter: RateLimiter
  readonly fees: PaperFees
  readonly lists: OrderListBook
  readonly ids: ClientIdGenerator
  readonly annotations: OrderAnnotations
  /** The account's journal, when the server keeps its state in a file. */
  readonly journal?: PaperJournal
}

/** Returns a symbol's rules, or throws Binance's -1121 "Invalid symbol.". */
export function symbolRules(context: Pick<PaperContext, 'rules'>, symbol: string): SymbolRules {
  const rules = context.rules.symbols.get(symbol)
  if (rules === undefined) throw venueErrors.invalidSymbol()
  return rules
}

/** Returns a symbol's last price, or undefined before anything traded. */
export async function lastPriceOf(context: Pick<PaperContext, 'exchange' | 'tape'>, symbol: string): Promise<Decimal | undefined> {
  const traded = context.tape.lastTrade(symbol)
  if (traded !== undefined) return traded.price
  try {
    return await context.exchange.lastPrice(symbol)
  } catch {
    return undefined
  }
}
