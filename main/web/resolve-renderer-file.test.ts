import { join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { resolveRendererFile } from './resolve-renderer-file'

const root = resolve('/srv/gridkeeper/out/renderer')

describe('resolveRendererFile', () => {
  test('maps app URLs to files inside the renderer folder', () => {
    expect(resolveRendererFile('app://gridkeeper/index.html', root)).toBe(join(root, 'index.html'))
    expect(resolveRendererFile('app://gridkeeper/', root)).toBe(join(root, 'index.html'))
    expect(resolveRendererFile('app://gridkeeper/assets/index-abc.js?v=1#x', root)).toBe(join(root, 'assets', 'index-abc.js'))
    expect(resolveRendererFile('app://gridkeeper/assets/a%20b.css', root)).toBe(join(root, 'assets', 'a b.css'))
  })

  test('keeps dot segments inside the renderer folder', () => {
    // URL parsing collapses encoded dot segments before the path is decoded
    expect(resolveRendererFile('app://gridkeeper/%2e%2e/main/index.js', root)).toBe(join(root, 'main', 'index.js'))
    expect(resolveRendererFile('app://gridkeeper/assets/%2E%2E/%2E%2E/package.json', root)).toBe(join(root, 'package.json'))
  })

  test.each([
    'app://gridkeeper/..%2f..%2fpackage.json',
    'app://gridkeeper/assets/..%2F..%2F..%2Fmain%2Findex.js',
    'app://gridkeeper/assets/%2e%2e%5c%2e%2e%5cpackage.json',
    'app://gridkeeper/%00index.html',
    'app://gridkeeper/%E0%A4%A',
    'app://other/index.html',
    'file:///srv/gridkeeper/out/renderer/index.html',
    'not a url'
  ])('refuses %j', (url) => {
    expect(resolveRendererFile(url, root)).toBeNull()
  })
})
