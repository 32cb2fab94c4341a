import { expect, test, type Page } from '@playwright/test'
import { confirmStart } from './support/confirm-start'
import { closePaperWorld, openPaperWorld, type PaperWorld } from './support/paper-world'

// What a screen reader says of each control: its label alone, once per view
test.describe.configure({ mode: 'serial' })

/** The roles whose names a person navigates by. */
const NAMED_ROLES = new Set(['button', 'textbox', 'combobox', 'checkbox', 'radio', 'spinbutton', 'region', 'link', 'slider', 'status'])

let world: PaperWorld | undefined
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
  world = await openPaperWorld(browser, 'paper')
  page = world.page
  await page.getByRole('button', { name: 'Start this grid' }).click()
  await confirmStart(page)
})

test.afterAll(async () => {
  await closePaperWorld(world)
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
