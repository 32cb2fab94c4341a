import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { confirmStart } from './support/confirm-start'
import { closePaperWorld, openPaperWorld, SHOTS, type PaperWorld } from './support/paper-world'

/** A price of BTCUSDT at its tick size (0.01), with thousands separators. */
const PRICE = /^\d{1,3}(,\d{3})*\.\d{2}$/
/** A quantity of BTCUSDT at its lot step (0.00001). */
const QUANTITY = /^\d+\.\d{5}$/
/** An amount of money in USDT: cents, thousands separators and the asset. */
const USDT = /^-?\d{1,3}(,\d{3})*\.\d{2} USDT$/
/** The grid's notes as the journal keeps them, which must never reach the screen. */
const RAW_NOTE = /\b(dust|none|sold|netted|replanned):/

// One running grid on a paper server whose every candle crosses its levels, looked at as a trader would
test.describe.configure({ mode: 'serial' })

let world: PaperWorld | undefined
let page: Page

test.beforeAll(async ({ browser }) => {
  world = await openPaperWorld(browser, 'paper')
  page = world.page
  await page.getByRole('button', { name: 'Start this grid' }).click()
  await confirmStart(page)
  await expect(page.getByRole('table', { name: /Fills/ }).locator('tbody tr').nth(1)).toBeVisible({ timeout: 60_000 })
})

test.afterAll(async () => {
  await closePaperWorld(world)
})

/** The texts of one column of a table's body. */
async function column(table: Locator, index: number): Promise<string[]> {
  return (await table.locator(`tbody tr td:nth-child(${index})`).allTextContents()).map((text) => text.trim())
}

test('the summary shows money rounded to cents with its asset and the price with thousands separators', async () => {
  const summary = page.getByRole('region', { name: 'Bot summary' })
  await expect(summary.getByLabel('Value', { exact: true })).toHaveText(USDT)
  await expect(summary.getByLabel('Grid profit')).toHaveText(USDT)
  await expect(summary.getByLabel('Floating PnL')).toHaveText(USDT)
  await expect(summary.getByLabel('Last price')).toHaveText(/^\d{1,3}(,\d{3})*\.\d{2} USDT$/)
})

test('levels and open orders show prices and quantities at the symbol precision, with their assets in the headers', async () => {
  const levels = page.getByRole('table', { name: 'Levels' })
  for (const price of await column(levels, 2)) expect(price).toMatch(PRICE)
  await expect(levels.getByRole('columnheader', { name: 'Price (USDT)' })).toBeVisible()
  // The Why column says what the State, Order and Price columns do not, never the order again
  for (const why of await column(levels, 5)) expect(why).not.toMatch(/(BUY|SELL) \d+(\.\d+)? @ /)
  const orders = page.getByRole('table', { name: /Open orders/ })
  await expect(orders.locator('tbody tr').first()).toBeVisible()
  await expect(orders.getByRole('columnheader', { name: 'Quantity (BTC)' })).toBeVisible()
  for (const price of await column(orders, 6)) expect(price).toMatch(PRICE)
  for (const quantity of await column(orders, 7)) expect(quantity).toMatch(QUANTITY)
})

test('fills are one row per order, at the symbol precision, and say in words how each is covered', async () => {
  const fills = page.getByRole('table', { name: /Fills/ })
  const orders = await fills.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-fill-order')))
  expect(orders.length).toBeGreaterThan(1)
  expect(orders.every((order) => order !== null && order !== '')).toBe(true)
  expect(new Set(orders).size).toBe(orders.length)
  for (const price of await column(fills, 4)) expect(price.replace(/^avg /, '')).toMatch(PRICE)
  for (const quantity of await column(fills, 5)) expect(quantity.replace(/ in \d+ trades$/, '')).toMatch(QUANTITY)
  await expect(fills).not.toContainText(RAW_NOTE)
  await expect(page.locator('main')).not.toContainText(RAW_NOTE)
})

test('the open orders and fills keep every column in view at 1024, 1440 and 1920 px', async () => {
  for (const width of [1024, 1440, 1920]) {
    await page.setViewportSize({ width, height: 900 })
    for (const name of ['Open orders', 'Fills', 'Levels']) {
      const panel = page.getByRole('region', { name, exact: true })
      await expect.poll(async () => panel.evaluate((element) => element.scrollWidth - element.clientWidth), { message: `${name} at ${width} px` }).toBeLessThanOrEqual(0)
    }
    await page.screenshot({ path: join(SHOTS, `dashboard-numbers-${width}.png`), fullPage: true })
  }
  await page.setViewportSize({ width: 1400, height: 1000 })
})

test('the chart marks each order at its fill price with its quantity at the symbol precision', async () => {
  const chart = page.getByTestId('price-chart')
  await expect.poll(async () => Number(await chart.getAttribute('data-markers'))).toBeGreaterThan(0)
  const marker = (await chart.getAttribute('data-last-marker')) ?? ''
  const match = /^([BS]) (\d+\.\d+) at (\d+(\.\d+)?)$/.exec(marker)
  expect(match, marker).not.toBeNull()
  expect(match?.[2]).toMatch(/^\d+\.\d{5}$/)
  expect(Number(match?.[2])).toBeGreaterThan(0)
  // The sawtooth market trades between 59,550 and 60,450: a marker sits there, not stacked above the candles
  expect(Number(match?.[3])).toBeGreaterThanOrEqual(59_550)
  expect(Number(match?.[3])).toBeLessThanOrEqual(60_450)
})

test('a notice that a command went through clears by itself', async () => {
  await page.getByRole('region', { name: 'Bot summary' }).getByRole('button', { name: 'Pause' }).click()
  const notice = page.getByRole('status').filter({ hasText: 'Pause: done' })
  // The command's answer may take a while on a loaded machine; the notice then shows for a few seconds
  await expect(notice).toBeVisible({ timeout: 30_000 })
  await expect(notice).toBeHidden({ timeout: 20_000 })
})
