import { describe, expect, it } from 'vitest'
import { DecimalDigitsReader } from './decimal-digits-reader'

function read(text: string, start?: number, end?: number) {
  const reader = new DecimalDigitsReader()
  return reader.read(text, start, end) ? { digits: reader.digits, decimals: reader.decimals } : reader.problem
}

describe('DecimalDigitsReader', () => {
  it('reads significant digits and decimals, dropping trailing zeros', () => {
    expect(read('65000.1')).toEqual({ digits: 650001, decimals: 1 })
    expect(read('0.00001234')).toEqual({ digits: 1234, decimals: 8 })
    expect(read('28923.63000000')).toEqual({ digits: 2892363, decimals: 2 })
    expect(read('100000000.00000000')).toEqual({ digits: 100000000, decimals: 0 })
    expect(read('0')).toEqual({ digits: 0, decimals: 0 })
    expect(read('007.50')).toEqual({ digits: 75, decimals: 1 })
  })

  it('reads a cell of a longer text in place', () => {
    expect(read('1,60000.01,x', 2, 10)).toEqual({ digits: 6000001, decimals: 2 })
  })

  it('takes 12 decimals and 2^53 - 1, and no more', () => {
    expect(read('0.000000000001')).toEqual({ digits: 1, decimals: 12 })
    expect(read('0.0000000000001')).toBe('has more than 12 decimals')
    expect(read('0.1000000000000')).toEqual({ digits: 1, decimals: 1 })
    expect(read('9007199254740991')).toEqual({ digits: 9007199254740991, decimals: 0 })
    expect(read('9007199254740992')).toBe('has more digits than fit below 2^53')
    expect(read('90071992547409.92')).toBe('has more digits than fit below 2^53')
  })

  it.each(['', '.', '.5', '5.', '-1', '+1', '1e-7', '1,5', ' 1', '1.2.3', 'NaN', '0x10'])('refuses %j', (text) => {
    expect(read(text)).toBe('is not a plain decimal number')
  })
})
