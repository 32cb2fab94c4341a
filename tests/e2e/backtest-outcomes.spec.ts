import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { openApp, type AppUnderTest } from './support/app-under-test'
import { startWaveKlinesServer, type WaveKlinesServer } from './support/wave-klines-server'

/** Where the run saves its screenshots. */
const SHOTS = process.env['GRIDKEEPER_SCREENSHOTS'] ?? join(process.cwd(), '.tmp', 'screenshots')
const DAY_MS = 86_400_000

// Backtests one after another, as a person scrolled down to the Run button sees their outcomes
test.describe.configure({ mode: 'serial' })

let folder: string
let klines: WaveKlinesServer
let app: AppUnderTest
let page: Page

/** Fills the grid of the backtest form: 8 grids from 58,800 to 61,200 with 1,000 invested. */
async function fillGrid(form: Locator): Promise<void> {
  await form.getByLabel('Symbol').fill('BTCUSDT')
  await form.getByLabel('Lower price').fill('58800')
  await form.getByLabel('Upper price').fill('61200')
  await form.getByLabel('Grids').fill('8')
  await form.getByLabel('Investment (quote)').fill('1000')
}

/** Downloads 1m candles over the days given. */
async function downloadRange(form: Locator, from: string, to: string): Promise<void> {
  await form.getByLabel('Download from Binance').check()
  await form.getByLabel('Interval').selectOption('1m')
  await form.getByLabel('From (UTC)').fill(from)
  await form.getByLabel('To (UTC)').fill(to)
}

/** Expects the element on screen and not under the sticky header: what is drawn at its top left is the element itself. */
async function expectUncovered(locator: Locator): Promise<void> {
  await expect(locator).toBeInViewport()
  await expect
    .poll(async () =>
      locator.evaluate((element) => {
        const box = element.getBoundingClientRect()
        // Runs in the page: its document, typed here without the DOM library
        const seen = (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): unknown } }).document.elementFromPoint(box.left + 4, box.top + 4)
        return seen !== null && element.contains(seen as typeof element)
      })
    )
    .toBe(true)
}

test.beforeAll(async ({ browser }) => {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  mkdirSync(SHOTS, { recursive: true })
  folder = mkdtempSync(join(process.cwd(), '.tmp', 'e2e-backtest-'))
  klines = await startWaveKlinesServer({ fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2025, 0, 8), mid: 60_000, amplitude: 1_000, periodMs: DAY_MS })
  app = await openApp(browser, join(folder, 'data'), { klinesUrl: klines.url })
  page = app.page
  await page.setViewportSize({ width: 1024, height: 600 })
  await expect(page.getByLabel('Mode: Paper')).toBeVisible()
  await page.getByRole('button', { name: 'Backtest', exact: true }).click()
})

test.afterAll(async () => {
  await app?.close()
  await klines?.close()
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true })
})

test('a run that cannot start after one that failed shows its own error, in view, not the old one', async () => {
  const form = page.getByRole('form', { name: 'Backtest settings' })
  const status = page.getByRole('region', { name: 'Backtest status' })
  await fillGrid(form)
  await downloadRange(form, '2023-01-01', '2023-01-02')
  await form.getByRole('button', { name: 'Run backtest' }).click()
  await expect(status).toContainText('There are no candles', { timeout: 30_000 })

  await form.getByLabel('A klines file on the machine running Gridkeeper').check()
  await form.getByRole('textbox', { name: /^Klines file/ }).fill('klines.csv')
  const run = form.getByRole('button', { name: 'Run backtest' })
  await run.scrollIntoViewIfNeeded()
  await run.click()
  await expect(status.getByRole('alert')).toContainText('The backtest cannot start')
  await expect(status).not.toContainText('There are no candles')
  await expectUncovered(status.getByRole('alert'))
  await page.screenshot({ path: join(SHOTS, 'backtest-start-error-1024.png') })
})

test('a result that arrives while the page is scrolled to the Run button comes into view', async () => {
  const form = page.getByRole('form', { name: 'Backtest settings' })
  await downloadRange(form, '2025-01-01', '2025-01-03')
  const run = form.getByRole('button', { name: 'Run backtest' })
  await run.scrollIntoViewIfNeeded()
  await run.click()
  const result = page.getByRole('region', { name: 'Backtest result' })
  await expect(result).toBeVisible({ timeout: 60_000 })
  await expectUncovered(result.getByRole('button', { name: 'Use these settings' }))
  await expectUncovered(page.getByRole('region', { name: 'Backtest status' }))
  await page.screenshot({ path: join(SHOTS, 'backtest-result-in-view-1024.png') })
  for (const width of [1024, 1440, 1920]) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: join(SHOTS, `backtest-result-${width}.png`), fullPage: true })
  }
})
