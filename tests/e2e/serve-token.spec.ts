import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startServe } from './support/processes'

// `gridkeeper serve` only: the desktop app has no token to lose
test('a page opened without its token says how to connect, and opens no API connection', async ({ page }) => {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'e2e-token-'))
  const serve = await startServe(join(folder, 'data'))
  try {
    const sockets: string[] = []
    page.on('websocket', (socket) => sockets.push(socket.url()))
    await page.goto(serve.url.replace(/#.*$/, ''))
    await expect(page.getByText(/Not connected to Gridkeeper: open the address `gridkeeper serve` printed/)).toBeVisible()
    expect(sockets).toEqual([])
    // With the token in the address the same page connects and shows the app
    await page.goto('about:blank')
    await page.goto(serve.url)
    await expect(page.getByLabel('Mode: Paper')).toBeVisible()
    expect(sockets).toHaveLength(1)
  } finally {
    await serve.started.stop()
    rmSync(folder, { recursive: true, force: true })
  }
})
