import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startGridkeeper, type Started } from './support/processes'

// gridkeeper serve where no Secret Service answers (its D-Bus address leads nowhere): Paper mode
// works, and the Keys view says the keychain is not available and how to make it answer
let folder: string
let serve: Started | undefined

test.beforeAll(() => {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  folder = mkdtempSync(join(process.cwd(), '.tmp', 'e2e-no-keychain-'))
})

test.afterAll(async () => {
  await serve?.stop()
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true })
})

test('without a keychain, Paper mode trades and the Keys view says what the keychain needs', async ({ browser }) => {
  const opened = await startGridkeeper(['serve', '--data-dir', join(folder, 'data')], { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }, (line) =>
    line.startsWith('gridkeeper serve: open ')
  )
  serve = opened.started
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
  await page.goto(opened.line.slice('gridkeeper serve: open '.length).trim())
  await expect(page.getByLabel('Mode: Paper')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Balances' }).locator('tr[data-asset="USDT"]')).toContainText('10,000')
  await page.getByRole('button', { name: 'Mode and keys' }).click()
  await expect(page.getByRole('region', { name: 'OS keychain' }).getByRole('alert')).toHaveText(
    'The OS keychain is not available: no Secret Service answered; on Debian it is gnome-keyring (sudo apt-get install gnome-keyring), running and unlocked in a desktop session or in a D-Bus session.'
  )
  await page.close()
})
