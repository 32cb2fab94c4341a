import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { openApp, type AppUnderTest } from './support/app-under-test'
import { startWaveKlinesServer, type WaveKlinesServer } from './support/wave-klines-server'

/** Where the run saves its screenshots of the main screens (the README shows copies of them). */
const SHOTS = process.env['GRIDKEEPER_SCREENSHOTS'] ?? join(process.cwd(), '.tmp', 'screenshots')
const DAY_MS = 86_400_000

// Backtests from the app's own view, on klines a local server makes up as Binance serves them
test.describe.configure({ mode: 'serial' })

let folder: string
let klines: WaveKlinesServer
let app: AppUnderTest
let page: Page
const pageErrors: string[] = []

/**
 * Times one getState round trip from the page: through the desktop bridge, or over a second
 * WebSocket the page opens to `serve` with its own token. The page's own event loop is in the
 * measure too, so a page busy drawing would show as well.
 */
async function getStateRoundTripMs(target: Page): Promise<number> {
  return target.evaluate(async () => {
    // Runs in the page: its globals, typed here without the DOM library
    const page = globalThis as unknown as { gridkeeper?: { getState(): Promise<unknown> }; location: { hash: string; host: string }; probeSocket?: Promise<WebSocket> }
    const bridge = page.gridkeeper
    if (bridge !== undefined) {
      const started = performance.now()
      await bridge.getState()
      return performance.now() - started
    }
    page.probeSocket ??= new Promise<WebSocket>((resolve, reject) => {
      const token = new URLSearchParams(page.location.hash.slice(1)).get('token') ?? ''
      const socket = new WebSocket(`ws://${page.location.host}/api?token=${encodeURIComponent(token)}`)
      socket.onopen = () => resolve(socket)
      socket.onerror = () => reject(new Error('the probe socket did not open'))
    })
    const socket = await page.probeSocket
    const id = `probe-${performance.now()}`
    const started = performance.now()
    await new Promise<void>((resolve) => {
      const listener = (message: MessageEvent) => {
        if (!String(message.data).startsWith(`{"id":"${id}"`)) return
        socket.removeEventListener('message', listener)
        resolve()
      }
      socket.addEventListener('message', listener)
      socket.send(JSON.stringify({ id, method: 'getState' }))
    })
    return performance.now() - started
  })
}

/** Fills the backtest form: a download of BTCUSDT 1m candles over the days given, and a grid of 8 from 58,800 to 61,200. */
async function fillBacktest(form: Locator, from: string, to: string): Promise<void> {
  await form.getByLabel('Download from Binance').check()
  await form.getByLabel('Symbol').fill('BTCUSDT')
  await form.getByLabel('Interval').selectOption('1m')
  await form.getByLabel('From (UTC)').fill(from)
  await form.getByLabel('To (UTC)').fill(to)
  await form.getByLabel('Lower price').fill('58800')
  await form.getByLabel('Upper price').fill('61200')
  await form.getByLabel('Grids').fill('8')
  await form.getByLabel('Investment (quote)').fill('1000')
}

/** The number an attribute of an element holds. */
async function numberAttribute(locator: Locator, name: string): Promise<number> {
  return Number(await locator.getAttribute(name))
}

test.beforeAll(async ({ browser }) => {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  mkdirSync(SHOTS, { recursive: true })
  folder = mkdtempSync(join(process.cwd(), '.tmp', 'e2e-backtest-'))
  // A wave of 1,000 around 60,000 once a day through 2024 and January 2025: a grid across it fills on every swing
  klines = await startWaveKlinesServer({ fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2025, 1, 1), mid: 60_000, amplitude: 1_000, periodMs: DAY_MS })
  app = await openApp(browser, join(folder, 'data'), { klinesUrl: klines.url })
  page = app.page
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) pageErrors.push(message.text())
  })
  await expect(page.getByLabel('Mode: Paper')).toBeVisible()
})

test.afterAll(async () => {
  await app?.close()
  await klines?.close()
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true })
})

