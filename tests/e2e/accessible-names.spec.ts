import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { openApp, type AppUnderTest } from './support/app-under-test'
import { startPaperServerProcess, type Started } from './support/processes'
import { writeSawtoothKlines } from './support/sawtooth-klines'

// What a screen reader says of each control: its label alone, once per view
test.describe.configure({ mode: 'serial' })

/** The roles whose names a person navigates by. */
const NAMED_ROLES = new Set(['button', 'textbox', 'combobox', 'checkbox', 'radio', 'spinbutton', 'region', 'link', 'slider', 'status'])

let folder: string
let paper: { started: Started; rest: string }
let app: AppUnderTest
let page: Page

/** The role and name of every control and region the view shows, from its accessibility tree. */
async function namedNodes(target: Page): Promise<string[]> {
  const snapshot = await target.locator('body').ariaSnapshot()
  const nodes: string[] = []
  for (const match of snapshot.matchAll(/^\s*- (\w+) "((?:[^"\\]|\\.)*)"/gm)) {
    if (NAMED_ROLES.has(match[1] as string)) nodes.push(`${match[1]} "${match[2]}"`)
  }
  return nodes
}

/** The nodes named more than once in the view. */
function repeated(nodes: readonly string[]): string[] {
  return [...new Set(nodes.filter((node, index) => nodes.indexOf(node) !== index))]
}

test.beforeAll(async ({ browser }) => {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  folder = mkdtempSync(join(process.cwd(), '.tmp', 'e2e-'))
  writeSawtoothKlines(join(folder, 'klines.json'), { mid: 60_000, swing: 450, candles: 2_000 })
  paper = await startPaperServerProcess(join(folder, 'klines.json'), 20)
  app = await openApp(browser, join(folder, 'data'), { paperRest: paper.rest })
  page = app.page
  await page.getByRole('button', { name: 'Start this grid' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Start and place the orders' }).click()
  await expect(page.getByLabel('Bot status')).toHaveText('Running')
})

test.afterAll(async () => {
  await app?.close()
  await paper?.started.stop()
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true })
})

test('the dashboard names each control and region once, and the bot summary says what it is', async () => {
  await expect(page.getByRole('region', { name: 'Bot summary', exact: true })).toBeVisible()
  await expect(page.getByRole('status', { name: 'Bot status', exact: true })).toHaveText('Running')
  await expect(page.getByRole('table', { name: /Open orders/ }).locator('tbody tr').first()).toBeVisible()
  await expect(page.getByRole('button', { name: 'Hold level 0', exact: true })).toBeVisible()
  const nodes = await namedNodes(page)
  expect(nodes).toEqual(expect.arrayContaining(['button "Pause"', 'region "Levels"', 'button "Hold level 0"']))
  expect(nodes).not.toContain('region "Bot"')
  await expect.poll(async () => repeated(await namedNodes(page))).toEqual([])
})

test('the backtest form names each field by its label alone, its hint describing it', async () => {
  await page.getByRole('button', { name: 'Backtest', exact: true }).click()
  const form = page.getByRole('form', { name: 'Backtest settings' })
  await expect(form.getByRole('textbox', { name: 'Grids', exact: true })).toHaveAccessibleDescription('N grids make N + 1 levels')
  await expect(form.getByRole('textbox', { name: 'Stop-loss', exact: true })).toHaveAccessibleDescription('empty for none')
  await expect(form.getByRole('textbox', { name: 'Take-profit', exact: true })).toHaveAccessibleDescription('empty for none')
  await expect(form.getByLabel('To (UTC)', { exact: true })).toHaveAccessibleDescription('the whole day is included')
  await form.getByLabel('A klines file on the machine running Gridkeeper').check()
  await expect(form.getByRole('textbox', { name: 'Klines file', exact: true })).toHaveAccessibleDescription('Binance CSV or klines JSON, or freqtrade JSON; its full path')
  await expect.poll(async () => repeated(await namedNodes(page))).toEqual([])
})

test('the grid setup names its fields by their labels alone', async () => {
  await page.getByRole('button', { name: 'New grid', exact: true }).click()
  const form = page.getByRole('form', { name: 'Grid setup' })
  await expect(form.getByRole('textbox', { name: 'Grids', exact: true })).toHaveAccessibleDescription('N grids make N + 1 levels')
  await expect(form.getByRole('textbox', { name: 'Stop-loss', exact: true })).toHaveAccessibleDescription('empty for none')
})
