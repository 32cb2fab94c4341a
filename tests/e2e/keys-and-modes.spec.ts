import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { openApp, TARGET, type AppUnderTest } from './support/app-under-test'
import { PAPER_KEY, startGridkeeper, startPaperServerProcess, type Started } from './support/processes'
import { writeSawtoothKlines } from './support/sawtooth-klines'

const SHOTS = process.env['GRIDKEEPER_SCREENSHOTS'] ?? join(process.cwd(), '.tmp', 'screenshots')

// Keys entered in the page go to the real OS keychain; Testnet mode is pointed at a paper server
// process that accepts them, so switching modes trades for real over the Binance protocol
test.describe.configure({ mode: 'serial' })

let folder: string
let paper: { started: Started; rest: string }
let app: AppUnderTest
let page: Page
const received: string[] = []
const sent: string[] = []

/** Every file under a folder, as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }]
  })
}

test.beforeAll(async ({ browser }) => {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  mkdirSync(SHOTS, { recursive: true })
  folder = mkdtempSync(join(process.cwd(), '.tmp', 'e2e-keys-'))
  writeSawtoothKlines(join(folder, 'klines.json'), { mid: 60_000, swing: 450, candles: 2_000 })
  paper = await startPaperServerProcess(join(folder, 'klines.json'), 20)
  await open(browser)
})

/** Opens the app with Testnet mode on the paper server, recording every WebSocket frame (serve's transport). */
async function open(browser: Parameters<typeof openApp>[0]): Promise<void> {
  app = await openApp(browser, join(folder, 'data'), { testnetRest: paper.rest })
  page = app.page
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => received.push(String(frame.payload)))
    socket.on('framesent', (frame) => sent.push(String(frame.payload)))
  })
  // The page was opened before the listener: load it again so its socket is seen from the first frame
  await page.reload()
}

test.afterAll(async () => {
  await app?.close()
  await paper?.started.stop()
  // The test's keychain entry goes too
  await startGridkeeper(['keys', 'delete', '--profile', 'testnet'], {}, () => true).then(({ started }) => started.stop()).catch(() => undefined)
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true })
})

test('keys are entered once: the key is shown masked, the secret never again', async () => {
  await expect(page.getByLabel('Mode: Paper')).toBeVisible()
  await page.getByRole('button', { name: 'Mode and keys' }).click()
  const form = page.getByRole('form', { name: 'testnet key form' })
  await form.getByLabel('API key').fill(PAPER_KEY.apiKey)
  await form.getByLabel('API secret').fill(PAPER_KEY.secret)
  await form.getByRole('button', { name: 'Save keys' }).click()
  await expect(page.getByLabel('testnet saved key')).toHaveText(`Saved key: ${PAPER_KEY.apiKey.slice(0, 4)}…${PAPER_KEY.apiKey.slice(-4)}`)
  await expect(form.getByLabel('API secret')).toHaveValue('')
  await expect(form.getByLabel('API key')).toHaveValue('')
})

test('test connection shows what the key may do', async () => {
  await page.getByRole('form', { name: 'testnet key form' }).getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByLabel('testnet connection test')).toContainText('Can trade; withdrawals disabled; IP restriction not reported by this exchange; permissions SPOT.')
})

test('the keys are in the OS keychain', async () => {
  const { started, line } = await startGridkeeper(['keys', 'list'], {}, (text) => text.includes('testnet'))
  await started.stop()
  expect(line).toContain(`${PAPER_KEY.apiKey.slice(0, 4)}…${PAPER_KEY.apiKey.slice(-4)}`)
  expect(line).not.toContain(PAPER_KEY.secret)
})

test('switching to Testnet trades with those keys on its exchange', async () => {
  await page.getByRole('region', { name: 'Trading mode' }).getByRole('button', { name: 'Testnet' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Switch to testnet' }).click()
  await expect(page.getByLabel('Mode: Testnet')).toBeVisible({ timeout: 20_000 })
  await page.getByRole('button', { name: 'Dashboard' }).click()
  await expect(page.getByRole('heading', { name: 'No grid in testnet mode yet' })).toBeVisible({ timeout: 20_000 })
  await expect(page.getByRole('region', { name: 'Balances' }).locator('tr[data-asset="USDT"]')).toContainText('10,000')
  await page.screenshot({ path: join(SHOTS, 'testnet-mode.png') })
})

test('the secret is in no page, no message from the app, no log, database or settings file', async () => {
  const html = await page.content()
  expect(html).not.toContain(PAPER_KEY.secret)
  const storage = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }))
  expect(storage).not.toContain(PAPER_KEY.secret)
  if (TARGET === 'browser') {
    expect(received.length).toBeGreaterThan(10)
    expect(received.filter((frame) => frame.includes(PAPER_KEY.secret))).toEqual([])
    // It left the page exactly once, in the command that saved it
    expect(sent.filter((frame) => frame.includes(PAPER_KEY.secret)).map((frame) => (JSON.parse(frame) as { method: string }).method)).toEqual(['saveKeys'])
  }
  expect(app.output()).not.toContain(PAPER_KEY.secret)
  const files = filesUnder(join(folder, 'data'))
  expect(files.map((file) => file.path).some((path) => path.endsWith('gridkeeper.log'))).toBe(true)
  expect(files.map((file) => file.path).some((path) => path.endsWith('journal.sqlite'))).toBe(true)
  expect(files.map((file) => file.path).some((path) => path.endsWith('preferences.json'))).toBe(true)
  for (const file of files) expect(file.bytes.includes(PAPER_KEY.secret), file.path).toBe(false)
})

test('after a restart the app opens in Testnet mode again', async ({ browser }) => {
  await app.close()
  await open(browser)
  await expect(page.getByLabel('Mode: Testnet')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'No grid in testnet mode yet' })).toBeVisible({ timeout: 20_000 })
})
