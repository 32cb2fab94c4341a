import { Decimal } from '@shared/money/decimal'
import {
  FieldError,
  isRawObject,
  readBoolean,
  readCount,
  readDecimal,
  readOptionalCount,
  type RawObject
} from './field-readers'
import type { ExchangeFilters, SymbolFilters, UnknownFilter } from './symbol-rules'

type MutableSymbolFilters = { -readonly [K in keyof SymbolFilters]: SymbolFilters[K] }
type MutableExchangeFilters = { -readonly [K in keyof ExchangeFilters]: ExchangeFilters[K] }

/** One known filter type: the fields it has and how to store it. */
interface FilterSpec<Target> {
  readonly fields: readonly string[]
  readonly apply: (raw: RawObject, owner: string, target: Target) => void
}

/** Keys of a filter target that hold a count. */
type CountKey<Target> = { [K in keyof Target]-?: Target[K] extends number | undefined ? K : never }[keyof Target]

/** A filter with one count field, stored under `key`. */
function countFilter<Target>(field: string, key: CountKey<Target>): FilterSpec<Target> {
  return {
    fields: [field],
    apply: (raw, owner, target) => {
      target[key] = readCount(raw, field, owner) as Target[CountKey<Target>]
    }
  }
}

const SYMBOL_FILTERS: Readonly<Record<string, FilterSpec<MutableSymbolFilters>>> = {
  PRICE_FILTER: {
    fields: ['minPrice', 'maxPrice', 'tickSize'],
    apply: (raw, owner, target) => {
      target.priceFilter = {
        minPrice: readDecimal(raw, 'minPrice', owner),
        maxPrice: readDecimal(raw, 'maxPrice', owner),
        tickSize: readDecimal(raw, 'tickSize', owner)
      }
    }
  },
  PERCENT_PRICE: {
    fields: ['multiplierUp', 'multiplierDown', 'avgPriceMins'],
    apply: (raw, owner, target) => {
      target.percentPrice = {
        multiplierUp: readDecimal(raw, 'multiplierUp', owner),
        multiplierDown: readDecimal(raw, 'multiplierDown', owner),
        avgPriceMins: readOptionalCount(raw, 'avgPriceMins', owner, 0)
      }
    }
  },
  PERCENT_PRICE_BY_SIDE: {
    fields: ['bidMultiplierUp', 'bidMultiplierDown', 'askMultiplierUp', 'askMultiplierDown', 'avgPriceMins'],
    apply: (raw, owner, target) => {
      target.percentPriceBySide = {
        bidMultiplierUp: readDecimal(raw, 'bidMultiplierUp', owner),
        bidMultiplierDown: readDecimal(raw, 'bidMultiplierDown', owner),
        askMultiplierUp: readDecimal(raw, 'askMultiplierUp', owner),
        askMultiplierDown: readDecimal(raw, 'askMultiplierDown', owner),
        avgPriceMins: readOptionalCount(raw, 'avgPriceMins', owner, 0)
      }
    }
  },
  LOT_SIZE: {
    fields: ['minQty', 'maxQty', 'stepSize'],
    apply: (raw, owner, target) => {
      target.lotSize = readLotSize(raw, owner)
    }
  },
  MARKET_LOT_SIZE: {
    fields: ['minQty', 'maxQty', 'stepSize'],
    apply: (raw, owner, target) => {
      target.marketLotSize = readLotSize(raw, owner)
    }
  },
  MIN_NOTIONAL: {
    fields: ['minNotional', 'applyToMarket', 'avgPriceMins'],
    apply: (raw, owner, target) => {
      target.minNotional = {
        minNotional: readDecimal(raw, 'minNotional', owner),
        // Responses from before applyToMarket existed applied the minimum to every order
        applyToMarket: readBoolean(raw, 'applyToMarket', owner, true),
        avgPriceMins: readOptionalCount(raw, 'avgPriceMins', owner, 0)
      }
    }
  },
  NOTIONAL: {
    fields: ['minNotional', 'applyMinToMarket', 'maxNotional', 'applyMaxToMarket', 'avgPriceMins'],
    apply: (raw, owner, target) => {
      target.notional = {
        minNotional: readDecimal(raw, 'minNotional', owner),
        applyMinToMarket: readBoolean(raw, 'applyMinToMarket', owner, true),
        maxNotional: raw['maxNotional'] === undefined ? new Decimal(0) : readDecimal(raw, 'maxNotional', owner),
        applyMaxToMarket: readBoolean(raw, 'applyMaxToMarket', owner, false),
        avgPriceMins: readOptionalCount(raw, 'avgPriceMins', owner, 0)
      }
    }
  },
  ICEBERG_PARTS: countFilter('limit', 'icebergParts'),
  MAX_NUM_ORDERS: countFilter('maxNumOrders', 'maxNumOrders'),
  MAX_NUM_ALGO_ORDERS: countFilter('maxNumAlgoOrders', 'maxNumAlgoOrders'),
  MAX_NUM_ICEBERG_ORDERS: countFilter('maxNumIcebergOrders', 'maxNumIcebergOrders'),
  MAX_NUM_ORDER_LISTS: countFilter('maxNumOrderLists', 'maxNumOrderLists'),
  MAX_NUM_ORDER_AMENDS: countFilter('maxNumOrderAmends', 'maxNumOrderAmends'),
  MAX_POSITION: {
    fields: ['maxPosition'],
    apply: (raw, owner, target) => {
      target.maxPosition = readDecimal(raw, 'maxPosition', owner)
    }
  },
  TRAILING_DELTA: {
    fields: ['minTrailingAboveDelta', 'maxTrailingAboveDelta', 'minTrailingBelowDelta', 'maxTrailingBelowDelta'],
    apply: (raw, owner, target) => {
      target.trailingDelta = {
        minTrailingAboveDelta: readCount(raw, 'minTrailingAboveDelta', owner),
        maxTrailingAboveDelta: readCount(raw, 'maxTrailingAboveDelta', owner),
        minTrailingBelowDelta: readCount(raw, 'minTrailingBelowDelta', owner),
        maxTrailingBelowDelta: readCount(raw, 'maxTrailingBelowDelta', owner)
      }
    }
  }
}

