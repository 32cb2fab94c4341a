import { defineConfig, devices } from '@playwright/test'

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
  projects: [
    {
      name: 'debian-chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run']
        }
      }
    }
  ]
})
