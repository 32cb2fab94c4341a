import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { commandChannels, eventChannels } from '@shared/api'
import { Decimal } from '@shared/money/decimal'
import { startPaperServer, type PaperServer } from '../main/engine/exchange/paper-server/paper-server'
import { openOrderLabels, TEST_KEY, waitUntil } from '../main/engine/exchange/paper-server/stubs'

const projectRoot = resolve(__dirname, '..')
const TRUSTED = 'app://gridkeeper/index.html'

type Report = { type: string; [key: string]: unknown }

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Runs the built main process under plain Node with Electron stubbed, against a paper server. */
async function launch(server: PaperServer, dataDir: string, dialogResponses = '0', env: Readonly<Record<string, string>> = {}) {
  const child: ChildProcess = spawn(process.execPath, ['-r', join(projectRoot, 'tests', 'support', 'electron-stub.cjs'), join(projectRoot, 'out', 'main', 'index.js')], {
    cwd: projectRoot,
    env: { ...process.env, GRIDKEEPER_DATA_DIR: dataDir, GRIDKEEPER_PAPER_SERVER: server.restUrl, GRIDKEEPER_API_KEY: TEST_KEY.apiKey, GRIDKEEPER_API_SECRET: TEST_KEY.secret, STUB_DIALOG_RESPONSES: dialogResponses, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc']
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const reports: Report[] = []
  const waiting = new Map<number, (report: Report) => void>()
  child.on('message', (message: Report) => {
    reports.push(message)
    if (message.type === 'result') waiting.get(message['id'] as number)?.(message)
  })
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL')
    await exited
  })
  let nextId = 1
  const invoke = (channel: string, args: unknown[] = [], url: string | null = TRUSTED) =>
    new Promise<Report>((done) => {
      const id = nextId++
      waiting.set(id, done)
      child.send({ type: 'invoke', id, channel, args, url })
    })
  const state = async () => ((await invoke(commandChannels.getState))['value'] as { ok: true; value: { connection: { status: string }; bots: { botId: string; status: string; openOrders: unknown[] }[] } }).value
  await waitUntil('the app to connect', async () => (await state()).connection.status === 'ready', 20_000).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${output}`)
  })
  return { child, reports, invoke, state, exited, output: () => output }
}

async function paperServer(): Promise<PaperServer> {
  const server = await startPaperServer({ apiKeys: [TEST_KEY], sim: { balances: { USDT: '10000', BTC: '0' }, prices: { BTCUSDT: '60000.00' } } })
  cleanups.push(() => server.close())
  return server
}

function folder(): string {
  mkdirSync(join(projectRoot, '.tmp'), { recursive: true })
  const path = mkdtempSync(join(projectRoot, '.tmp', 'electron-main-'))
  cleanups.push(() => rmSync(path, { recursive: true, force: true }))
  return path
}

const CONFIG = { id: 'e1', symbol: 'BTCUSDT', grid: { lower: '55000', upper: '65000', grids: 10, investment: '1000' } }

describe('the built Electron main process (Electron stubbed, everything else real)', () => {
  it('opens a sandboxed window, answers every command channel for the app page only, validates payloads and pushes state', { timeout: 60_000 }, async () => {
    const app = await launch(await paperServer(), folder())
    const window = app.reports.find((report) => report.type === 'window') as { options: { webPreferences: Record<string, unknown> } } | undefined
    expect(window?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false })
    expect(app.reports.find((report) => report.type === 'loadURL')).toMatchObject({ url: 'app://gridkeeper/index.html' })
    const { channels, listened } = await new Promise<{ channels: string[]; listened: string[] }>((done) => {
      app.child.on('message', (message: Report) => message.type === 'channels' && done({ channels: message['channels'] as string[], listened: message['listened'] as string[] }))
      app.child.send({ type: 'channels' })
    })
    expect(channels).toEqual(Object.values(commandChannels).sort())
    // electron-store's own channel (the data folder's path for a page that asks) is closed again
    expect(listened).toEqual([])
    expect((await app.invoke(commandChannels.getInfo))['value']).toEqual({ ok: true, value: { name: 'Gridkeeper', version: '0.0.0-stub', mode: 'paper', transport: 'ipc' } })
    expect((await app.invoke(commandChannels.getInfo, [], 'https://evil.example/'))['value']).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    expect((await app.invoke(commandChannels.getInfo, [], null))['value']).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    expect((await app.invoke(commandChannels.emergencyStop, [{ botId: 'e1', sellBase: 'yes' }]))['value']).toMatchObject({ ok: false, error: { code: 'invalid-params' } })
    await waitUntil('a state pushed to the window', async () => app.reports.some((report) => report.type === 'send' && report['channel'] === eventChannels.state), 5_000)
  })

  it('as an installed app: no DevTools in the window or the menu, their shortcuts swallowed, and no address off this computer taken from the environment', { timeout: 60_000 }, async () => {
    const app = await launch(await paperServer(), folder(), '0', { STUB_PACKAGED: '1', GRIDKEEPER_TESTNET_URL: 'https://testnet.evil.example' })
    const window = app.reports.find((report) => report.type === 'window') as { options: { webPreferences: Record<string, unknown> } } | undefined
    expect(window?.options.webPreferences).toMatchObject({ devTools: false, sandbox: true })
    const menu = JSON.stringify(app.reports.find((report) => report.type === 'menu'))
    expect(menu).toContain('editMenu')
    expect(menu).not.toMatch(/toggleDevTools|reload|forceReload|viewMenu/i)
    const press = (input: Record<string, unknown>) =>
      new Promise<boolean>((done) => {
        app.child.once('message', (message: Report) => message.type === 'input' && done(message['prevented'] as boolean))
        app.child.send({ type: 'input', input: { type: 'keyDown', control: false, meta: false, alt: false, shift: false, ...input } })
      })
    expect(await press({ code: 'KeyI', key: 'I', control: true, shift: true })).toBe(true)
    expect(await press({ code: 'KeyA', key: 'a' })).toBe(false)
    // The loopback paper server is taken; the testnet elsewhere is not, and the log says so once
    expect((await app.state()).connection.status).toBe('ready')
    expect(app.output().match(/ignored GRIDKEEPER_TESTNET_URL \(testnet\.evil\.example is not this computer\)/g)).toHaveLength(1)
  })

  it('in development keeps DevTools and the environment as given', { timeout: 60_000 }, async () => {
    const app = await launch(await paperServer(), folder())
    const window = app.reports.find((report) => report.type === 'window') as { options: { webPreferences: Record<string, unknown> } } | undefined
    expect(window?.options.webPreferences['devTools']).toBe(true)
    expect(JSON.stringify(app.reports.find((report) => report.type === 'menu'))).toContain('toggleDevTools')
    expect(app.output()).not.toContain('the installed app ignored')
  })

  it('on quit with orders open asks, and "cancel everything" leaves no order of the bot on the exchange', { timeout: 60_000 }, async () => {
    const server = await paperServer()
    const app = await launch(server, folder(), '1')
    expect((await app.invoke(commandChannels.startBot, [{ config: CONFIG }]))['value']).toEqual({ ok: true, value: { botId: 'e1' } })
    await waitUntil('the grid', async () => (await openOrderLabels(server)).length >= 9, 10_000)
    app.child.send({ type: 'quit' })
    expect(await app.exited).toBe(0)
    expect(app.reports.find((report) => report.type === 'dialog')).toMatchObject({ message: 'Your bots have orders on the exchange.', buttons: ['Leave the grid running', 'Cancel everything and quit', "Don't quit"], response: 1 })
    expect(await openOrderLabels(server)).toEqual([])
  })

  it('"leave the grid running" quits with the orders on the exchange; the next start picks them up, and a wake from sleep reconciles every bot', { timeout: 90_000 }, async () => {
    const server = await paperServer()
    const dataDir = folder()
    const first = await launch(server, dataDir, '0')
    await first.invoke(commandChannels.startBot, [{ config: CONFIG }])
    await waitUntil('the grid', async () => (await openOrderLabels(server)).length >= 9, 10_000)
    const placed = await openOrderLabels(server)
    first.child.send({ type: 'quit' })
    expect(await first.exited).toBe(0)
    expect(await openOrderLabels(server)).toEqual(placed)

    const second = await launch(server, dataDir, '2')
    expect((await second.state()).bots.map((bot) => [bot.botId, bot.status])).toEqual([['e1', 'running']])
    second.child.send({ type: 'power', event: 'suspend' })
    server.trade('BTCUSDT', new Decimal('58900'), new Decimal('1'))
    second.child.send({ type: 'power', event: 'resume' })
    await waitUntil('the counter SELL of the fill', async () => (await openOrderLabels(server)).includes('SELL@60000'), 15_000)
    await waitUntil('the reconciliation on resume', async () => second.output().includes('resumed from sleep: reconciling every bot'), 5_000)
    // "Don't quit" keeps it running
    second.child.send({ type: 'quit' })
    await waitUntil('the quit question', async () => second.reports.some((report) => report.type === 'dialog'), 5_000)
    expect(second.child.exitCode).toBeNull()
    expect((await second.state()).connection.status).toBe('ready')
  })

  it('says in a box why it cannot start when its data folder cannot be created, and ends', { timeout: 60_000 }, async () => {
    const file = join(folder(), 'not-a-folder')
    writeFileSync(file, '')
    const dataDir = join(file, 'Gridkeeper')
    const child = spawn(process.execPath, ['-r', join(projectRoot, 'tests', 'support', 'electron-stub.cjs'), join(projectRoot, 'out', 'main', 'index.js')], {
      cwd: projectRoot,
      env: { ...process.env, GRIDKEEPER_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc']
    })
    const reports: Report[] = []
    child.on('message', (message: Report) => reports.push(message))
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((done) => child.once('exit', (exitCode) => done(exitCode)))
    const message = `cannot create the data folder ${dataDir}: a part of its path is a file, not a folder; start Gridkeeper with another data folder (GRIDKEEPER_DATA_DIR)`
    expect(code).toBe(2)
    expect(reports.filter((report) => report.type === 'error-box' || report.type === 'window')).toEqual([{ type: 'error-box', title: 'Gridkeeper cannot start', content: message }])
    expect(stderr).toBe(`Gridkeeper cannot start: ${message}\n`)
  })
})
