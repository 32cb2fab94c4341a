import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppStateView, BacktestUpdate } from '@shared/api'
import { MemoryLogger } from '../engine/logging/logger'
import type { KeyStore } from '../keys/key-store'
import { KeytarKeyStore } from '../keys/keytar-key-store'
import { createKeytarLoader } from '../keys/keytar-loader'
import { MemoryKeyStore } from '../keys/memory-key-store'
import { Decimal } from '@shared/money/decimal'
import { customEndpoints } from '../engine/exchange/binance/urls'
import { startPaperServer } from '../engine/exchange/paper-server/paper-server'
import { openOrderLabels, TEST_KEY } from '../engine/exchange/paper-server/stubs'
import { AppService, type AppServiceOptions } from './app-service'
import { PREFERENCES_FILE } from './preferences'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function folder(): string {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const path = mkdtempSync(join(process.cwd(), '.tmp', 'app-service-'))
  cleanups.push(() => rmSync(path, { recursive: true, force: true }))
  return path
}

async function open(dataDir: string, keyStore: KeyStore = new MemoryKeyStore(), paperServer?: AppServiceOptions['paperServer']) {
  const logger = new MemoryLogger()
  const service = new AppService({ dataDir, version: '1.2.3', logger, transport: 'websocket', keyStore, paper: { tickMs: 50, seed: 7 }, stateIntervalMs: 50, balanceIntervalMs: 200, ...(paperServer === undefined ? {} : { paperServer }) })
  let stopped = false
  const stop = async () => {
    if (!stopped) await service.stop()
    stopped = true
  }
  cleanups.push(stop)
  await service.start()
  return { service, handlers: service.handlers(), logger, stop, keyStore }
}

