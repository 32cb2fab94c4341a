import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { confirmStart } from './support/confirm-start'
import { openOrderLabels } from './support/processes'
import { closePaperWorld, openPaperWorld, SHOTS, type PaperWorld } from './support/paper-world'

// The setup form's checks before a start, on one paper account of 10000 USDT whose price swings 59,550 – 60,450
test.describe.configure({ mode: 'serial' })

let world: PaperWorld | undefined
let paper: PaperWorld['paper']
let page: Page
let form: Locator

test.beforeAll(async ({ browser }) => {
  world = await openPaperWorld(browser, 'paper')
  paper = world.paper
  page = world.page
  await page.getByRole('button', { name: 'Change the settings' }).click()
  form = page.getByRole('form', { name: 'Grid setup' })
  await form.getByLabel('Lower price').fill('58800')
  await form.getByLabel('Upper price').fill('61200')
  await form.getByLabel('Grids').fill('8')
  await form.getByLabel('Investment (quote)').fill('1000')
  await form.getByLabel('Stop-loss').fill('58000')
  await form.getByLabel('Take-profit').fill('62000')
  await expect(form.getByRole('button', { name: 'Start grid' })).toBeEnabled()
})

test.afterAll(async () => {
  await closePaperWorld(world)
})

/** In the page: types 1500 as the investment, then reads whether Start is off two frames later, before a preview can answer. */
const CHANGE_INVESTMENT_AND_READ_START = `(async () => {
  const form = document.querySelector('form[aria-label="Grid setup"]')
  const label = [...form.querySelectorAll('label')].find((candidate) => candidate.textContent === 'Investment (quote)')
  const input = document.getElementById(label.htmlFor)
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, '1500')
  input.dispatchEvent(new Event('input', { bubbles: true }))
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
  return form.querySelector('button[type=submit]').disabled
})()`

/** Types into a field and waits until the plan of the new value is shown. */
async function settle(label: string, value: string): Promise<void> {
  await form.getByLabel(label).fill(value)
  await expect(page.getByRole('status').filter({ hasText: 'Planning' })).toHaveCount(0)
}

test('an investment above the free balance is said at the investment, and Start stays off', async () => {
  await settle('Investment (quote)', '50000')
  const investment = form.getByLabel('Investment (quote)')
  await expect(investment).toHaveAccessibleDescription(/^Investment of 50000 USDT is more than the 10000 USDT the account has free beyond what other bots hold: invest at most that\./)
  await expect(investment).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByRole('button', { name: 'Start grid' })).toBeDisabled()
  await page.screenshot({ path: join(SHOTS, 'setup-unaffordable.png') })
  await settle('Investment (quote)', '1000')
  await expect(investment).not.toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByRole('button', { name: 'Start grid' })).toBeEnabled()
  expect(await openOrderLabels(paper.rest)).toEqual([])
})

test('a stop-loss above the price and a take-profit below it are said at their fields, and Start stays off', async () => {
  await settle('Stop-loss', '61000')
  await expect(form.getByLabel('Stop-loss')).toHaveAccessibleDescription(/^Stop-loss must be below the current price \([\d.]+\): at 61000 it would sell the moment the grid starts\./)
  await expect(form.getByRole('button', { name: 'Start grid' })).toBeDisabled()
  await settle('Stop-loss', '59000')
  await expect(form.getByLabel('Stop-loss')).toHaveAccessibleDescription(/^Stop-loss must be below the lower price \(58800\), outside the range the grid trades in\./)
  await settle('Stop-loss', '58000')
  await settle('Take-profit', '59000')
  await expect(form.getByLabel('Take-profit')).toHaveAccessibleDescription(/^Take-profit must be above the current price \([\d.]+\): at 59000 it would sell the moment the grid starts\./)
  await expect(form.getByRole('button', { name: 'Start grid' })).toBeDisabled()
  await page.screenshot({ path: join(SHOTS, 'setup-exits-wrong-side.png') })
  await settle('Take-profit', '62000')
  await expect(form.getByRole('button', { name: 'Start grid' })).toBeEnabled()
})

test('settings problems read as sentences at their fields: one grid, a range upside down, too little money', async () => {
  await settle('Grids', '1')
  await expect(form.getByLabel('Grids')).toHaveAccessibleDescription(/^Number of grids must be at least 2/)
  await settle('Grids', '8')
  await settle('Upper price', '58000')
  await expect(form.getByLabel('Upper price')).toHaveAccessibleDescription(/^Upper price must be above the lower price \(58800\)/)
  await settle('Upper price', '61200')
  await settle('Investment (quote)', '20')
  await expect(form.getByLabel('Investment (quote)')).toHaveAccessibleDescription(/^The minimum investment for this range and number of grids is [\d.]+: invest more, or use fewer grids\.$/)
  await expect(page.getByText(/^Level \d/)).toHaveCount(0)
  await expect(form.getByRole('button', { name: 'Start grid' })).toBeDisabled()
  await settle('Investment (quote)', '1000')
  await expect(form.getByRole('button', { name: 'Start grid' })).toBeEnabled()
})

test('Start is off from the moment a field changes until the plan of the new value is shown', async () => {
  const start = form.getByRole('button', { name: 'Start grid' })
  await expect(start).toBeEnabled()
  const disabledAfterChange = await page.evaluate(CHANGE_INVESTMENT_AND_READ_START)
  expect(disabledAfterChange).toBe(true)
  await expect(start).toBeEnabled()
})

test('the confirmation names exactly what the start sends, and the exchange gets those orders', async () => {
  await settle('Investment (quote)', '1000')
  await form.getByRole('button', { name: 'Start grid' }).click()
  const dialog = page.getByRole('dialog')
  const sends = dialog.getByRole('definition')
  await expect(dialog.getByText('Symbol')).toBeVisible()
  await expect(sends.nth(0)).toHaveText('BTCUSDT')
  await expect(sends.nth(1)).toHaveText('58800 to 61200, 8 grids (arithmetic)')
  await expect(sends.nth(2)).toHaveText('1000')
  await expect(sends.nth(3)).toHaveText(/^\d buys and \d sells, planned at [\d.]+$/)
  await expect(sends.nth(4)).toHaveText(/^buys [\d.]+ at about [\d.]+, costing about [\d.]+, before the grid's sells$/)
  await expect(sends.nth(5)).toHaveText('58000')
  await expect(sends.nth(6)).toHaveText('62000')
  await page.screenshot({ path: join(SHOTS, 'start-confirmation.png') })
  // The price swings through the levels: when it moved since the preview, the new plan is shown instead of being started
  await confirmStart(page, async () => {
    await expect(dialog.getByRole('alert')).toHaveText(/^The price moved to [\d.]+ and the plan changed; nothing was sent\. Read it again before you start\.$/)
    expect(await openOrderLabels(paper.rest)).toEqual([])
    await expect(sends.nth(3)).toHaveText(/^\d buys and \d sells, planned at [\d.]+$/)
  })
  await expect(page.getByLabel('Bot status')).toHaveText('Running')
  await expect.poll(async () => (await openOrderLabels(paper.rest)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(7)
})
