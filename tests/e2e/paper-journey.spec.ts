import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { confirmStart } from './support/confirm-start'
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
  await confirmStart(page)
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
  // The event log shows the start and the fills
  const log = page.getByRole('region', { name: 'Event log' })
  await expect(log).toContainText('started by you: 8 grids from 58800 to 61200 on BTCUSDT')
  await expect(log).toContainText(/BUY [\d.]+ BTC filled at 59700/)
  await expect(log).not.toContainText('Nothing yet.')
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
  // The open orders are the live ones: none is an unsent "pending" intent
  await expect(page.getByRole('table', { name: /Open orders/ }).locator('tbody tr').filter({ hasText: /pending$/ })).toHaveCount(0)
})

test('a second bot trades another symbol beside the first', async () => {
  await page.getByRole('button', { name: 'New grid', exact: true }).click()
  const form = page.getByRole('form', { name: 'Grid setup' })
  await form.getByLabel('Bot id').fill('eth1')
  await form.getByLabel('Symbol').selectOption('ETHUSDT')
  await form.getByLabel('Lower price').fill('2850')
  await form.getByLabel('Upper price').fill('3150')
  await form.getByLabel('Grids').fill('6')
  await form.getByLabel('Investment (quote)').fill('1000')
  await form.getByLabel('Stop-loss').fill('')
  await form.getByLabel('Take-profit').fill('')
  await expect(page.getByRole('region', { name: 'Plan preview' }).getByRole('table', { name: 'Planned levels' }).locator('tbody tr')).toHaveCount(7)
  await form.getByRole('button', { name: 'Start grid' }).click()
  await confirmStart(page)
  await expect.poll(async () => (await openOrderLabels(paper.rest, 'ETHUSDT')).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3)
  expect((await openOrderLabels(paper.rest)).length).toBeGreaterThan(0)
})

test('EMERGENCY STOP stops every bot: no order of any bot stays open on the exchange, and each bot is stopped', async () => {
  const button = page.getByRole('button', { name: 'EMERGENCY STOP: stop all bots' })
  await expect(button).toHaveAccessibleName('EMERGENCY STOP: stop all bots')
  await button.click()
  const dialog = page.getByRole('dialog', { name: 'Emergency stop: all 2 bots' })
  await expect(dialog.getByRole('list', { name: 'Bots to stop' }).getByRole('listitem')).toHaveCount(2)
  await expect(dialog.getByRole('button', { name: 'Cancel all orders' })).toBeVisible()
  await page.screenshot({ path: join(SHOTS, 'emergency-stop-confirmation.png') })
  await dialog.getByRole('button', { name: 'Cancel all orders' }).click()
  const done = page.getByRole('dialog', { name: 'Emergency stop done' })
  await expect(done).toBeVisible({ timeout: 30_000 })
  const outcomes = done.getByRole('list', { name: 'What the stop did' })
  await expect(outcomes.locator('li[data-bot="eth1"]')).toContainText('The exchange reports no open order of this bot.')
  await expect(outcomes.getByRole('listitem')).toHaveCount(2)
  for (const item of await outcomes.getByRole('listitem').all()) await expect(item).toContainText(/orders? cancelled\. The exchange reports no open order of this bot\./)
  await page.screenshot({ path: join(SHOTS, 'emergency-stop-done.png') })
  expect(await openOrderLabels(paper.rest)).toEqual([])
  expect(await openOrderLabels(paper.rest, 'ETHUSDT')).toEqual([])
  await done.getByRole('button', { name: 'Back' }).click()
  for (const botId of await botIds()) {
    await page.getByRole('combobox', { name: /^Bot\b/ }).selectOption(botId)
    await expect(page.getByLabel('Bot status')).toHaveText('Stopped: resume to trade again')
    // What is shown agrees with the exchange and the status: no open order, no level "paused"
    await expect(page.getByRole('table', { name: /Open orders/ })).toHaveAccessibleName('Open orders (0)')
    const levels = page.getByRole('region', { name: 'Levels' })
    await expect(levels).toContainText('stopped: no order until you resume the bot')
    await expect(levels).not.toContainText('paused')
  }
})

test('after a restart every bot is still stopped, and nothing was placed again on any symbol', async ({ browser }) => {
  await app.close()
  await open(browser)
  const ids = await botIds()
  expect(ids).toHaveLength(2)
  for (const botId of ids) {
    await page.getByRole('combobox', { name: /^Bot\b/ }).selectOption(botId)
    await expect(page.getByLabel('Bot status')).toHaveText('Stopped: resume to trade again')
  }
  await page.waitForTimeout(2_000)
  expect(await openOrderLabels(paper.rest)).toEqual([])
  expect(await openOrderLabels(paper.rest, 'ETHUSDT')).toEqual([])
  expect(pageErrors).toEqual([])
})

/** The ids of the bots the header's bot picker offers. */
async function botIds(): Promise<string[]> {
  const picker = page.getByRole('combobox', { name: /^Bot\b/ })
  await expect(picker.locator('option')).toHaveCount(2)
  return picker.locator('option').evaluateAll((options) => options.map((option) => option.getAttribute('value') ?? ''))
}
