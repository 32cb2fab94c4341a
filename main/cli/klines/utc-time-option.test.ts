import { describe, expect, it } from 'vitest'
import { parseUtcTime, utcTimeOption } from './utc-time-option'

describe('parseUtcTime', () => {
  it.each([
    ['2024-01', Date.UTC(2024, 0, 1)],
    ['2024-01-15', Date.UTC(2024, 0, 15)],
    ['2024-01-15T12:30', Date.UTC(2024, 0, 15, 12, 30)],
    ['2024-01-15 12:30:45', Date.UTC(2024, 0, 15, 12, 30, 45)],
    ['2024-01-15T12:30:45.25Z', Date.UTC(2024, 0, 15, 12, 30, 45, 250)],
    ['2024-01-15T12:30+02:00', Date.UTC(2024, 0, 15, 10, 30)],
    ['2024-01-15T12:30-0130', Date.UTC(2024, 0, 15, 14, 0)],
    ['1704067200000', Date.UTC(2024, 0, 1)]
  ])('%s', (text, timeMs) => {
    expect(parseUtcTime(text)).toBe(timeMs)
  })

  it.each(['2024-02-30', '2024-13-01', '2024-01-01T24:00', 'yesterday', '2024/01/01', ''])('refuses %j', (text) => {
    expect(parseUtcTime(text)).toBeUndefined()
  })

  it('names the option', () => {
    expect(() => utcTimeOption({ from: 'soon' }, 'from', true)).toThrow('--from must be a UTC time such as 2024-01-01 or 2024-01-01T12:00Z, got "soon"')
    expect(() => utcTimeOption({}, 'to', true)).toThrow('--to is required')
    expect(utcTimeOption({}, 'to', false)).toBeUndefined()
  })
})
