import type { SymbolRules } from '../rules'
import { PaperApiError } from './paper-api-error'
import { symbolRules, type PaperContext } from './paper-context'
import type { ParamReader } from './param-reader'

/** Which symbols a market-data request asked for: one (answered with an object) or several (an array). */
export type SymbolSelection = { readonly single: true; readonly symbols: readonly [SymbolRules] } | { readonly single: false; readonly symbols: readonly SymbolRules[] }

/**
 * Reads `symbol` or `symbols` (a JSON array, e.g. `["BTCUSDT","ETHUSDT"]`); neither means every
 * symbol. Both at once is -1128; an unknown symbol -1121; a malformed list -1100.
 */
export function selectSymbols(params: ParamReader, context: Pick<PaperContext, 'rules'>): SymbolSelection {
  const symbol = params.optional('symbol')
  const list = params.optional('symbols')
  if (symbol !== undefined && list !== undefined) throw new PaperApiError(400, -1128, 'Combination of optional parameters invalid.')
  if (symbol !== undefined) return { single: true, symbols: [symbolRules(context, symbol)] }
  if (list === undefined) return { single: false, symbols: [...context.rules.symbols.values()] }
  let names: unknown
  try {
    names = JSON.parse(list)
  } catch {
    throw new PaperApiError(400, -1100, "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.")
  }
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) throw new PaperApiError(400, -1100, "Illegal characters found in parameter 'symbols'.")
  if (new Set(names).size !== names.length) throw new PaperApiError(400, -1151, 'Symbol is present multiple times in the list.')
  return { single: false, symbols: (names as string[]).map((name) => symbolRules(context, name)) }
}

/** Returns how many symbols a request names, for weights that depend on it (undefined: all). */
export function namedSymbolCount(params: ParamReader): number | undefined {
  if (params.optional('symbol') !== undefined) return 1
  const list = params.optional('symbols')
  if (list === undefined) return undefined
  try {
    const names: unknown = JSON.parse(list)
    return Array.isArray(names) ? names.length : 1
  } catch {
    return 1
  }
}
