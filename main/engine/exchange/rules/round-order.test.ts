import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import type { OrderRequest } from './order-request'
import { roundOrder, quantityStep } from './round-order'
import { symbolRules } from './stubs'
import { validateOrder } from './validate-order'

const d = (value: string) => new Decimal(value)

const RULES = symbolRules([
  { filterType: 'PRICE_FILTER', minPrice: '0.01', maxPrice: '100000', tickSize: '0.01' },
  { filterType: 'LOT_SIZE', minQty: '0.00001', maxQty: '9000', stepSize: '0.00001' },
  { filterType: 'MARKET_LOT_SIZE', minQty: '0', maxQty: '100', stepSize: '0' }
])

describe('roundOrder', () => {
  it('rounds a BUY price down and a SELL price up onto the tick', () => {
    expect(roundOrder(RULES, { side: 'BUY', type: 'LIMIT', price: d('100.129'), quantity: d('1') }).order.price?.toFixed()).toBe('100.12')
    expect(roundOrder(RULES, { side: 'SELL', type: 'LIMIT', price: d('100.121'), quantity: d('1') }).order.price?.toFixed()).toBe('100.13')
  })

  it('rounds quantities down, whatever the side', () => {
    for (const side of ['BUY', 'SELL'] as const) {
      const rounded = roundOrder(RULES, { side, type: 'LIMIT', price: d('1'), quantity: d('0.123456') })
      expect(rounded.order.quantity?.toFixed()).toBe('0.12345')
    }
  })

  it('reports each change with its direction and reason, and nothing for values already on the grid', () => {
    const { adjustments } = roundOrder(RULES, { side: 'BUY', type: 'LIMIT', price: d('100.129'), quantity: d('2') })
    expect(adjustments).toEqual([{ field: 'price', from: '100.129', to: '100.12', direction: 'down', reason: 'tickSize 0.01' }])
  })

  it('lets the caller choose the price direction, and rounds stopPrice with it', () => {
    const order: OrderRequest = { side: 'SELL', type: 'STOP_LOSS_LIMIT', price: d('99.999'), stopPrice: d('100.001'), quantity: d('1') }
    const rounded = roundOrder(RULES, order, { priceDirection: 'down' }).order
    expect([rounded.price?.toFixed(), rounded.stopPrice?.toFixed()]).toEqual(['99.99', '100'])
    const split = roundOrder(RULES, order, { priceDirection: 'down', stopPriceDirection: 'up' }).order
    expect(split.stopPrice?.toFixed()).toBe('100.01')
  })

  it('puts MARKET quantities on a step that satisfies LOT_SIZE and MARKET_LOT_SIZE together', () => {
    const rules = symbolRules([
      { filterType: 'LOT_SIZE', minQty: '0', maxQty: '0', stepSize: '0.002' },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0', maxQty: '0', stepSize: '0.003' }
    ])
    expect(quantityStep(rules, 'MARKET').toFixed()).toBe('0.006')
    expect(quantityStep(rules, 'LIMIT').toFixed()).toBe('0.002')
    const rounded = roundOrder(rules, { side: 'SELL', type: 'MARKET', quantity: d('1') }).order
    expect(rounded.quantity?.toFixed()).toBe('0.996')
    expect(validateOrder(rules, rounded).violations).toEqual([])
  })

  it('rounds quoteOrderQty down onto the quote precision', () => {
    const rounded = roundOrder(RULES, { side: 'BUY', type: 'MARKET', quoteOrderQty: d('10.123456789') }).order
    expect(rounded.quoteOrderQty?.toFixed()).toBe('10.12345678')
  })

  it('uses the asset precision where a step is disabled', () => {
    const rules = symbolRules([{ filterType: 'PRICE_FILTER', minPrice: '0', maxPrice: '0', tickSize: '0' }], { quoteAssetPrecision: 2, baseAssetPrecision: 3 })
    const rounded = roundOrder(rules, { side: 'SELL', type: 'LIMIT', price: d('1.001'), quantity: d('0.12345') }).order
    expect([rounded.price?.toFixed(), rounded.quantity?.toFixed()]).toEqual(['1.01', '0.123'])
  })
})

