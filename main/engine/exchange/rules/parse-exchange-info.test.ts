import { describe, expect, it } from 'vitest'
import { ExchangeInfoFormatError } from './exchange-info-format-error'
import legacy from './fixtures/exchange-info-legacy.json'
import modern from './fixtures/exchange-info-modern.json'
import era2026 from './fixtures/exchange-info-2026.json'
import { parseExchangeInfo } from './parse-exchange-info'
import { rawSymbol } from './stubs'

function symbolOf(payload: unknown, name: string) {
  const rules = parseExchangeInfo(payload).symbols.get(name)
  if (rules === undefined) throw new Error(`${name} missing`)
  return rules
}

describe('parseExchangeInfo, legacy responses', () => {
  it('reads MIN_NOTIONAL, PERCENT_PRICE, MAX_POSITION and flat permissions', () => {
    const rules = symbolOf(legacy, 'LEGUSDT')
    expect(rules.filters.minNotional?.minNotional.toFixed()).toBe('10')
    expect(rules.filters.minNotional?.applyToMarket).toBe(true)
    expect(rules.filters.percentPrice?.multiplierUp.toFixed()).toBe('5')
    expect(rules.filters.percentPrice?.multiplierDown.toFixed()).toBe('0.2')
    expect(rules.filters.maxPosition?.toFixed()).toBe('99999999')
    expect(rules.filters.priceFilter?.tickSize.toFixed()).toBe('0.001')
    expect(rules.permissions).toEqual(['LEVERAGED'])
    expect(rules.permissionSets).toEqual([])
    expect(rules.filters.notional).toBeUndefined()
  })

  it('keeps BREAK symbols and symbols without MARKET_LOT_SIZE, with no notes', () => {
    const parsed = parseExchangeInfo(legacy)
    const old = parsed.symbols.get('OLDBTC')
    expect(old?.status).toBe('BREAK')
    expect(old?.filters.marketLotSize).toBeUndefined()
    expect(parsed.rateLimits).toHaveLength(3)
    expect(parsed.notes).toEqual([])
  })
})

describe('parseExchangeInfo, modern responses', () => {
  it('reads NOTIONAL, PERCENT_PRICE_BY_SIDE, TRAILING_DELTA, permission sets and STP modes', () => {
    const rules = symbolOf(modern, 'BTCUSDT')
    expect(rules.filters.notional).toMatchObject({ applyMinToMarket: true, applyMaxToMarket: false, avgPriceMins: 5 })
    expect(rules.filters.notional?.minNotional.toFixed()).toBe('5')
    expect(rules.filters.notional?.maxNotional.toFixed()).toBe('9000000')
    expect(rules.filters.percentPriceBySide?.bidMultiplierDown.toFixed()).toBe('0.2')
    expect(rules.filters.trailingDelta?.maxTrailingBelowDelta).toBe(2000)
    expect(rules.filters.marketLotSize?.maxQty.toFixed()).toBe('129.84957276')
    expect(rules.permissionSets).toEqual([['SPOT']])
    expect(rules.capabilities.otoAllowed).toBe(true)
    expect(rules.capabilities.opoAllowed).toBeUndefined()
    expect(rules.defaultSelfTradePreventionMode).toBe('EXPIRE_MAKER')
    expect(rules.allowedSelfTradePreventionModes).toContain('EXPIRE_BOTH')
    expect(parseExchangeInfo(modern).notes).toEqual([])
  })
})

