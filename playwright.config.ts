import { defineConfig, devices } from '@playwright/test'
import { electronExecutable } from './tests/e2e/support/app-under-test'

// The same specs run in the Electron app wherever its runtime is installed (GRIDKEEPER_E2E_TARGET=electron)
const electron = process.env['GRIDKEEPER_E2E_TARGET'] === 'electron' ? electronExecutable() : undefined
if (process.env['GRIDKEEPER_E2E_TARGET'] === 'electron' && electron === undefined) {
  throw new Error('GRIDKEEPER_E2E_TARGET=electron, but the Electron runtime is not installed (npx install-electron, or ELECTRON_OVERRIDE_DIST_PATH)')
}

/** Debian's Chromium: the browser of the browser tests (the Electron specs open their pages in the app). */
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run']
  }
}

/**
 * Browser tests in Debian's Chromium (Playwright's own browser builds are not used), against
 * `gridkeeper serve` and `gridkeeper paper-server` processes the specs start themselves.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: '.tmp/playwright-results',
  reporter: [['list']],
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  projects: [electron !== undefined ? { name: 'electron', testIgnore: ['serve-token.spec.ts', 'keychain-unavailable.spec.ts'], use: chromium } : { name: 'debian-chromium', use: chromium }]
})
