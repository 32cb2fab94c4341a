import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import type { OrderContext, OrderRequest } from './order-request'
import { BTCUSDT_FILTERS, symbolRules, type RawFilter } from './stubs'
import { validateOrder } from './validate-order'

const d = (value: string) => new Decimal(value)

function limit(side: 'BUY' | 'SELL', price: string, quantity: string): OrderRequest {
  return { side, type: 'LIMIT', price: d(price), quantity: d(quantity) }
}

/** Returns "FILTER.rule" for each violation, to compare exactly. */
function broken(filters: readonly RawFilter[], order: OrderRequest, context: OrderContext = {}, overrides = {}): string[] {
  return validateOrder(symbolRules(filters, overrides), order, context).violations.map((v) => `${v.filter}.${v.rule}`)
}

const PRICE = [{ filterType: 'PRICE_FILTER', minPrice: '0.01', maxPrice: '1000', tickSize: '0.01' }]

describe('PRICE_FILTER', () => {
  it.each([
    ['0.01', []],
    ['0.009', ['PRICE_FILTER.minPrice', 'PRICE_FILTER.tickSize']],
    ['0.00', ['PARAMETER.positive']],
    ['1000', []],
    ['1000.01', ['PRICE_FILTER.maxPrice']],
    ['12.345', ['PRICE_FILTER.tickSize']],
    ['12.34', []]
  ])('price %s breaks %j', (price, expected) => {
    expect(broken(PRICE, limit('BUY', price, '1'))).toEqual(expected)
  })

  it('checks stopPrice with the same rules', () => {
    const order: OrderRequest = { side: 'SELL', type: 'STOP_LOSS_LIMIT', price: d('10'), stopPrice: d('1000.005'), quantity: d('1') }
    expect(broken(PRICE, order)).toEqual(['PRICE_FILTER.maxPrice', 'PRICE_FILTER.tickSize'])
  })

  it('treats each zero part as disabled', () => {
    const zero = [{ filterType: 'PRICE_FILTER', minPrice: '0', maxPrice: '0', tickSize: '0' }]
    expect(broken(zero, limit('BUY', '0.00000001', '1'))).toEqual([])
    expect(broken(zero, limit('BUY', '99999999.12345678', '1'))).toEqual([])
    const tickOnly = [{ filterType: 'PRICE_FILTER', minPrice: '0', maxPrice: '0', tickSize: '0.5' }]
    expect(broken(tickOnly, limit('BUY', '2.5', '1'))).toEqual([])
    expect(broken(tickOnly, limit('BUY', '2.25', '1'))).toEqual(['PRICE_FILTER.tickSize'])
  })

  it('names the filter, the value and the limit in the message', () => {
    const [violation] = validateOrder(symbolRules(PRICE), limit('BUY', '1000.01', '1')).violations
    expect(violation).toMatchObject({ filter: 'PRICE_FILTER', field: 'price', value: '1000.01', limit: '1000' })
    expect(violation?.message).toBe('PRICE_FILTER: price 1000.01 is above maxPrice 1000')
  })
})

describe('PERCENT_PRICE', () => {
  const filters = [{ filterType: 'PERCENT_PRICE', multiplierUp: '5', multiplierDown: '0.2', avgPriceMins: 5 }]
  const context = { referencePrice: d('100') }

  it.each([
    ['20', []],
    ['19.99', ['PERCENT_PRICE.multiplierDown']],
    ['500', []],
    ['500.01', ['PERCENT_PRICE.multiplierUp']]
  ])('price %s against reference 100 breaks %j', (price, expected) => {
    expect(broken(filters, limit('SELL', price, '1'), context)).toEqual(expected)
  })

  it('is listed as unchecked without a reference price, never guessed', () => {
    const result = validateOrder(symbolRules(filters), limit('BUY', '1', '1'))
    expect(result.ok).toBe(true)
    expect(result.unchecked).toEqual([{ filter: 'PERCENT_PRICE', reason: 'needs the reference or average price' }])
  })

  it('does not apply to MARKET orders', () => {
    expect(broken(filters, { side: 'BUY', type: 'MARKET', quantity: d('1') }, context)).toEqual([])
  })

  it('reads a zero multiplierUp as no upper bound', () => {
    const open = [{ filterType: 'PERCENT_PRICE', multiplierUp: '0', multiplierDown: '0.2', avgPriceMins: 5 }]
    expect(broken(open, limit('SELL', '100000', '1'), context)).toEqual([])
  })
})

