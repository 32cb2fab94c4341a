import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { contentSecurityPolicy } from '../main/web/content-security-policy'

const html = readFileSync(resolve(__dirname, '../renderer/index.html'), 'utf8')

describe('content security policy', () => {
  test('the meta tag of the renderer repeats the policy the main process sends as a header', () => {
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)
    expect(meta?.[1]).toBe(contentSecurityPolicy)
  })

  test('allows nothing from outside the app and no inline code', () => {
    expect(contentSecurityPolicy).toContain("default-src 'none'")
    expect(contentSecurityPolicy).toContain("script-src 'self'")
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
  })
})
