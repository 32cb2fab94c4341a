import type { Exchange } from '../port/exchange'
import type { ExchangeFilters, SymbolRules } from './symbol-rules'

/**
 * The current rules of the symbols in use, fetched from the exchange and refreshed on demand
 * (after a -1013 filter failure) and when older than the caller allows (`refreshStale`, on every
 * reconciliation pass), so a changed tick, lot step or trading status is seen while bots run.
 */
export class RulesSource {
  private readonly symbols = new Map<string, SymbolRules>()
  private readonly fetchedAtMs = new Map<string, number>()
  private filters: ExchangeFilters = {}

  /** @param nowMs the engine's clock, for the age of the rules */
  constructor(
    private readonly exchange: Exchange,
    private readonly nowMs: () => number = () => Date.now()
  ) {}

  /** Fetches the rules of the given symbols from the exchange. */
  async refresh(symbols: readonly string[]): Promise<void> {
    const rules = await this.exchange.exchangeInfo(symbols)
    const now = this.nowMs()
    for (const symbol of symbols) {
      const entry = rules.symbols.get(symbol)
      if (entry === undefined) throw new Error(`the exchange has no rules for ${symbol}`)
      this.symbols.set(symbol, entry)
      this.fetchedAtMs.set(symbol, now)
    }
    this.filters = rules.exchangeFilters
  }

  /** Fetches again the rules of those symbols that were fetched more than `maxAgeMs` ago (or never); returns the symbols refreshed. */
  async refreshStale(symbols: readonly string[], maxAgeMs: number): Promise<readonly string[]> {
    const now = this.nowMs()
    const stale = symbols.filter((symbol) => now - (this.fetchedAtMs.get(symbol) ?? Number.NEGATIVE_INFINITY) >= maxAgeMs)
    if (stale.length > 0) await this.refresh(stale)
    return stale
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
