import { describe, expect, it } from 'vitest'
import { summarizeWarnings } from './backtest-warnings'

describe('summarizeWarnings', () => {
  it('says a warning repeated 105 times once, with its count and without the empty "{}"', () => {
    const lines = Array.from({ length: 105 }, () => 'warn: the order was refused: outside the price band {}')
    expect(summarizeWarnings(lines)).toEqual(['The order was refused: outside the price band (105 times)'])
  })

  it('keeps notes first and words the fields of a warning instead of JSON', () => {
    const lines = ['Rules: the exchange rules of 2026-01-01 were used', 'error: a level could not be placed {"level":3,"clientOrderId":"gk-a-3B-1"}', 'Rules: the exchange rules of 2026-01-01 were used']
    expect(summarizeWarnings(lines)).toEqual(['Rules: the exchange rules of 2026-01-01 were used (2 times)', 'A level could not be placed (level 3, client order id gk-a-3B-1)'])
  })
})