async function until<T>(what: string, read: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('AppService in Paper mode (the built-in paper exchange through the Binance adapter)', () => {
  it('opens ready with a grid to start, and starts it', { timeout: 30_000 }, async () => {
    const { service, handlers } = await open(folder())
    const state: AppStateView = service.state()
    expect(state.mode).toBe('paper')
    expect(state.connection).toEqual({ status: 'ready', message: null })
    expect(state.balances).toContainEqual({ asset: 'USDT', free: '10000', locked: '0' })
    const suggested = await until('a suggestion', () => service.state().suggestedConfig ?? undefined)
    expect(await handlers.startBot({ config: { ...suggested, grid: { ...suggested.grid, grids: 6 } } })).toEqual({ ok: true, value: { botId: 'grid1' } })
    const bot = await until('open orders', () => service.state().bots.find((view) => view.openOrders.length >= 5))
    expect(bot.levels).toHaveLength(7)
    expect(bot.profit?.startValue).toBe('1000')
    expect(service.state().suggestedConfig?.id).toBe('grid2')
    expect(await handlers.startBot({ config: suggested })).toMatchObject({ ok: false, error: { code: 'bot-exists' } })
  })

  it('refuses to start a grid the free balance cannot pay for, says so at the investment, and leaves no bot behind', { timeout: 30_000 }, async () => {
    const { service, handlers } = await open(folder())
    const suggested = await until('a suggestion', () => service.state().suggestedConfig ?? undefined)
    const config = { ...suggested, grid: { ...suggested.grid, investment: '50000' } }
    const preview = await handlers.previewPlan({ config })
    const problem = { field: 'grid.investment', code: 'INSUFFICIENT_QUOTE', message: expect.stringMatching(/^Investment of 50000 USDT is more than the 10000 USDT the account has free/) }
    expect(preview.ok && preview.value.problems).toEqual(expect.arrayContaining([expect.objectContaining(problem)]))
    const started = await handlers.startBot({ config })
    expect(started).toMatchObject({ ok: false, error: { code: 'plan-problems', message: expect.stringContaining('Investment of 50000 USDT is more than') } })
    expect(service.state().bots).toEqual([])
  })

  it('after a restart shows what happened while it was away, and can then cancel everything', { timeout: 60_000 }, async () => {
    const dataDir = folder()
    const server = await startPaperServer({ apiKeys: [TEST_KEY], sim: { balances: { USDT: '10000', BTC: '0' }, prices: { BTCUSDT: '60000.00' } } })
    cleanups.push(() => server.close())
    const paperServer = { endpoints: customEndpoints(server.restUrl, server.wsUrl), apiKey: TEST_KEY.apiKey, apiSecret: TEST_KEY.secret }
    const first = await open(dataDir, new MemoryKeyStore(), paperServer)
    const config = { id: 'g1', symbol: 'BTCUSDT', grid: { lower: '55000', upper: '65000', grids: 10, investment: '1000' } }
    expect(await first.handlers.startBot({ config })).toEqual({ ok: true, value: { botId: 'g1' } })
    await until('the grid', async () => ((await openOrderLabels(server)).includes('BUY@59000') ? true : undefined))
    await first.stop()
    expect(JSON.parse(readFileSync(join(dataDir, PREFERENCES_FILE), 'utf8'))).toMatchObject({ mode: 'paper', lastActiveMs: expect.any(Number) })
    // While the app is closed the price falls through a BUY
    server.trade('BTCUSDT', new Decimal('58900'), new Decimal('0.5'))

    const second = await open(dataDir, new MemoryKeyStore(), paperServer)
    const away = second.service.state().away
    expect(away?.items.filter((item) => item.kind === 'fill').map((item) => item.text)).toEqual([expect.stringMatching(/^BUY 0\.0\d+ BTCUSDT filled at 59000/)])
    // The missed fill was answered on start: its counter SELL is on the exchange
    expect(await openOrderLabels(server)).toContain('SELL@60000')
    expect(await second.handlers.dismissAway(undefined as never)).toEqual({ ok: true, value: null })
    expect(second.service.state().away).toBeNull()
    const stops = await second.handlers.stopAll({ sellBase: false })
    expect(stops.ok && stops.value.map((outcome) => [outcome.botId, outcome.stillOpen.length])).toEqual([['g1', 0]])
    expect(second.service.state().bots[0]?.status).toBe('stopped')
    expect(second.service.hasOpenOrders()).toBe(false)
    expect(await openOrderLabels(server)).toEqual([])
  })

  it('refuses a second process on the data folder, naming the first', async () => {
    const dataDir = folder()
    await open(dataDir)
    expect(() => new AppService({ dataDir, version: '1', logger: new MemoryLogger(), transport: 'ipc', keyStore: new MemoryKeyStore() })).toThrow(/in use by another Gridkeeper process/)
  })

  it('keeps keys in the key store, shows them masked, and will not switch to a mode without keys', { timeout: 30_000 }, async () => {
    const { service, handlers, keyStore } = await open(folder())
    expect(await handlers.setMode({ mode: 'live' })).toMatchObject({ ok: false, error: { code: 'no-keys', message: 'save the API key and secret of your live account first' } })
    expect(await handlers.saveKeys({ profile: 'testnet', apiKey: 'abcdEFGH12345678wxyz', apiSecret: ' padded ' })).toMatchObject({ ok: false, error: { code: 'invalid-keys', message: expect.stringContaining('whitespace') } })
    const saved = await handlers.saveKeys({ profile: 'testnet', apiKey: 'abcdEFGH12345678wxyz', apiSecret: 'the-secret-value' })
    expect(saved).toEqual({ ok: true, value: { profile: 'testnet', maskedKey: 'abcd…wxyz', problem: null } })
    expect(service.state().keys).toEqual([{ profile: 'testnet', maskedKey: 'abcd…wxyz', problem: null }])
    expect(JSON.stringify(service.state())).not.toContain('the-secret-value')
    expect(await keyStore.load('testnet')).toEqual({ apiKey: 'abcdEFGH12345678wxyz', apiSecret: 'the-secret-value' })
    expect(await handlers.deleteKeys({ profile: 'testnet' })).toEqual({ ok: true, value: { removed: true } })
    expect(service.state().keys).toEqual([])
  })

  it('without keytar runs Paper mode, and its state says why keys cannot be kept and how to install the keychain', { timeout: 30_000 }, async () => {
    const missing = Object.assign(new Error("Cannot find module 'keytar'\nRequire stack:\n- out/main/cli.js"), { code: 'MODULE_NOT_FOUND' })
    const keyStore = new KeytarKeyStore(createKeytarLoader(async () => Promise.reject(missing), 'linux'), 'linux')
    const { service, handlers, logger } = await open(folder(), keyStore)
    const problem = service.state().keychainProblem
    expect(problem).toMatch(/^the OS keychain is not available: Gridkeeper was installed without its keychain module \(keytar\), which needs libsecret to build; on Debian: sudo apt-get install libsecret-1-dev gnome-keyring, then npm install again; [^\n]*D-Bus session[^\n]*$/)
    await until('Paper mode', () => (service.state().connection.status === 'ready' ? true : undefined))
    expect(await handlers.saveKeys({ profile: 'testnet', apiKey: 'abcdEFGH12345678wxyz', apiSecret: 'the-secret-value' })).toEqual({ ok: false, error: { code: 'keychain', message: problem } })
    expect(service.state().keychainProblem).toBe(problem)
    expect(logger.lines.filter((line) => line.message === problem)).toHaveLength(1)
  })

  it('shows no keychain problem when the keychain answers', async () => {
    const { service } = await open(folder())
    expect(service.state().keychainProblem).toBeNull()
  })

  it('runs a backtest in the background on the exchange rules of the mode, and pushes its progress and result as events', { timeout: 30_000 }, async () => {
    const dataDir = folder()
    const path = join(dataDir, 'BTCUSDT-1m-2024-03.csv')
    const start = Date.UTC(2024, 2, 1)
    // A wave of 800 around 60,000 twice a day: the grid's levels fill on its way up and down
    const price = (index: number) => 60_000 + 800 * Math.sin((2 * Math.PI * index) / 720)
    const rows = Array.from({ length: 2_000 }, (_, index) => {
      const [open, close] = [price(index), price(index + 1)]
      return [start + index * 60_000, open.toFixed(2), (Math.max(open, close) + 5).toFixed(2), (Math.min(open, close) - 5).toFixed(2), close.toFixed(2), '1.5', start + index * 60_000 + 59_999, '90000', 20, '0.7', '42000', '0'].join(',')
    })
    writeFileSync(path, `${rows.join('\n')}\n`)
    const { service, handlers } = await open(dataDir)
    const updates: BacktestUpdate[] = []
    service.events.listen((event, payload) => {
      if (event === 'backtest') updates.push(payload as BacktestUpdate)
    })
    const config = { id: 'bt', symbol: 'BTCUSDT', grid: { lower: '59000', upper: '61000', grids: 10, investment: '1000' } }
    const started = await handlers.startBacktest({ config, klines: { kind: 'file', path } })
    expect(started).toMatchObject({ ok: true, value: { backtestId: expect.any(String) } })
    expect(await handlers.startBacktest({ config, klines: { kind: 'file', path } })).toMatchObject({ ok: false, error: { code: 'backtest-running' } })
    const done = await until('the backtest', () => updates.find((update) => update.phase === 'done' || update.phase === 'failed'))
    expect(done).toMatchObject({ phase: 'done', total: 2_000, result: { symbol: 'BTCUSDT', warnings: [] } })
    expect(done.result?.report.fills.buy).toBeGreaterThan(10)
    expect(updates[0]?.phase).toBe('loading')
    expect(await handlers.cancelBacktest({ backtestId: started.ok ? started.value.backtestId : '' })).toEqual({ ok: true, value: { cancelled: false } })
  })
})
