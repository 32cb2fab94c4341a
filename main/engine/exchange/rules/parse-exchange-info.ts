import { ExchangeInfoFormatError } from './exchange-info-format-error'
import {
  FieldError,
  isRawObject,
  readBoolean,
  readCount,
  readString,
  readStringList,
  type RawObject
} from './field-readers'
import { parseExchangeFilters, parseSymbolFilters } from './parse-filters'
import { ParseNoteCollector } from './parse-note-collector'
import {
  KNOWN_ORDER_TYPES,
  KNOWN_STP_MODES,
  KNOWN_SYMBOL_STATUSES,
  type ExchangeRules,
  type RateLimit,
  type SymbolCapabilities,
  type SymbolRules
} from './symbol-rules'

const CAPABILITY_FLAGS = [
  'icebergAllowed',
  'ocoAllowed',
  'otoAllowed',
  'opoAllowed',
  'quoteOrderQtyMarketAllowed',
  'allowTrailingStop',
  'cancelReplaceAllowed',
  'amendAllowed',
  'pegInstructionsAllowed',
  'isSpotTradingAllowed',
  'isMarginTradingAllowed'
] as const satisfies readonly (keyof SymbolCapabilities)[]

const KNOWN_SYMBOL_FIELDS = new Set<string>([
  'symbol',
  'status',
  'baseAsset',
  'baseAssetPrecision',
  'quoteAsset',
  'quotePrecision',
  'quoteAssetPrecision',
  'baseCommissionPrecision',
  'quoteCommissionPrecision',
  'orderTypes',
  'filters',
  'permissions',
  'permissionSets',
  'defaultSelfTradePreventionMode',
  'allowedSelfTradePreventionModes',
  ...CAPABILITY_FLAGS
])

const KNOWN_TOP_FIELDS = new Set(['timezone', 'serverTime', 'rateLimits', 'exchangeFilters', 'symbols', 'sors'])

/**
 * Parses an exchangeInfo response of any era (legacy, modern, 2026) into exchange rules.
 *
 * Unknown fields, filter types and enum values never fail the parse: they are kept and reported
 * in `notes`. A symbol whose known filters are malformed is left out and reported as an error
 * note, because trading it on guessed rules would be unsafe. Only a payload that is not an
 * exchangeInfo object at all throws ExchangeInfoFormatError.
 */
export function parseExchangeInfo(payload: unknown): ExchangeRules {
  if (!isRawObject(payload)) {
    throw new ExchangeInfoFormatError('exchangeInfo must be a JSON object')
  }
  if (!Array.isArray(payload['symbols'])) {
    throw new ExchangeInfoFormatError('exchangeInfo has no "symbols" list')
  }
  const notes = new ParseNoteCollector()
  for (const field of Object.keys(payload)) {
    if (!KNOWN_TOP_FIELDS.has(field)) {
      notes.add({ severity: 'info', kind: 'unknown-field', subject: field, message: `unknown top-level field "${field}" kept` })
    }
  }

  const { filters: exchangeFilters, unknownFilters: unknownExchangeFilters } = readExchangeFilters(payload, notes)

  const symbols = new Map<string, SymbolRules>()
  payload['symbols'].forEach((raw: unknown, index: number) => {
    const label = isRawObject(raw) && typeof raw['symbol'] === 'string' ? raw['symbol'] : `symbols[${index}]`
    try {
      const rules = parseSymbol(raw, label, notes)
      symbols.set(rules.symbol, rules)
    } catch (error) {
      if (!(error instanceof FieldError)) throw error
      notes.add({ severity: 'error', kind: 'invalid-symbol', subject: label, message: error.message }, label)
    }
  })

  return {
    ...(typeof payload['timezone'] === 'string' ? { timezone: payload['timezone'] } : {}),
    ...(typeof payload['serverTime'] === 'number' ? { serverTimeMs: payload['serverTime'] } : {}),
    rateLimits: parseRateLimits(payload['rateLimits']),
    exchangeFilters,
    unknownExchangeFilters,
    symbols,
    notes: notes.list()
  }
}

function readExchangeFilters(payload: RawObject, notes: ParseNoteCollector) {
  try {
    const parsed = parseExchangeFilters(payload['exchangeFilters'], 'exchangeFilters')
    for (const unknown of parsed.unknownFilters) {
      notes.add({
        severity: 'info',
        kind: 'unknown-filter',
        subject: unknown.filterType,
        message: `unknown exchange filter ${unknown.filterType} kept and not enforced`
      })
    }
    return parsed
  } catch (error) {
    if (!(error instanceof FieldError)) throw error
    // Without the account-wide limits every order count check would be guesswork
    throw new ExchangeInfoFormatError(`exchangeFilters are malformed: ${error.message}`, { cause: error })
  }
}

