import type { Exchange } from '../port/exchange'
import type { ExchangeFilters, SymbolRules } from './symbol-rules'

/**
 * The current rules of the symbols in use, fetched from the exchange and refreshed on demand
 * (after a -1013 filter failure, and periodically by the caller).
 */
export class RulesSource {
  private readonly symbols = new Map<string, SymbolRules>()
  private filters: ExchangeFilters = {}

  constructor(private readonly exchange: Exchange) {}

  /** Fetches the rules of the given symbols from the exchange. */
  async refresh(symbols: readonly string[]): Promise<void> {
    const rules = await this.exchange.exchangeInfo(symbols)
    for (const symbol of symbols) {
      const entry = rules.symbols.get(symbol)
      if (entry === undefined) throw new Error(`the exchange has no rules for ${symbol}`)
      this.symbols.set(symbol, entry)
    }
    this.filters = rules.exchangeFilters
  }

  /** Tells whether a symbol's rules were fetched. */
  has(symbol: string): boolean {
    return this.symbols.has(symbol)
  }

  /** Returns a symbol's rules; throws if they were never fetched (a wiring error). */
  get(symbol: string): SymbolRules {
    const rules = this.symbols.get(symbol)
    if (rules === undefined) throw new Error(`rules of ${symbol} were not loaded`)
    return rules
  }

  /** Returns the account-wide exchange filters. */
  exchangeFilters(): ExchangeFilters {
    return this.filters
  }
}