describe('PERCENT_PRICE_BY_SIDE', () => {
  const filters = [
    { filterType: 'PERCENT_PRICE_BY_SIDE', bidMultiplierUp: '1.1', bidMultiplierDown: '0.8', askMultiplierUp: '1.2', askMultiplierDown: '0.9', avgPriceMins: 5 }
  ]
  const context = { referencePrice: d('100') }

  it.each([
    ['BUY', '110', []],
    ['BUY', '110.01', ['PERCENT_PRICE_BY_SIDE.bidMultiplierUp']],
    ['BUY', '80', []],
    ['BUY', '79.99', ['PERCENT_PRICE_BY_SIDE.bidMultiplierDown']],
    ['SELL', '120', []],
    ['SELL', '120.01', ['PERCENT_PRICE_BY_SIDE.askMultiplierUp']],
    ['SELL', '90', []],
    ['SELL', '89.99', ['PERCENT_PRICE_BY_SIDE.askMultiplierDown']]
  ] as const)('%s at %s breaks %j', (side, price, expected) => {
    expect(broken(filters, limit(side, price, '1'), context)).toEqual(expected)
  })
})

describe('LOT_SIZE and MARKET_LOT_SIZE', () => {
  const lot = { filterType: 'LOT_SIZE', minQty: '0.001', maxQty: '100', stepSize: '0.001' }
  const marketLot = { filterType: 'MARKET_LOT_SIZE', minQty: '0', maxQty: '50', stepSize: '0' }

  it.each([
    ['0.001', []],
    ['0.0009', ['LOT_SIZE.minQty', 'LOT_SIZE.stepSize']],
    ['100', []],
    ['100.001', ['LOT_SIZE.maxQty']],
    ['1.0005', ['LOT_SIZE.stepSize']]
  ])('quantity %s breaks %j', (quantity, expected) => {
    expect(broken([lot], limit('BUY', '1', quantity))).toEqual(expected)
  })

  it('applies MARKET_LOT_SIZE to MARKET orders only, with zero parts disabled', () => {
    expect(broken([lot, marketLot], { side: 'SELL', type: 'MARKET', quantity: d('50') })).toEqual([])
    expect(broken([lot, marketLot], { side: 'SELL', type: 'MARKET', quantity: d('50.001') })).toEqual(['MARKET_LOT_SIZE.maxQty'])
    expect(broken([lot, marketLot], limit('SELL', '1', '50.001'))).toEqual([])
  })

  it('checks icebergQty with LOT_SIZE', () => {
    expect(broken([lot], { ...limit('BUY', '1', '1'), icebergQty: d('0.0005') })).toEqual(['LOT_SIZE.minQty', 'LOT_SIZE.stepSize'])
  })

  it('cannot check the quantity of a quoteOrderQty MARKET order and says so', () => {
    const result = validateOrder(symbolRules([lot, marketLot]), { side: 'BUY', type: 'MARKET', quoteOrderQty: d('10') })
    expect(result.ok).toBe(true)
    expect(result.unchecked.map((entry) => entry.filter)).toEqual(['LOT_SIZE', 'MARKET_LOT_SIZE'])
  })

  it('treats a zero step as disabled', () => {
    const free = { filterType: 'LOT_SIZE', minQty: '0', maxQty: '0', stepSize: '0' }
    expect(broken([free], limit('BUY', '1', '0.12345678'))).toEqual([])
  })
})

describe('MIN_NOTIONAL (legacy)', () => {
  const filter = (applyToMarket: boolean) => [{ filterType: 'MIN_NOTIONAL', minNotional: '10', applyToMarket, avgPriceMins: 5 }]

  it('compares price × quantity with the minimum, boundary included', () => {
    expect(broken(filter(true), limit('BUY', '2', '5'))).toEqual([])
    expect(broken(filter(true), limit('BUY', '2', '4.99'))).toEqual(['MIN_NOTIONAL.minNotional'])
  })

  it('checks MARKET orders at the reference price only when applyToMarket', () => {
    const market: OrderRequest = { side: 'SELL', type: 'MARKET', quantity: d('1') }
    expect(broken(filter(true), market, { referencePrice: d('9.99') })).toEqual(['MIN_NOTIONAL.minNotional'])
    expect(broken(filter(true), market, { referencePrice: d('10') })).toEqual([])
    expect(broken(filter(false), market, { referencePrice: d('9.99') })).toEqual([])
    expect(validateOrder(symbolRules(filter(true)), market).unchecked.map((u) => u.filter)).toEqual(['MIN_NOTIONAL'])
  })
})

