import { resolve } from 'node:path'
import { configDefaults, defineConfig } from 'vitest/config'

const include = ['main/**/*.test.ts', 'shared/**/*.test.ts', 'preload/**/*.test.ts', 'renderer/**/*.test.ts', 'tests/**/*.test.ts']

/** Suites that load keytar and use the real OS keychain (run inside tests/run-keyring.sh). */
const keychain = ['main/**/*.keychain.test.ts', 'tests/**/*.keychain.test.ts']

export default defineConfig({
  resolve: { alias: { '@shared': resolve('shared') } },
  test: {
    environment: 'node',
    // So a test's vi.mock('electron') also reaches electron-store's own import of it
    server: { deps: { inline: ['electron-store'] } },
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include, exclude: [...configDefaults.exclude, ...keychain], pool: 'threads' } },
      // keytar's libsecret registers GLib types once per process: a worker thread that loaded it and
      // exits leaves them dangling, and the next load crashes. Each keychain file gets its own process
      { extends: true, test: { name: 'keychain', include: keychain, pool: 'forks' } }
    ]
  }
})