/** Steps as real symbols publish them: powers of ten, and a few odd ones (0.5, 0.25, 0.005). */
const stepArbitrary = fc.constantFrom('1', '0.1', '0.01', '0.001', '0.0001', '0.00001', '0.00000001', '0.5', '0.25', '0.005', '5', '10')

/** A symbol whose bounds sit on its steps, as on Binance, with an order somewhere inside them. */
const caseArbitrary = fc
  .record({
    tick: stepArbitrary,
    step: stepArbitrary,
    minTicks: fc.integer({ min: 1, max: 1000 }),
    spanTicks: fc.integer({ min: 1, max: 10_000_000 }),
    minSteps: fc.integer({ min: 1, max: 1000 }),
    spanSteps: fc.integer({ min: 1, max: 10_000_000 }),
    priceFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    quantityFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    type: fc.constantFrom('LIMIT' as const, 'LIMIT_MAKER' as const, 'MARKET' as const),
    extraDigits: fc.integer({ min: 0, max: 8 })
  })
  .map((c) => {
    const tick = d(c.tick)
    const step = d(c.step)
    const minPrice = tick.mul(c.minTicks)
    const maxPrice = minPrice.add(tick.mul(c.spanTicks))
    const minQty = step.mul(c.minSteps)
    const maxQty = minQty.add(step.mul(c.spanSteps))
    // A raw value inside the bounds with more digits than the grid allows, as a computation would give
    const places = (value: Decimal) => value.decimalPlaces() + c.extraDigits
    const price = minPrice.add(maxPrice.sub(minPrice).mul(c.priceFraction.toFixed(12))).toDecimalPlaces(places(tick))
    const quantity = minQty.add(maxQty.sub(minQty).mul(c.quantityFraction.toFixed(12))).toDecimalPlaces(places(step))
    const rules = symbolRules(
      [
        { filterType: 'PRICE_FILTER', minPrice: minPrice.toFixed(), maxPrice: maxPrice.toFixed(), tickSize: c.tick },
        { filterType: 'LOT_SIZE', minQty: minQty.toFixed(), maxQty: maxQty.toFixed(), stepSize: c.step },
        { filterType: 'MARKET_LOT_SIZE', minQty: '0', maxQty: '0', stepSize: '0' }
      ],
      { baseAssetPrecision: 8 + c.extraDigits, quoteAssetPrecision: 8 + c.extraDigits }
    )
    const order: OrderRequest =
      c.type === 'MARKET' ? { side: c.side, type: c.type, quantity } : { side: c.side, type: c.type, price, quantity }
    return { rules, order, tick, step }
  })

describe('roundOrder properties', () => {
  it('every order it returns from inside the bounds passes validation', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ rules, order }) => {
        const rounded = roundOrder(rules, order).order
        expect(validateOrder(rules, rounded).violations).toEqual([])
      }),
      { numRuns: 2000 }
    )
  })

  it('moves each value by less than one step, in the promised direction', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ rules, order, tick, step }) => {
        const rounded = roundOrder(rules, order).order
        const quantity = order.quantity ?? d('0')
        const quantityDrop = quantity.sub(rounded.quantity ?? d('0'))
        expect(quantityDrop.gte(0) && quantityDrop.lt(step)).toBe(true)
        if (order.price === undefined || rounded.price === undefined) return
        const move = rounded.price.sub(order.price)
        const promised = order.side === 'BUY' ? move.lte(0) : move.gte(0)
        expect(promised && move.abs().lt(tick)).toBe(true)
      }),
      { numRuns: 2000 }
    )
  })

  it('is idempotent: rounding a rounded order changes nothing', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ rules, order }) => {
        const once = roundOrder(rules, order).order
        expect(roundOrder(rules, once).adjustments).toEqual([])
      }),
      { numRuns: 1000 }
    )
  })
})