describe('NOTIONAL', () => {
  const filter = (applyMinToMarket: boolean, applyMaxToMarket: boolean, maxNotional = '1000') => [
    { filterType: 'NOTIONAL', minNotional: '5', applyMinToMarket, maxNotional, applyMaxToMarket, avgPriceMins: 5 }
  ]

  it.each([
    ['5', []],
    ['4.99', ['NOTIONAL.minNotional']],
    ['1000', []],
    ['1000.01', ['NOTIONAL.maxNotional']]
  ])('limit notional %s breaks %j', (price, expected) => {
    expect(broken(filter(true, false), limit('BUY', price, '1'))).toEqual(expected)
  })

  it('applies each bound to MARKET orders only when told', () => {
    const big: OrderRequest = { side: 'BUY', type: 'MARKET', quoteOrderQty: d('2000') }
    const small: OrderRequest = { side: 'BUY', type: 'MARKET', quoteOrderQty: d('1') }
    expect(broken(filter(true, false), big)).toEqual([])
    expect(broken(filter(true, true), big)).toEqual(['NOTIONAL.maxNotional'])
    expect(broken(filter(true, false), small)).toEqual(['NOTIONAL.minNotional'])
    expect(broken(filter(false, false), small)).toEqual([])
  })

  it('uses quantity × reference price for a MARKET order by quantity', () => {
    const order: OrderRequest = { side: 'SELL', type: 'MARKET', quantity: d('0.5') }
    expect(broken(filter(true, false), order, { referencePrice: d('9.98') })).toEqual(['NOTIONAL.minNotional'])
    expect(broken(filter(true, false), order, { referencePrice: d('10') })).toEqual([])
  })

  it('reads a zero maxNotional as no maximum', () => {
    expect(broken(filter(true, true, '0'), limit('BUY', '1000000', '1'))).toEqual([])
  })
})

describe('ICEBERG_PARTS', () => {
  const filters = [{ filterType: 'ICEBERG_PARTS', limit: 10 }]
  it('allows exactly the limit of parts and no more', () => {
    expect(broken(filters, { ...limit('BUY', '1', '1'), icebergQty: d('0.1') })).toEqual([])
    expect(broken(filters, { ...limit('BUY', '1', '1'), icebergQty: d('0.09') })).toEqual(['ICEBERG_PARTS.limit'])
  })
})

