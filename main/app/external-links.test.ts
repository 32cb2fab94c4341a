import { describe, expect, it } from 'vitest'
import { isAllowedExternalLink } from './external-links'

describe('isAllowedExternalLink', () => {
  it('allows the chart attribution link only', () => {
    expect(isAllowedExternalLink('https://www.tradingview.com/')).toBe(true)
    expect(isAllowedExternalLink('http://www.tradingview.com/')).toBe(false)
    expect(isAllowedExternalLink('https://www.tradingview.com.evil.example/')).toBe(false)
    expect(isAllowedExternalLink('https://user:pw@www.tradingview.com/')).toBe(false)
    expect(isAllowedExternalLink('file:///etc/passwd')).toBe(false)
    expect(isAllowedExternalLink('javascript:alert(1)')).toBe(false)
    expect(isAllowedExternalLink('not a url')).toBe(false)
  })
})
