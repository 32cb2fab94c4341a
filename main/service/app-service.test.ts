import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppStateView } from '@shared/api'
import { MemoryLogger } from '../engine/logging/logger'
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

async function open(dataDir: string, keyStore = new MemoryKeyStore(), paperServer?: AppServiceOptions['paperServer']) {
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
})