describe('open-order counts', () => {
  const filters = [
    { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
    { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
    { filterType: 'MAX_NUM_ICEBERG_ORDERS', maxNumIcebergOrders: 2 }
  ]
  const counts = { symbolOpenAlgoOrders: 0, symbolOpenIcebergOrders: 0 }

  it('allows the order that reaches MAX_NUM_ORDERS and refuses the one past it', () => {
    expect(broken(filters, limit('BUY', '1', '1'), { ...counts, symbolOpenOrders: 199 })).toEqual([])
    expect(broken(filters, limit('BUY', '1', '1'), { ...counts, symbolOpenOrders: 200 })).toEqual(['MAX_NUM_ORDERS.maxNumOrders'])
  })

  it('counts MAX_NUM_ALGO_ORDERS for stop and take-profit orders only', () => {
    const stop: OrderRequest = { side: 'SELL', type: 'STOP_LOSS_LIMIT', price: d('1'), stopPrice: d('1'), quantity: d('1') }
    const context = { symbolOpenOrders: 10, symbolOpenAlgoOrders: 5, symbolOpenIcebergOrders: 0 }
    expect(broken(filters, stop, context)).toEqual(['MAX_NUM_ALGO_ORDERS.maxNumAlgoOrders'])
    expect(broken(filters, limit('SELL', '1', '1'), context)).toEqual([])
  })

  it('counts MAX_NUM_ICEBERG_ORDERS for iceberg orders only', () => {
    const context = { symbolOpenOrders: 10, symbolOpenAlgoOrders: 0, symbolOpenIcebergOrders: 2 }
    expect(broken(filters, { ...limit('BUY', '1', '1'), icebergQty: d('0.5') }, context)).toEqual(['MAX_NUM_ICEBERG_ORDERS.maxNumIcebergOrders'])
    expect(broken(filters, limit('BUY', '1', '1'), context)).toEqual([])
  })

  it('checks the account-wide exchange filters from the context', () => {
    const context: OrderContext = { symbolOpenOrders: 0, accountOpenOrders: 1000, exchangeFilters: { maxNumOrders: 1000 } }
    expect(broken([], limit('BUY', '1', '1'), context)).toEqual(['EXCHANGE_MAX_NUM_ORDERS.maxNumOrders'])
    expect(broken([], limit('BUY', '1', '1'), { ...context, accountOpenOrders: 999 })).toEqual([])
  })

  it('lists a count it was not given as unchecked', () => {
    const result = validateOrder(symbolRules(filters), limit('BUY', '1', '1'))
    expect(result.unchecked.map((entry) => entry.filter)).toEqual(['MAX_NUM_ORDERS'])
  })
})

describe('MAX_POSITION', () => {
  const filters = [{ filterType: 'MAX_POSITION', maxPosition: '100' }]
  it('limits what a BUY can add to the position, boundary included', () => {
    expect(broken(filters, limit('BUY', '1', '1'), { basePosition: d('99') })).toEqual([])
    expect(broken(filters, limit('BUY', '1', '1.01'), { basePosition: d('99') })).toEqual(['MAX_POSITION.maxPosition'])
    expect(broken(filters, limit('SELL', '1', '5'), { basePosition: d('150') })).toEqual([])
  })
})

describe('TRAILING_DELTA', () => {
  const filters = [{ filterType: 'TRAILING_DELTA', minTrailingAboveDelta: 10, maxTrailingAboveDelta: 2000, minTrailingBelowDelta: 50, maxTrailingBelowDelta: 500 }]
  const stop = (side: 'BUY' | 'SELL', type: 'STOP_LOSS' | 'TAKE_PROFIT', trailingDelta: number): OrderRequest => ({ side, type, quantity: d('1'), trailingDelta })

  it.each([
    ['BUY', 'STOP_LOSS', 10, []],
    ['BUY', 'STOP_LOSS', 9, ['TRAILING_DELTA.minTrailingAboveDelta']],
    ['SELL', 'TAKE_PROFIT', 2000, []],
    ['SELL', 'TAKE_PROFIT', 2001, ['TRAILING_DELTA.maxTrailingAboveDelta']],
    ['SELL', 'STOP_LOSS', 49, ['TRAILING_DELTA.minTrailingBelowDelta']],
    ['SELL', 'STOP_LOSS', 500, []],
    ['BUY', 'TAKE_PROFIT', 501, ['TRAILING_DELTA.maxTrailingBelowDelta']]
  ] as const)('%s %s with delta %d breaks %j', (side, type, delta, expected) => {
    expect(broken(filters, stop(side, type, delta))).toEqual(expected)
  })
})

describe('symbol capabilities and parameters', () => {
  it('refuses new orders unless the symbol is TRADING', () => {
    expect(broken([], limit('BUY', '1', '1'), {}, { status: 'BREAK' })).toEqual(['SYMBOL_STATUS.status'])
    expect(broken([], limit('BUY', '1', '1'), {}, { status: 'CANCEL_ONLY' })).toEqual(['SYMBOL_STATUS.status'])
  })

  it('refuses order types and options the symbol does not offer', () => {
    const stop: OrderRequest = { side: 'SELL', type: 'STOP_LOSS', quantity: d('1'), stopPrice: d('1') }
    expect(broken(BTCUSDT_FILTERS, stop, {}, { orderTypes: ['LIMIT', 'MARKET'] })).toEqual(['ORDER_TYPE.orderTypes'])
    const byQuote: OrderRequest = { side: 'BUY', type: 'MARKET', quoteOrderQty: d('10') }
    expect(broken([], byQuote, {}, { quoteOrderQtyMarketAllowed: false })).toEqual(['ORDER_TYPE.quoteOrderQtyMarketAllowed'])
    expect(broken([], { ...limit('BUY', '1', '1'), icebergQty: d('0.5') }, {}, { icebergAllowed: false })).toEqual(['ORDER_TYPE.icebergAllowed'])
    expect(broken([], limit('BUY', '1', '1'), {}, { isSpotTradingAllowed: false })).toEqual(['SPOT_TRADING.isSpotTradingAllowed'])
  })

  it('refuses missing, unexpected and over-precise parameters', () => {
    expect(broken([], { side: 'BUY', type: 'LIMIT', quantity: d('1') })).toEqual(['PARAMETER.required'])
    expect(broken([], { side: 'BUY', type: 'MARKET', quantity: d('1'), quoteOrderQty: d('1') })).toEqual(['PARAMETER.required'])
    expect(broken([], { side: 'BUY', type: 'MARKET', quantity: d('1'), price: d('1') })).toEqual(['PARAMETER.notAllowed'])
    expect(broken([], { side: 'SELL', type: 'STOP_LOSS', quantity: d('1') })).toEqual(['PARAMETER.required'])
    expect(broken([], limit('BUY', '1', '0.123456789'))).toEqual(['PARAMETER.precision'])
    expect(broken([], limit('BUY', '1', '-1'))).toEqual(['PARAMETER.positive'])
    expect(broken([], limit('BUY', '123456789012345678901', '1'))).toEqual(['PARAMETER.digits'])
  })

  it('reports every broken rule of an order, not only the first', () => {
    const order = limit('BUY', '0.001', '0.000001')
    const result = broken(BTCUSDT_FILTERS, order, { referencePrice: d('60000'), symbolOpenOrders: 0 }, { status: 'HALT' })
    expect(result).toEqual([
      'SYMBOL_STATUS.status',
      'PRICE_FILTER.minPrice',
      'PRICE_FILTER.tickSize',
      'PERCENT_PRICE_BY_SIDE.bidMultiplierDown',
      'LOT_SIZE.minQty',
      'LOT_SIZE.stepSize',
      'NOTIONAL.minNotional'
    ])
  })
})
