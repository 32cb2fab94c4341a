import { ExchangeInfoFormatError, parseExchangeInfo, type ExchangeRules, type SymbolRules } from '../../engine/exchange/rules'
import type { CliIo } from '../cli-io'
import { CliUsageError } from '../cli-usage-error'
import { readOptionJson } from '../read-input-file'

/** A symbol's rules with the exchange-wide ones they came with. */
export interface LoadedSymbol {
  readonly rules: SymbolRules
  readonly exchange: ExchangeRules
}

/** Reads an exchangeInfo file and returns one symbol's rules, or throws a CliUsageError saying why not. */
export async function loadSymbolRules(io: CliIo, path: string, symbol: string): Promise<LoadedSymbol> {
  const payload = await readOptionJson(io, path, '--exchange-info')
  let exchange: ExchangeRules
  try {
    exchange = parseExchangeInfo(payload)
  } catch (error) {
    if (error instanceof ExchangeInfoFormatError) throw new CliUsageError(`--exchange-info ${path}: ${error.message}`, { cause: error })
    throw error
  }
  const rules = exchange.symbols.get(symbol) ?? exchange.symbols.get(symbol.toUpperCase())
  if (rules !== undefined) return { rules, exchange }
  const refused = exchange.notes.find((note) => note.kind === 'invalid-symbol' && note.subject.toUpperCase() === symbol.toUpperCase())
  if (refused !== undefined) throw new CliUsageError(`symbol ${symbol} in ${path} has unusable rules: ${refused.message}`)
  throw new CliUsageError(`symbol ${symbol} is not in ${path} (${exchange.symbols.size} symbols)`)
}
