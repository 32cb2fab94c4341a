import { describe, expect, test } from 'vitest'
import { isTrustedFrame } from './is-trusted-frame'

const topFrame = (url: string) => ({ url, parent: null })

describe('isTrustedFrame', () => {
  test('trusts the main frame of the app origin', () => {
    expect(isTrustedFrame(topFrame('app://gridkeeper/index.html'))).toBe(true)
    expect(isTrustedFrame(topFrame('app://gridkeeper/'))).toBe(true)
  })

  test('refuses a missing frame', () => {
    expect(isTrustedFrame(null)).toBe(false)
    expect(isTrustedFrame(undefined)).toBe(false)
  })

  test('refuses a subframe even on the app origin', () => {
    const parent = topFrame('app://gridkeeper/index.html')
    expect(isTrustedFrame({ url: 'app://gridkeeper/index.html', parent } as never)).toBe(false)
  })

  test.each([
    'file:///work/out/renderer/index.html',
    'https://gridkeeper/index.html',
    'http://localhost:5173/',
    'app://evil/index.html',
    'app://gridkeeper.evil/index.html',
    'app://gridkeeper:8080/index.html',
    'app://user@gridkeeper/index.html',
    'about:blank',
    'not a url',
    ''
  ])('refuses %j', (url) => {
    expect(isTrustedFrame(topFrame(url))).toBe(false)
  })
})
