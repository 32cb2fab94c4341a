import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { openApp, type AppUnderTest } from './support/app-under-test'
import { openOrderLabels, startPaperServerProcess, type Started } from './support/processes'
import { writeSawtoothKlines } from './support/sawtooth-klines'

/** Where the run saves its screenshots of the main screens (the README shows copies of them). */
const SHOTS = process.env['GRIDKEEPER_SCREENSHOTS'] ?? join(process.cwd(), '.tmp', 'screenshots')

// A person's first session, step by step, on one paper server and one data folder
test.describe.configure({ mode: 'serial' })

let folder: string
let paper: { started: Started; rest: string }
let app: AppUnderTest
let page: Page
const pageErrors: string[] = []

/** Opens the app on the test's data folder and paper server, recording the page's errors. */
async function open(browser: Parameters<typeof openApp>[0]): Promise<void> {
  app = await openApp(browser, join(folder, 'data'), { paperRest: paper.rest })
  page = app.page
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) pageErrors.push(message.text())
  })
}

test.beforeAll(async ({ browser }) => {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  mkdirSync(SHOTS, { recursive: true })
  folder = mkdtempSync(join(process.cwd(), '.tmp', 'e2e-'))
  // Every candle swings 59,550 – 60,450: in a grid with a level every 300, the BUY at 59,700 and the SELL at 60,300 fill on each one
  writeSawtoothKlines(join(folder, 'klines.json'), { mid: 60_000, swing: 450, candles: 2_000 })
  paper = await startPaperServerProcess(join(folder, 'klines.json'), 20)
  await open(browser)
})

test.afterAll(async () => {
  await app?.close()
  await paper?.started.stop()
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true })
})

test('first launch shows Paper mode with a grid ready to start', async () => {
  await expect(page.getByLabel('Mode: Paper')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'A grid is ready to start' })).toBeVisible()
  await expect(page.getByText(/Paper mode: a simulated exchange with 10000 USDT/)).toBeVisible()
  await expect(page.getByRole('button', { name: 'EMERGENCY STOP' })).toBeDisabled()
  await page.screenshot({ path: join(SHOTS, 'paper-first-launch.png') })
})

test('setup: the preview draws the planned levels on the chart and shows the plan before anything is sent', async () => {
  await page.getByRole('button', { name: 'Change the settings' }).click()
  const form = page.getByRole('form', { name: 'Grid setup' })
  await form.getByLabel('Lower price').fill('58800')
  await form.getByLabel('Upper price').fill('61200')
  await form.getByLabel('Grids').fill('8')
  await form.getByLabel('Stop-loss').fill('58000')
  const preview = page.getByRole('region', { name: 'Plan preview' })
  await expect(preview.getByText('Minimum investment')).toBeVisible()
  await expect(preview.getByRole('table', { name: 'Planned levels' }).locator('tbody tr')).toHaveCount(9)
  await expect(page.getByTestId('price-chart')).toHaveAttribute('data-levels', '9')
  expect(await openOrderLabels(paper.rest)).toEqual([])
  // A range that cannot work is explained, and cannot be started
  await form.getByLabel('Upper price').fill('58000')
  await expect(form.getByLabel('Upper price')).toHaveAccessibleDescription('Upper price must be above the lower price (58800)')
  await expect(form.getByRole('button', { name: 'Start grid' })).toBeDisabled()
  await form.getByLabel('Upper price').fill('61200')
  await expect(preview.getByRole('table', { name: 'Planned levels' }).locator('tbody tr')).toHaveCount(9)
  await page.screenshot({ path: join(SHOTS, 'setup-preview.png') })
})

test('start the grid: the levels are on the chart and the orders appear, on screen and on the exchange', async () => {
  await page.getByRole('form', { name: 'Grid setup' }).getByRole('button', { name: 'Start grid' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Start and place the orders' }).click()
  await expect(page.getByLabel('Bot status')).toHaveText('Running')
  await expect.poll(async () => (await openOrderLabels(paper.rest)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(7)
  await expect(page.getByTestId('price-chart')).toHaveAttribute('data-levels', '9')
  await expect(page.getByRole('table', { name: /Open orders/ }).locator('tbody tr')).not.toHaveCount(0)
  expect(await openOrderLabels(paper.rest)).toContain('BUY@58800')
})

test('a fill shows a marker on the chart and its counter-order', async () => {
  const fills = page.getByRole('table', { name: /Fills/ })
  await expect(fills.locator('tbody tr').first()).toBeVisible({ timeout: 30_000 })
  await expect.poll(async () => Number(await page.getByTestId('price-chart').getAttribute('data-markers')), { timeout: 15_000 }).toBeGreaterThan(0)
  // The first fills' counters are placed: no fill stays unanswered
  await expect(fills.locator('tbody tr').last().locator('td').last()).not.toHaveText('pending', { timeout: 15_000 })
  await page.screenshot({ path: join(SHOTS, 'paper-dashboard.png'), fullPage: true })
})

test('every control on the dashboard and the setup has an accessible name', async () => {
  const landmarks = { Dashboard: page.getByRole('region', { name: 'Levels' }), 'New grid': page.getByRole('form', { name: 'Grid setup' }), 'Mode and keys': page.getByRole('region', { name: 'Trading mode' }) }
  for (const [view, landmark] of Object.entries(landmarks)) {
    await page.getByRole('button', { name: view, exact: true }).click()
    await expect(landmark).toBeVisible()
    const controls = page.locator('button:visible, input:visible, select:visible, textarea:visible, a:visible')
    const count = await controls.count()
    expect(count).toBeGreaterThan(5)
    for (let index = 0; index < count; index += 1) await expect(controls.nth(index)).toHaveAccessibleName(/\S/)
  }
  await page.getByRole('button', { name: 'Dashboard', exact: true }).click()
})

test('override: holding a level cancels its order on the exchange and keeps it empty', async () => {
  await page.getByRole('button', { name: 'Hold level 0' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Hold the level' }).click()
  await expect(page.locator('tr[data-level="0"]')).toContainText('held')
  await expect.poll(async () => await openOrderLabels(paper.rest), { timeout: 15_000 }).not.toContain('BUY@58800')
  await expect(page.getByRole('button', { name: 'Release level 0' })).toBeVisible()
})

test('EMERGENCY STOP cancels every order of the bot on the exchange, and the bot is stopped', async () => {
  await page.getByRole('button', { name: 'EMERGENCY STOP' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('button', { name: 'Cancel all orders' })).toBeVisible()
  await page.screenshot({ path: join(SHOTS, 'emergency-stop-confirmation.png') })
  await dialog.getByRole('button', { name: 'Cancel all orders' }).click()
  await expect(page.getByRole('dialog', { name: 'Emergency stop done' })).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('dialog', { name: 'Emergency stop done' })).toContainText('The exchange reports no open order of this bot.')
  expect(await openOrderLabels(paper.rest)).toEqual([])
  await page.getByRole('dialog').getByRole('button', { name: 'Back' }).click()
  await expect(page.getByLabel('Bot status')).toHaveText('Stopped: resume to trade again')
})

test('after a restart the bot is still stopped, and nothing was placed again', async ({ browser }) => {
  await app.close()
  await open(browser)
  await expect(page.getByLabel('Bot status')).toHaveText('Stopped: resume to trade again')
  await page.waitForTimeout(2_000)
  expect(await openOrderLabels(paper.rest)).toEqual([])
  expect(pageErrors).toEqual([])
})
