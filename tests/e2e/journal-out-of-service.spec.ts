import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { openApp } from './support/app-under-test'

/** Where the run saves its screenshots of the main screens. */
const SHOTS = process.env['GRIDKEEPER_SCREENSHOTS'] ?? join(process.cwd(), '.tmp', 'screenshots')

/** Overwrites the start of the pages in the middle of a closed journal: their headers and cell pointers. */
function damageMiddle(file: string): void {
  const pages = statSync(file).size / 4096
  const descriptor = openSync(file, 'r+')
  for (let page = Math.floor(pages * 0.4); page <= Math.floor(pages * 0.6); page += 1) writeSync(descriptor, Buffer.alloc(200, 0xa5), 0, 200, page * 4096)
  closeSync(descriptor)
}

test('a damaged Paper journal puts Paper out of service with one banner, and Start a new journal opens it again on purpose', async ({ browser }) => {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  mkdirSync(SHOTS, { recursive: true })
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'e2e-journal-'))
  const dataDir = join(folder, 'data')
  try {
    // A first launch makes Paper's journal; the app is closed and the journal damaged in the middle
    const first = await openApp(browser, dataDir, {})
    await expect(first.page.getByRole('heading', { name: 'A grid is ready to start' })).toBeVisible()
    await first.close()
    damageMiddle(join(dataDir, 'paper', 'journal.sqlite'))

    const app = await openApp(browser, dataDir, {})
    const { page } = app
    try {
      const banner = page.getByRole('alert').filter({ hasText: 'Paper mode is out of service.' })
      await expect(banner).toContainText('paper/journal.sqlite is damaged: part of it cannot be read, so no bot may trade on it. Nothing in it was changed.')
      await expect(page.getByRole('status', { name: 'Connection health' })).toContainText('journal cannot be used')
      await expect(page.getByText('No bot runs in this mode until its journal is dealt with')).toBeVisible()
      await page.screenshot({ path: join(SHOTS, 'paper-out-of-service.png') })

      await banner.getByRole('button', { name: 'Start a new journal' }).click()
      const dialog = page.getByRole('dialog', { name: 'Start Paper mode over on a new journal?' })
      await expect(dialog).toContainText('The old journal and the paper account are kept, renamed with the date')
      await dialog.getByRole('button', { name: 'Start a new journal' }).click()
      await expect(page.getByRole('heading', { name: 'A grid is ready to start' })).toBeVisible()
      await expect(banner).toHaveCount(0)
      expect(readdirSync(join(dataDir, 'paper')).filter((name) => /^journal\.set-aside-.*\.sqlite$/.test(name))).toHaveLength(1)
    } finally {
      await app.close()
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})