describe('parseExchangeInfo, 2026 responses', () => {
  const parsed = parseExchangeInfo(era2026)

  it('reads the new flags, filters and exchange filters', () => {
    const rules = symbolOf(era2026, 'TSLABUSDT')
    expect(rules.capabilities).toMatchObject({ opoAllowed: true, amendAllowed: true, pegInstructionsAllowed: true })
    expect(rules.filters.maxNumOrderLists).toBe(20)
    expect(rules.filters.maxNumOrderAmends).toBe(10)
    expect(rules.filters.icebergParts).toBe(100)
    expect(rules.filters.percentPriceBySide?.askMultiplierUp.toFixed()).toBe('1.2')
    expect(parsed.exchangeFilters).toEqual({ maxNumOrders: 1000, maxNumAlgoOrders: 200, maxNumIcebergOrders: 10000, maxNumOrderLists: 20 })
    expect(parsed.serverTimeMs).toBe(1790401500000)
  })

  it('keeps unknown filters, fields and enum values and reports each', () => {
    const rules = symbolOf(era2026, 'TSLABUSDT')
    expect(rules.unknownFilters).toEqual([{ filterType: 'T_PLUS_SELL', raw: { filterType: 'T_PLUS_SELL', endTime: 1790500000000 } }])
    expect(rules.extraFields).toEqual({ futureFlag: true })
    expect(parsed.unknownExchangeFilters.map((f) => f.filterType)).toEqual(['EXCHANGE_FUTURE_THING'])
    const subjects = parsed.notes.map((note) => `${note.kind}:${note.subject}`)
    expect(subjects).toEqual(
      expect.arrayContaining([
        'unknown-filter:T_PLUS_SELL',
        'unknown-filter:EXCHANGE_FUTURE_THING',
        'unknown-field:futureFlag',
        'unknown-enum:orderTypes=PEGGED_LIMIT',
        'unknown-enum:allowedSelfTradePreventionModes=SOMETHING_NEW'
      ])
    )
  })

  it('knows CANCEL_ONLY and keeps its unknown order types', () => {
    const halted = symbolOf(era2026, 'HALTUSDT')
    expect(halted.status).toBe('CANCEL_ONLY')
    expect(halted.orderTypes).toContain('PEGGED_LIMIT')
    expect(parsed.notes.some((note) => note.subject === 'status=CANCEL_ONLY')).toBe(false)
  })

  it('leaves out a symbol with a malformed known filter and says which value is wrong', () => {
    expect(parsed.symbols.has('BROKENUSDT')).toBe(false)
    const note = parsed.notes.find((entry) => entry.kind === 'invalid-symbol')
    expect(note?.severity).toBe('error')
    expect(note?.message).toContain('BROKENUSDT.filters.PRICE_FILTER.tickSize')
    expect(note?.message).toContain('a penny')
    expect(parsed.notes[0]?.severity).toBe('error')
    expect(parsed.symbols.size).toBe(2)
  })
})

describe('parseExchangeInfo, robustness', () => {
  it('merges a finding repeated across symbols into one note with a count', () => {
    const symbols = ['AUSDT', 'BUSDT', 'CUSDT'].map((symbol) => rawSymbol([], { symbol, newField: 1 }))
    const notes = parseExchangeInfo({ symbols }).notes
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatchObject({ kind: 'unknown-field', subject: 'newField', count: 3, examples: ['AUSDT', 'BUSDT', 'CUSDT'] })
  })

  it('notes unknown fields inside known filters', () => {
    const payload = { symbols: [rawSymbol([{ filterType: 'LOT_SIZE', minQty: '1', maxQty: '2', stepSize: '1', extra: 'x' }])] }
    expect(parseExchangeInfo(payload).notes.map((note) => note.subject)).toEqual(['LOT_SIZE.extra'])
  })

  it('falls back to the legacy quotePrecision when quoteAssetPrecision is absent', () => {
    const raw = rawSymbol([], { quoteAssetPrecision: undefined, quotePrecision: 6 })
    expect(symbolOf({ symbols: [raw] }, 'TESTUSDT').quoteAssetPrecision).toBe(6)
  })

  it.each([
    ['a list', [], 'exchangeInfo must be a JSON object'],
    ['null', null, 'exchangeInfo must be a JSON object'],
    ['an object without symbols', { timezone: 'UTC' }, 'exchangeInfo has no "symbols" list'],
    ['malformed exchange filters', { symbols: [], exchangeFilters: [{ filterType: 'EXCHANGE_MAX_NUM_ORDERS', maxNumOrders: -1 }] }, 'exchangeFilters are malformed']
  ])('refuses %s with a clear error', (_label, payload, message) => {
    expect(() => parseExchangeInfo(payload)).toThrow(ExchangeInfoFormatError)
    expect(() => parseExchangeInfo(payload)).toThrow(message)
  })

  it('refuses negative, exponent and missing values in known filters', () => {
    for (const bad of ['-1', '1e-8', undefined, 'NaN']) {
      const payload = { symbols: [rawSymbol([{ filterType: 'LOT_SIZE', minQty: bad, maxQty: '2', stepSize: '1' }])] }
      const parsed = parseExchangeInfo(payload)
      expect(parsed.symbols.size).toBe(0)
      expect(parsed.notes[0]?.message).toContain('TESTUSDT.filters.LOT_SIZE.minQty')
    }
  })
})
