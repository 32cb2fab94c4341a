import { describe, expect, it } from 'vitest'
import { formatTable } from './format-table'

describe('formatTable', () => {
  it('aligns numbers right and words left under a header', () => {
    const text = formatTable(['level', 'side', 'price'], [['0', 'BUY', '100.5'], ['10', 'NONE', '7']], ['right', 'left', 'right'])
    expect(text).toBe(['level  side  price', '    0  BUY   100.5', '   10  NONE      7'].join('\n'))
  })
})