function parseSymbol(raw: unknown, label: string, notes: ParseNoteCollector): SymbolRules {
  if (!isRawObject(raw)) throw new FieldError(`${label} is not an object`)
  const symbol = readString(raw, 'symbol', label)
  const status = readString(raw, 'status', symbol)
  const orderTypes = readStringList(raw, 'orderTypes', symbol)
  const allowedStp = readStringList(raw, 'allowedSelfTradePreventionModes', symbol)
  const parsedFilters = parseSymbolFilters(raw['filters'], `${symbol}.filters`)

  noteUnknownValues(notes, symbol, 'status', [status], KNOWN_SYMBOL_STATUSES)
  noteUnknownValues(notes, symbol, 'orderTypes', orderTypes, KNOWN_ORDER_TYPES)
  noteUnknownValues(notes, symbol, 'allowedSelfTradePreventionModes', allowedStp, KNOWN_STP_MODES)
  for (const unknown of parsedFilters.unknownFilters) {
    notes.add(
      {
        severity: 'info',
        kind: 'unknown-filter',
        subject: unknown.filterType,
        message: `unknown filter ${unknown.filterType} kept and not enforced`
      },
      symbol
    )
  }
  for (const field of parsedFilters.unknownFields) {
    notes.add({ severity: 'info', kind: 'unknown-field', subject: field, message: `unknown filter field ${field} kept` }, symbol)
  }
  const extraFields: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(raw)) {
    if (KNOWN_SYMBOL_FIELDS.has(field)) continue
    extraFields[field] = value
    notes.add({ severity: 'info', kind: 'unknown-field', subject: field, message: `unknown symbol field "${field}" kept` }, symbol)
  }

  const capabilities: Partial<Record<keyof SymbolCapabilities, boolean>> = {}
  for (const flag of CAPABILITY_FLAGS) {
    if (raw[flag] !== undefined) capabilities[flag] = readBoolean(raw, flag, symbol, false)
  }
  const defaultStp = raw['defaultSelfTradePreventionMode']
  // quotePrecision is the legacy name of quoteAssetPrecision and is dropped from newer responses
  const quoteAssetPrecision =
    raw['quoteAssetPrecision'] !== undefined
      ? readCount(raw, 'quoteAssetPrecision', symbol)
      : readCount(raw, 'quotePrecision', symbol)

  return {
    symbol,
    status,
    baseAsset: readString(raw, 'baseAsset', symbol),
    quoteAsset: readString(raw, 'quoteAsset', symbol),
    baseAssetPrecision: readCount(raw, 'baseAssetPrecision', symbol),
    quoteAssetPrecision,
    ...optionalCount(raw, 'baseCommissionPrecision', symbol),
    ...optionalCount(raw, 'quoteCommissionPrecision', symbol),
    orderTypes,
    capabilities,
    permissions: readStringList(raw, 'permissions', symbol),
    permissionSets: readPermissionSets(raw, symbol),
    ...(typeof defaultStp === 'string' ? { defaultSelfTradePreventionMode: defaultStp } : {}),
    allowedSelfTradePreventionModes: allowedStp,
    filters: parsedFilters.filters,
    unknownFilters: parsedFilters.unknownFilters,
    extraFields
  }
}

function noteUnknownValues(
  notes: ParseNoteCollector,
  symbol: string,
  field: string,
  values: readonly string[],
  known: readonly string[]
): void {
  for (const value of values) {
    if (known.includes(value)) continue
    notes.add({ severity: 'info', kind: 'unknown-enum', subject: `${field}=${value}`, message: `unknown ${field} value "${value}" kept` }, symbol)
  }
}

function optionalCount(raw: RawObject, field: 'baseCommissionPrecision' | 'quoteCommissionPrecision', symbol: string) {
  return raw[field] === undefined ? {} : { [field]: readCount(raw, field, symbol) }
}

function readPermissionSets(raw: RawObject, symbol: string): string[][] {
  const value = raw['permissionSets']
  if (value === undefined) return []
  if (!Array.isArray(value) || !value.every((set) => Array.isArray(set) && set.every((item) => typeof item === 'string'))) {
    throw new FieldError(`${symbol}.permissionSets must be a list of lists of strings`)
  }
  return value.map((set: string[]) => [...set])
}

function parseRateLimits(raw: unknown): RateLimit[] {
  if (!Array.isArray(raw)) return []
  return raw.filter(isRawObject).flatMap((entry) => {
    const { rateLimitType, interval, intervalNum, limit } = entry
    if (typeof rateLimitType !== 'string' || typeof interval !== 'string') return []
    if (typeof intervalNum !== 'number' || typeof limit !== 'number') return []
    return [{ rateLimitType, interval, intervalNum, limit }]
  })
}
