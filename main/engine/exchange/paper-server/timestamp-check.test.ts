import { describe, expect, it } from 'vitest'
import { checkTimestamp } from './timestamp-check'

const NOW = 1_700_000_000_000

describe('checkTimestamp', () => {
  it('accepts a timestamp inside the window, in milliseconds or microseconds', () => {
    expect(() => checkTimestamp(String(NOW - 4999), undefined, NOW)).not.toThrow()
    expect(() => checkTimestamp(String((NOW - 100) * 1000), '5000', NOW)).not.toThrow()
    expect(() => checkTimestamp(String(NOW - 59_000), '60000', NOW)).not.toThrow()
    expect(() => checkTimestamp(String(NOW + 999), undefined, NOW)).not.toThrow()
  })

  it('answers -1021 outside the window or 1000 ms ahead, -1102 without one, -1130 for a bad recvWindow', () => {
    expect(() => checkTimestamp(String(NOW - 5001), undefined, NOW)).toThrow(expect.objectContaining({ venueCode: -1021, venueMessage: 'Timestamp for this request is outside of the recvWindow.' }))
    expect(() => checkTimestamp(String(NOW + 1000), undefined, NOW)).toThrow(expect.objectContaining({ venueCode: -1021, venueMessage: "Timestamp for this request was 1000ms ahead of the server's time." }))
    expect(() => checkTimestamp(undefined, undefined, NOW)).toThrow(expect.objectContaining({ venueCode: -1102 }))
    expect(() => checkTimestamp(String(NOW), '60001', NOW)).toThrow(expect.objectContaining({ venueCode: -1130 }))
    expect(() => checkTimestamp(String(NOW), '1.2345', NOW)).toThrow(expect.objectContaining({ venueCode: -1130 }))
  })
})
