import { describe, expect, it } from 'vitest'
import { readBoolean, readInteger, readMember, readNullableInteger, readNullableText, readText } from './column-readers'
import { JournalDataError } from './journal-data-error'

describe('column readers', () => {
  const row = { text: 'abc', none: null, count: 42, flag: 1, off: 0, wrong: 2, real: 1.5, blob: new Uint8Array(3) }

  it('read values of the expected type', () => {
    expect(readText(row, 't', 'text')).toBe('abc')
    expect(readNullableText(row, 't', 'none')).toBeNull()
    expect(readInteger(row, 't', 'count')).toBe(42)
    expect(readNullableInteger(row, 't', 'none')).toBeNull()
    expect(readBoolean(row, 't', 'flag')).toBe(true)
    expect(readBoolean(row, 't', 'off')).toBe(false)
    expect(readMember(row, 't', 'text', { abc: true, xyz: true })).toBe('abc')
  })

  it('throw JournalDataError naming table and column for anything else', () => {
    expect(() => readText(row, 'fills', 'count')).toThrow(new JournalDataError('fills', 'count', 'stored value 42 is not text'))
    expect(() => readText(row, 'fills', 'blob')).toThrow('stored value a 3-byte blob is not text')
    expect(() => readText(row, 'fills', 'missing')).toThrow(JournalDataError)
    expect(() => readInteger(row, 'fills', 'real')).toThrow('stored value 1.5 is not an integer')
    expect(() => readBoolean(row, 'fills', 'wrong')).toThrow('journal fills.wrong: stored value 2 is not 0 or 1')
    expect(() => readMember(row, 'bots', 'text', { running: true, paused: true })).toThrow('stored value "abc" is not one of running, paused')
  })
})