const EXCHANGE_FILTERS: Readonly<Record<string, FilterSpec<MutableExchangeFilters>>> = {
  EXCHANGE_MAX_NUM_ORDERS: countFilter('maxNumOrders', 'maxNumOrders'),
  EXCHANGE_MAX_NUM_ALGO_ORDERS: countFilter('maxNumAlgoOrders', 'maxNumAlgoOrders'),
  EXCHANGE_MAX_NUM_ICEBERG_ORDERS: countFilter('maxNumIcebergOrders', 'maxNumIcebergOrders'),
  EXCHANGE_MAX_NUM_ORDER_LISTS: countFilter('maxNumOrderLists', 'maxNumOrderLists')
}

/** What parsing a filter list produced, besides the filters themselves. */
export interface ParsedFilterList<Target> {
  readonly filters: Target
  readonly unknownFilters: UnknownFilter[]
  /** Field names (as `FILTER.field`) present in known filters but not known to Gridkeeper. */
  readonly unknownFields: string[]
  /** Filter types that appeared more than once (the last one wins, as on the exchange). */
  readonly duplicates: string[]
}

/** Parses a symbol's `filters` array; throws FieldError when a known filter is malformed. */
export function parseSymbolFilters(raw: unknown, owner: string): ParsedFilterList<SymbolFilters> {
  return parseFilterList<MutableSymbolFilters>(raw, owner, SYMBOL_FILTERS)
}

/** Parses the top-level `exchangeFilters` array; throws FieldError when a known one is malformed. */
export function parseExchangeFilters(raw: unknown, owner: string): ParsedFilterList<ExchangeFilters> {
  return parseFilterList<MutableExchangeFilters>(raw, owner, EXCHANGE_FILTERS)
}

function parseFilterList<Target extends object>(
  raw: unknown,
  owner: string,
  specs: Readonly<Record<string, FilterSpec<Target>>>
): ParsedFilterList<Target> {
  const filters = {} as Target
  const result: ParsedFilterList<Target> = { filters, unknownFilters: [], unknownFields: [], duplicates: [] }
  if (raw === undefined) return result
  if (!Array.isArray(raw)) throw new FieldError(`${owner} must be a list of filters`)
  const seen = new Set<string>()
  for (const entry of raw) {
    if (!isRawObject(entry) || typeof entry['filterType'] !== 'string') {
      throw new FieldError(`${owner} has an entry without a filterType`)
    }
    const filterType = entry['filterType']
    const spec = Object.hasOwn(specs, filterType) ? specs[filterType] : undefined
    if (spec === undefined) {
      result.unknownFilters.push({ filterType, raw: entry })
      continue
    }
    if (seen.has(filterType)) result.duplicates.push(filterType)
    seen.add(filterType)
    spec.apply(entry, `${owner}.${filterType}`, filters)
    for (const field of Object.keys(entry)) {
      if (field !== 'filterType' && !spec.fields.includes(field)) result.unknownFields.push(`${filterType}.${field}`)
    }
  }
  return result
}

function readLotSize(raw: RawObject, owner: string) {
  return {
    minQty: readDecimal(raw, 'minQty', owner),
    maxQty: readDecimal(raw, 'maxQty', owner),
    stepSize: readDecimal(raw, 'stepSize', owner)
  }
}
