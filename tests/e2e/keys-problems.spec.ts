import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startGridkeeper } from './support/processes'
import { closePaperWorld, openPaperWorld, SHOTS, type PaperWorld } from './support/paper-world'

// What goes wrong under Mode and keys is said once, beside the button that was pressed
test.describe.configure({ mode: 'serial' })

let world: PaperWorld | undefined
let page: Page

test.beforeAll(async ({ browser }) => {
  world = await openPaperWorld(browser, 'testnet', 'e2e-keys-')
  page = world.page
  await page.setViewportSize({ width: 1024, height: 900 })
  await expect(page.getByLabel('Mode: Paper')).toBeVisible()
  await page.getByRole('button', { name: 'Mode and keys' }).click()
})

test.afterAll(async () => {
  await closePaperWorld(world)
  await startGridkeeper(['keys', 'delete', '--profile', 'testnet'], {}, () => true).then(({ started }) => started.stop()).catch(() => undefined)
})

test('a connection test the exchange refuses is said once, in the panel of its keys', async () => {
  const panel = page.getByRole('region', { name: 'testnet keys' })
  const form = panel.getByRole('form', { name: 'testnet key form' })
  await form.getByLabel('API key').fill('not-a-key-the-exchange-knows')
  await form.getByLabel('API secret').fill('not-its-secret-0123456789abcdef0123456789')
  await form.getByRole('button', { name: 'Save keys' }).click()
  await expect(panel.getByLabel('testnet saved key')).toHaveText(/^Saved key: /)
  await form.getByRole('button', { name: 'Test connection' }).click()
  const problem = panel.getByRole('alert')
  await expect(problem).toContainText('Test the testnet connection failed')
  await expect(page.getByRole('alert')).toHaveCount(1)
})

test('a mode that cannot connect says why once, by the mode buttons', async () => {
  await page.getByRole('region', { name: 'Trading mode' }).getByRole('button', { name: 'Testnet' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Switch to testnet' }).click()
  const problem = page.getByRole('region', { name: 'Trading mode' }).getByRole('alert')
  await expect(problem).toBeVisible({ timeout: 30_000 })
  const text = (await problem.textContent()) ?? ''
  expect(text.length).toBeGreaterThan(10)
  // Not again at the top of the page
  await expect(page.getByRole('alert').filter({ hasText: text.slice(0, 40) })).toHaveCount(1)
  await page.screenshot({ path: join(SHOTS, 'mode-problem-1024.png') })
})
