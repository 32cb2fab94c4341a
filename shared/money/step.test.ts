import { describe, expect, it } from 'vitest'
import { Decimal } from './decimal'
import { commonStep, isMultipleOf, roundToStep, stepDecimals } from './step'

const d = (value: string) => new Decimal(value)

describe('step arithmetic', () => {
  it('rounds onto a step in the asked direction and leaves values on the step alone', () => {
    expect(roundToStep(d('1.234'), d('0.01'), 'down').toFixed()).toBe('1.23')
    expect(roundToStep(d('1.231'), d('0.01'), 'up').toFixed()).toBe('1.24')
    expect(roundToStep(d('1.23'), d('0.01'), 'up').toFixed()).toBe('1.23')
    expect(roundToStep(d('7'), d('2.5'), 'down').toFixed()).toBe('5')
    expect(roundToStep(d('1.234'), d('0'), 'down').toFixed()).toBe('1.234')
  })

  it('is exact where binary floating point is not (0.1 + 0.2 on a 0.1 step)', () => {
    const sum = d('0.1').add(d('0.2'))
    expect(isMultipleOf(sum, d('0.1'))).toBe(true)
    expect(roundToStep(sum, d('0.1'), 'down').toFixed()).toBe('0.3')
  })

  it('takes a quotient within division noise of a step as on it', () => {
    const noisy = d('1').div(3).mul(3)
    expect(noisy.eq(1)).toBe(false)
    expect(roundToStep(noisy, d('1'), 'down').toFixed()).toBe('1')
    expect(roundToStep(d('2').div(3).mul(3), d('0.5'), 'up').toFixed()).toBe('2')
    expect(roundToStep(d('2.9999999999999999999999'), d('1'), 'down').toFixed()).toBe('2')
  })

  it('knows multiples, with zero meaning any value', () => {
    expect(isMultipleOf(d('0.00030'), d('0.00001'))).toBe(true)
    expect(isMultipleOf(d('0.000305'), d('0.00001'))).toBe(false)
    expect(isMultipleOf(d('0.000305'), d('0'))).toBe(true)
  })

  it('finds the least common step of several steps', () => {
    expect(commonStep([d('0.002'), d('0.003')]).toFixed()).toBe('0.006')
    expect(commonStep([d('0.01'), d('0')]).toFixed()).toBe('0.01')
    expect(commonStep([d('0.25'), d('0.1')]).toFixed()).toBe('0.5')
    expect(commonStep([d('0'), d('0')]).isZero()).toBe(true)
  })

  it('counts the decimals of a step', () => {
    expect(stepDecimals(d('0.01000000'))).toBe(2)
    expect(stepDecimals(d('1.00000000'))).toBe(0)
    expect(stepDecimals(d('0'))).toBe(0)
  })
})
