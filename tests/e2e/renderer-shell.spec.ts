import { expect, test } from '@playwright/test'

test.describe('the renderer in Chromium', () => {
  test('shows the version and Paper mode that the bridge reports, under the strict CSP', async ({ page }) => {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      // Browsers ask for /favicon.ico on their own; the app has none to serve there
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(message.text())
    })
    await page.addInitScript(() => {
      Object.defineProperty(globalThis, 'gridkeeper', {
        value: { getInfo: async () => ({ ok: true, value: { name: 'Gridkeeper', version: '9.8.7', mode: 'paper' } }) }
      })
    })
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Gridkeeper' })).toBeVisible()
    await expect(page.getByText('9.8.7')).toBeVisible()
    await expect(page.getByText('Paper')).toBeVisible()
    expect(errors).toEqual([])
  })

  test('says it is not connected when there is no bridge', async ({ page }) => {
    await page.goto('/')
    await expect(page.getByText('Not connected to the Gridkeeper desktop app.')).toBeVisible()
  })

  test('shows the error the bridge returns', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(globalThis, 'gridkeeper', {
        value: { getInfo: async () => ({ ok: false, error: { code: 'internal', message: 'keychain locked' } }) }
      })
    })
    await page.goto('/')
    await expect(page.getByText('keychain locked')).toBeVisible()
  })
})
