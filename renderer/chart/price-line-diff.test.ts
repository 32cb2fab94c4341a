import { describe, expect, test } from 'vitest'
import type { ChartLevel } from './chart-level'
import { diffPriceLines } from './price-line-diff'
import { priceLineKey, priceLineSpecs } from './price-line-spec'

const buy: ChartLevel = { price: '59000.00', kind: 'buy', title: 'L1 BUY 0.001' }
const sell: ChartLevel = { price: '61000.00', kind: 'sell', title: 'L3 SELL 0.001' }
const empty: ChartLevel = { price: '60000.00', kind: 'empty', title: 'L2' }

describe('priceLineSpecs', () => {
  test('gives one line per level, then the stop-loss and take-profit', () => {
    const specs = priceLineSpecs([buy, empty], '55000.00', '65000.00')
    expect(specs.map((spec) => [spec.price, spec.kind, spec.title])).toEqual([
      ['59000.00', 'buy', 'L1 BUY 0.001'],
      ['60000.00', 'empty', 'L2'],
      ['55000.00', 'stop-loss', 'Stop-loss'],
      ['65000.00', 'take-profit', 'Take-profit']
    ])
  })

  test('leaves out a missing stop-loss or take-profit', () => {
    expect(priceLineSpecs([buy], null, null).map((spec) => spec.kind)).toEqual(['buy'])
  })

  test('draws a repeated level once', () => {
    expect(priceLineSpecs([buy, { ...buy }], null, null)).toHaveLength(1)
  })

  test('keys tell apart lines that differ in price, kind or title only', () => {
    const keys = new Set([
      priceLineKey('1', 'buy', 'a'),
      priceLineKey('2', 'buy', 'a'),
      priceLineKey('1', 'sell', 'a'),
      priceLineKey('1', 'buy', 'b'),
      // A separator inside a title must not make two lines collide
      priceLineKey('1', 'buy', 'a","b'),
      priceLineKey('1","buy","a', 'buy', 'b')
    ])
    expect(keys.size).toBe(6)
  })
})

describe('diffPriceLines', () => {
  test('creates every line when nothing is drawn', () => {
    const wanted = priceLineSpecs([buy, sell], null, null)
    expect(diffPriceLines([], wanted)).toEqual({ removed: [], added: wanted })
  })

  test('touches nothing when the same lines come again as new objects', () => {
    const drawn = priceLineSpecs([buy, sell], '55000.00', null).map((spec) => spec.key)
    expect(diffPriceLines(drawn, priceLineSpecs([{ ...buy }, { ...sell }], '55000.00', null))).toEqual({ removed: [], added: [] })
  })

  test('a level that changes kind is one removal and one creation, the others stay', () => {
    const drawn = priceLineSpecs([buy, empty, sell], null, null).map((spec) => spec.key)
    const filled: ChartLevel = { price: '59000.00', kind: 'sell', title: 'L1 SELL 0.001' }
    const wanted = priceLineSpecs([filled, empty, sell], null, null)
    expect(diffPriceLines(drawn, wanted)).toEqual({ removed: [priceLineKey('59000.00', 'buy', 'L1 BUY 0.001')], added: [wanted[0]] })
  })

  test('a moved stop-loss replaces its line; a cleared take-profit removes its line', () => {
    const drawn = priceLineSpecs([buy], '55000.00', '65000.00').map((spec) => spec.key)
    const wanted = priceLineSpecs([buy], '56000.00', null)
    expect(diffPriceLines(drawn, wanted)).toEqual({
      removed: [priceLineKey('55000.00', 'stop-loss', 'Stop-loss'), priceLineKey('65000.00', 'take-profit', 'Take-profit')],
      added: [wanted[1]]
    })
  })

  test('removes everything when no line is wanted', () => {
    const drawn = priceLineSpecs([buy, sell], null, null).map((spec) => spec.key)
    expect(diffPriceLines(drawn, [])).toEqual({ removed: drawn, added: [] })
  })

  test('never creates one key twice, even if asked to', () => {
    const [spec] = priceLineSpecs([buy], null, null)
    if (spec === undefined) throw new Error('one spec expected')
    expect(diffPriceLines([], [spec, spec]).added).toEqual([spec])
  })
})
