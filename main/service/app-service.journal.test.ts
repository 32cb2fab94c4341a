import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { customEndpoints } from '../engine/exchange/binance/urls'
import { startPaperServer } from '../engine/exchange/paper-server/paper-server'
import { openOrderLabels, TEST_KEY } from '../engine/exchange/paper-server/stubs'
import { MemoryLogger } from '../engine/logging/logger'
import { MemoryKeyStore } from '../keys/memory-key-store'
import { AppService, type AppServiceOptions } from './app-service'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function folder(): string {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const path = mkdtempSync(join(process.cwd(), '.tmp', 'app-service-journal-'))
  cleanups.push(() => rmSync(path, { recursive: true, force: true }))
  return path
}

async function open(dataDir: string, more: Partial<AppServiceOptions> = {}) {
  const logger = new MemoryLogger()
  const service = new AppService({ dataDir, version: '1.2.3', logger, transport: 'websocket', keyStore: new MemoryKeyStore(), paper: { tickMs: 50, seed: 7 }, stateIntervalMs: 50, balanceIntervalMs: 200, ...more })
  let stopped = false
  const stop = async () => {
    if (!stopped) await service.stop()
    stopped = true
  }
  cleanups.push(stop)
  await service.start()
  return { service, handlers: service.handlers(), logger, stop }
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

/** Overwrites the start of the pages in the middle of a closed journal: their headers and cell pointers. */
function damageMiddle(file: string): void {
  const pages = statSync(file).size / 4096
  const descriptor = openSync(file, 'r+')
  for (let page = Math.floor(pages * 0.4); page <= Math.floor(pages * 0.6); page += 1) writeSync(descriptor, Buffer.alloc(200, 0xa5), 0, 200, page * 4096)
  closeSync(descriptor)
}

/** The errors the app logged. */
const errors = (logger: MemoryLogger) => logger.lines.filter((line) => line.level === 'error')

describe('AppService with a journal that cannot be used', () => {
  it('takes a mode with a damaged journal out of service with one log line, keeps the other modes working, and starts it over only on purpose', { timeout: 60_000 }, async () => {
    const server = await startPaperServer({ apiKeys: [TEST_KEY], sim: { balances: { USDT: '10000', BTC: '0' }, prices: { BTCUSDT: '60000.00' } } })
    cleanups.push(() => server.close())
    const access = { endpoints: customEndpoints(server.restUrl, server.wsUrl), apiKey: TEST_KEY.apiKey, apiSecret: TEST_KEY.secret }
    const dataDir = folder()
    const first = await open(dataDir, { paperServer: access })
    const config = { id: 'g1', symbol: 'BTCUSDT', grid: { lower: '55000', upper: '65000', grids: 10, investment: '1000' } }
    expect(await first.handlers.startBot({ config })).toEqual({ ok: true, value: { botId: 'g1' } })
    await until('the grid', async () => ((await openOrderLabels(server)).length === 10 ? true : undefined))
    await first.stop()
    const journal = join(dataDir, 'paper', 'journal.sqlite')
    damageMiddle(journal)
    const damagedBytes = readFileSync(journal)

    const keyStore = new MemoryKeyStore()
    await keyStore.save('testnet', { apiKey: TEST_KEY.apiKey, apiSecret: TEST_KEY.secret })
    const { service, handlers, logger } = await open(dataDir, { paperServer: access, keyStore, endpoints: { testnet: access.endpoints } })
    const state = await handlers.getState(undefined)
    expect(state).toMatchObject({ ok: true, value: { mode: 'paper', bots: [], connection: { status: 'out-of-service', problem: { code: 'journal-damaged', newJournalAllowed: true } } } })
    const message = state.ok ? (state.value.connection.message ?? '') : ''
    expect(message).toBe(`The journal ${journal} is damaged: part of it cannot be read, so no bot may trade on it. Nothing in it was changed. Restore it from a backup, or start paper mode over on purpose with Start a new journal, which keeps the old journal and paper account renamed with the date.`)
    expect(await handlers.startBot({ config: { ...config, id: 'g2' } })).toEqual({ ok: false, error: { code: 'mode-out-of-service', message, details: { problem: 'journal-damaged' } } })
    // Many state ticks later the log still holds the one line that said so
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(errors(logger).map((line) => line.message)).toEqual([`paper mode is out of service: ${message}`])
    expect(readFileSync(journal).equals(damagedBytes)).toBe(true)

    // Testnet has a journal of its own and works
    expect(await handlers.setMode({ mode: 'testnet' })).toEqual({ ok: true, value: null })
    expect(service.state().connection).toEqual({ status: 'ready', message: null })
    expect(await handlers.startNewJournal({ mode: 'testnet' })).toMatchObject({ ok: false, error: { code: 'journal-in-use' } })
    expect(await handlers.setMode({ mode: 'paper' })).toEqual({ ok: true, value: null })
    expect(service.state().connection.status).toBe('out-of-service')

    // Started over on purpose: the damaged journal kept under a dated name, Paper open on a new one;
    // the paper exchange still holds g1's orders, so a new g1 is refused and another id starts
    const fresh = await handlers.startNewJournal({ mode: 'paper' })
    expect(fresh).toEqual({ ok: true, value: { setAside: [expect.stringMatching(/paper\/journal\.set-aside-\d{4}-\d\d-\d\dT\d{6}Z\.sqlite$/)] } })
    const aside = fresh.ok ? (fresh.value.setAside[0] as string) : ''
    expect(readFileSync(aside).equals(damagedBytes)).toBe(true)
    expect(service.state().connection).toEqual({ status: 'ready', message: null })
    expect(await handlers.startBot({ config })).toMatchObject({ ok: false, error: { code: 'bot-id-in-use', message: expect.stringMatching(/^bot g1 is not created: the exchange already has 10 open and 1 earlier BTCUSDT orders/) } })
    expect(await handlers.startBot({ config: { ...config, id: 'g2', grid: { ...config.grid, investment: '500' } } })).toEqual({ ok: true, value: { botId: 'g2' } })
  })

  it('refuses to start Paper over on an emptied journal while the paper account holds the old bot\'s orders, and starts over with a new paper account on purpose', { timeout: 60_000 }, async () => {
    const dataDir = folder()
    const first = await open(dataDir)
    const suggested = await until('a suggestion', () => first.service.state().suggestedConfig ?? undefined)
    expect(await first.handlers.startBot({ config: { ...suggested, grid: { ...suggested.grid, grids: 6 } } })).toEqual({ ok: true, value: { botId: 'grid1' } })
    await until('the grid', () => first.service.state().bots.find((view) => view.openOrders.length >= 5))
    await first.stop()
    const journal = join(dataDir, 'paper', 'journal.sqlite')
    truncateSync(journal, 0)
    rmSync(`${journal}-wal`, { force: true })
    rmSync(`${journal}-shm`, { force: true })

    const { service, handlers, logger } = await open(dataDir)
    const connection = service.state().connection
    expect(connection).toMatchObject({ status: 'out-of-service', problem: { code: 'journal-lost', newJournalAllowed: true } })
    // The test's log is in memory: the paper account is what shows the earlier journal
    expect(connection.message).toMatch(/^The journal .*paper\/journal\.sqlite is empty, but this data folder shows there was one: the paper account paper\/account\.json holds \d+ orders of bot grid1\./)
    expect(errors(logger)).toHaveLength(1)
    expect(statSync(journal).size).toBe(0)

    const fresh = await handlers.startNewJournal({ mode: 'paper' })
    expect(fresh.ok && fresh.value.setAside.map((path) => path.slice(dataDir.length + 1)).sort()).toEqual([expect.stringMatching(/^paper\/account\.set-aside-.*\.json$/), expect.stringMatching(/^paper\/journal\.set-aside-.*\.sqlite$/)])
    expect(service.state().connection).toEqual({ status: 'ready', message: null })
    // A new paper account: the old bot's orders and locked funds went aside with the old one
    await until('a new account', () => (service.state().balances.some((balance) => balance.asset === 'USDT' && balance.free === '10000' && balance.locked === '0') ? true : undefined))
    expect(readdirSync(join(dataDir, 'paper')).filter((name) => name.includes('set-aside'))).toHaveLength(2)
    expect(existsSync(join(dataDir, 'paper', 'journal.sqlite'))).toBe(true)
  })

  it('takes the mode out of service once when its journal turns unreadable while the app runs', { timeout: 30_000 }, async () => {
    const { service, handlers, logger } = await open(folder())
    await until('the account', () => (service.state().connection.status === 'ready' ? true : undefined))
    // What node:sqlite throws on reading a damaged page
    const session = (service as unknown as { session: { journal: { listBots: () => unknown } } }).session
    session.journal.listBots = () => {
      throw Object.assign(new Error('database disk image is malformed'), { code: 'ERR_SQLITE_ERROR', errcode: 11 })
    }
    expect(await handlers.getState(undefined)).toMatchObject({ ok: true, value: { connection: { status: 'out-of-service', problem: { code: 'journal-damaged' } }, bots: [] } })
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(errors(logger).map((line) => line.message)).toEqual([expect.stringMatching(/^paper mode is out of service: The journal .* is damaged: part of it cannot be read/)])
    expect(await handlers.previewPlan({ config: {} })).toMatchObject({ ok: false, error: { code: 'mode-out-of-service' } })
  })
})