test('a month of one-minute candles: the progress reaches the end, then the report, the equity curve and the fills on the chart', async () => {
  await page.getByRole('button', { name: 'Backtest', exact: true }).click()
  const form = page.getByRole('form', { name: 'Backtest settings' })
  await fillBacktest(form, '2025-01-01', '2025-01-31')
  await form.getByRole('button', { name: 'Run backtest' }).click()
  const progress = page.getByRole('progressbar', { name: 'Backtest progress' })
  await expect(progress).toBeVisible()
  await expect(form.getByRole('button', { name: 'Run backtest' })).toBeDisabled()
  await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 })
  await expect(progress).toHaveAttribute('aria-valuetext', 'Done: 100 %')
  await expect(page.getByRole('region', { name: 'Backtest status' })).toContainText(/Done: 44,640 candles in \d+\.\d s/)
  expect(klines.requests()).toBeGreaterThanOrEqual(45)

  const result = page.getByRole('region', { name: 'Backtest result' })
  const report = result.getByRole('table', { name: 'Backtest report' })
  await expect(report).toContainText('44,640 × 1m')
  await expect(report.getByRole('row', { name: /^From/ })).toContainText('2025-01-01 00:00 UTC')
  await expect(report.getByRole('row', { name: /^Start value/ })).toContainText('1000 USDT')
  await expect(report.getByRole('row', { name: /^Grid profit/ })).toContainText(/^Grid profit\d+\.\d+ USDT$/)
  const fills = await report.getByRole('row', { name: /^Fills/ }).textContent()
  const [buys, sells] = (fills ?? '').match(/\d+/g)?.map(Number) ?? []
  expect(buys).toBeGreaterThan(100)
  expect(sells).toBeGreaterThan(100)
  await expect(result.getByText(`The chart marks all ${(buys ?? 0) + (sells ?? 0)} fills.`)).toBeVisible()

  const equity = page.getByTestId('equity-chart')
  await expect(equity).toHaveAccessibleName('Equity curve in USDT')
  expect(await numberAttribute(equity, 'data-points')).toBeGreaterThan(500)
  const chart = page.getByTestId('price-chart')
  await expect(chart).toHaveAccessibleName('BTCUSDT backtest chart, 15m candles')
  // A month of minutes drawn as 2,976 quarter-hour bars, the grid's nine levels, and a marker on the bar of every fill
  await expect(chart).toHaveAttribute('data-candles', '2976')
  await expect(chart).toHaveAttribute('data-levels', '9')
  expect(await numberAttribute(chart, 'data-markers')).toBe((buys ?? 0) + (sells ?? 0))
  await expect(result.getByRole('region', { name: 'Gaps' })).toContainText('No candle is missing.')
  // From the top: the sticky header would otherwise be drawn where the page was scrolled to
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0))
  await page.screenshot({ path: join(SHOTS, 'backtest-report.png'), fullPage: true })

  await result.getByRole('button', { name: 'Use these settings' }).click()
  await expect(page.getByRole('button', { name: 'New grid' })).toHaveAttribute('aria-pressed', 'true')
  const setup = page.getByRole('form', { name: 'Grid setup' })
  await expect(setup.getByLabel('Lower price')).toHaveValue('58800')
  await expect(setup.getByLabel('Upper price')).toHaveValue('61200')
  await expect(setup.getByLabel('Grids')).toHaveValue('8')
  await expect(setup.getByLabel('Investment (quote)')).toHaveValue('1000')
  await expect(setup.getByLabel('Symbol')).toHaveValue('BTCUSDT')
  // The setup plans the carried settings at the market's price, as it plans any grid
  await expect(page.getByRole('region', { name: 'Plan preview' }).getByRole('table', { name: 'Planned levels' }).locator('tbody tr')).toHaveCount(9)
})

test('a year of one-minute candles backtests with progress while the app keeps answering, and a run can be cancelled', async () => {
  test.setTimeout(240_000)
  await page.getByRole('button', { name: 'Backtest', exact: true }).click()
  const form = page.getByRole('form', { name: 'Backtest settings' })
  // The form is as it was left
  await expect(form.getByLabel('From (UTC)')).toHaveValue('2025-01-01')
  await fillBacktest(form, '2024-01-01', '2024-12-31')
  await form.getByRole('button', { name: 'Run backtest' }).click()
  const progress = page.getByRole('progressbar', { name: 'Backtest progress' })
  await expect(progress).not.toHaveAttribute('aria-valuetext', /^Done/)
  const roundTrips: number[] = []
  const phases = new Set<string>()
  const deadline = Date.now() + 200_000
  for (;;) {
    roundTrips.push(await getStateRoundTripMs(page))
    const state = (await progress.getAttribute('aria-valuetext')) ?? ''
    phases.add(state.split(':')[0] ?? '')
    if (!state.startsWith('Loading') && !state.startsWith('Running')) break
    if (Date.now() > deadline) throw new Error(`the year's backtest did not end in time: ${state}`)
    await page.waitForTimeout(100)
  }
  await expect(progress).toHaveAttribute('aria-valuetext', 'Done: 100 %')
  expect([...phases]).toEqual(expect.arrayContaining(['Loading the candles', 'Running', 'Done']))
  expect(roundTrips.length).toBeGreaterThan(20)
  // Each getState was answered within a second while the year was downloaded, read and run
  const longest = Math.max(...roundTrips)
  test.info().annotations.push({ type: 'longest getState round trip', description: `${longest.toFixed(0)} ms of ${roundTrips.length}` })
  expect(longest).toBeLessThan(1_000)
  const result = page.getByRole('region', { name: 'Backtest result' })
  await expect(result.getByRole('table', { name: 'Backtest report' })).toContainText('527,040 × 1m')
  await expect(result.getByText(/^The chart marks the last 2,000 of [\d,]+ fills\.$/)).toBeVisible()
  const chart = page.getByTestId('price-chart')
  await expect(chart).toHaveAttribute('data-candles', '4392')
  await expect(chart).toHaveAccessibleName('BTCUSDT backtest chart, 2h candles')
  expect(await numberAttribute(chart, 'data-markers')).toBe(2_000)

  // Again, from the cache this time, and cancelled while it runs
  const requests = klines.requests()
  await form.getByRole('button', { name: 'Run backtest' }).click()
  await expect(progress).toHaveAttribute('aria-valuetext', /^Running/, { timeout: 60_000 })
  await page.getByRole('button', { name: 'Cancel backtest' }).click()
  await expect(page.getByRole('region', { name: 'Backtest status' })).toContainText('The backtest was cancelled.')
  await expect(progress).toHaveAttribute('aria-valuetext', /^Cancelled/)
  await expect(page.getByRole('button', { name: 'Cancel backtest' })).toHaveCount(0)
  await expect(form.getByRole('button', { name: 'Run backtest' })).toBeEnabled()
  expect(klines.requests()).toBe(requests)
  expect(pageErrors).toEqual([])
})
