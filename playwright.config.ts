import { defineConfig, devices } from '@playwright/test'

const port = 4173

/** Browser tests in Debian's Chromium (Playwright's own browser builds are not used). */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: '.tmp/playwright-results',
  reporter: [['list']],
  use: { baseURL: `http://127.0.0.1:${port}/` },
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
  ],
  webServer: { command: `node tests/e2e/static-server.mjs ${port}`, url: `http://127.0.0.1:${port}/`, reuseExistingServer: false }
})
