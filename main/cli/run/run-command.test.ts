import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Decimal } from '@shared/money/decimal'
import { afterEach, describe, expect, it } from 'vitest'
import { startPaperServer } from '../../engine/exchange/paper-server/paper-server'
import { openOrderLabels, TEST_KEY, waitUntil } from '../../engine/exchange/paper-server/stubs'
import { openJournal } from '../../engine/journal'
import type { KeyStore } from '../../keys/key-store'
import { MemoryKeyStore } from '../../keys/memory-key-store'
import { runCli } from '../run-cli'

const CONFIG = {
  id: 'r1',
  symbol: 'BTCUSDT',
  grid: { lower: '55000', upper: '65000', grids: 10, spacing: 'arithmetic', investment: '1000', baseHeld: '0' }
}

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function folder(): string {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const path = mkdtempSync(join(process.cwd(), '.tmp', 'run-command-'))
  cleanups.push(() => rmSync(path, { recursive: true, force: true }))
  return path
}

/** Runs `gridkeeper run` in-process; `stop` plays the signal that ends it. */
function start(argv: readonly string[], env: Record<string, string> = { GRIDKEEPER_API_KEY: TEST_KEY.apiKey, GRIDKEEPER_API_SECRET: TEST_KEY.secret }, keyStore?: KeyStore) {
  let stdout = ''
  let stderr = ''
  let stop: (signal: string) => void = () => undefined
  const stopped = new Promise<string>((resolve) => (stop = resolve))
  const exit = runCli(['run', ...argv], {
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    readTextFile: async (path: string) => readFile(path, 'utf8'),
    untilStopped: () => stopped,
    env,
    ...(keyStore === undefined ? {} : { keyStore })
  }, '9.9.9')
  return { stop, exit, output: () => ({ stdout, stderr }) }
}

describe('gridkeeper run (in process, against a paper server)', () => {
  it('creates the grid, stops on a signal leaving its orders, and on the next run answers a fill made while it was stopped', { timeout: 30_000 }, async () => {
    const server = await startPaperServer({ apiKeys: [TEST_KEY], sim: { balances: { USDT: '10000', BTC: '0' }, prices: { BTCUSDT: '60000.00' } } })
    cleanups.push(() => server.close())
    const dir = folder()
    const configPath = join(dir, 'bot.json')
    writeFileSync(configPath, JSON.stringify(CONFIG))
    const argv = ['--config', configPath, '--endpoint', server.restUrl, '--data-dir', join(dir, 'data')]

    const first = start(argv)
    await waitUntil('the grid', async () => (await openOrderLabels(server)).length === 10, 10_000)
    expect(await openOrderLabels(server)).toContain('BUY@59000')
    first.stop('SIGTERM')
    expect(await first.exit).toBe(0)
    expect(first.output().stderr).toBe('')
    expect(first.output().stdout).toMatch(/INFO {2}creating the bot/)
    expect(first.output().stdout).toMatch(/INFO {2}stopping on SIGTERM; the bot's orders stay on the exchange/)
    expect(await openOrderLabels(server)).toHaveLength(10)

    // While nothing runs, the BUY at 59,000 fills
    server.trade('BTCUSDT', new Decimal('58990'), new Decimal('100'))
    await waitUntil('the fill', async () => !(await openOrderLabels(server)).includes('BUY@59000'), 10_000)

    const second = start(argv)
    await waitUntil('the counter-SELL of the fill made while stopped', async () => (await openOrderLabels(server)).includes('SELL@60000'), 10_000)
    second.stop('SIGINT')
    expect(await second.exit).toBe(0)
    expect(second.output().stdout).toMatch(/INFO {2}restoring the bot/)
    expect(second.output().stdout).not.toMatch(/ERROR/)
    const orders = await openOrderLabels(server)
    expect(orders).toHaveLength(10)
    expect(new Set(orders).size).toBe(10)
    // Ever sent: the MARKET buy of the base the SELLs need, the ten grid orders, one counter-order
    const sent = await server.sim.allOrders({ symbol: 'BTCUSDT' })
    expect(sent.filter((order) => order.type === 'MARKET')).toHaveLength(1)
    expect(sent.filter((order) => order.type === 'LIMIT')).toHaveLength(11)

    // The log file holds both runs
    const log = readFileSync(join(dir, 'data', 'gridkeeper.log'), 'utf8')
    expect(log.match(/INFO {2}running /g)).toHaveLength(2)
    const journal = openJournal(join(dir, 'data', 'journal.sqlite'))
    expect(journal.listUnhedgedFills('r1')).toEqual([])
    // The acquisition and the grid BUY filled while stopped
    expect(journal.listFills('r1').map((fill) => `${fill.side}@${fill.price}`)).toEqual(['BUY@60000', 'BUY@59000'])
    journal.close()
  })

  it('refuses a config whose decimal setting is not a number with one short line naming the setting, no stack trace', async () => {
    const dir = folder()
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ ...CONFIG, grid: { ...CONFIG.grid, lower: 'abc', investment: 'x'.repeat(900_000) }, fees: { maker: '' } }))
    const run = start(['--config', bad, '--endpoint', 'testnet'])
    expect(await run.exit).toBe(2)
    const { stdout, stderr } = run.output()
    expect(stdout).toBe('')
    expect(stderr).toBe(
      `gridkeeper run: --config ${bad} is not a valid bot configuration: Lower price must be a number like 55000, not "abc"; ` +
        `Investment must be a number like 1000, not "${'x'.repeat(32)}…" (900000 characters); Maker fee is empty: write a number like 0.001\n`
    )
  })

  it('refuses bad options, a bad config and missing keys with one line on stderr and exit 2, touching nothing', async () => {
    const dir = folder()
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ ...CONFIG, grid: { ...CONFIG.grid, upper: '50000' } }))
    const notJson = join(dir, 'not.json')
    writeFileSync(notJson, '{ id: ')
    const good = join(dir, 'good.json')
    writeFileSync(good, JSON.stringify(CONFIG))
    const data = join(dir, 'data')
    for (const [argv, env, message] of [
      [['--endpoint', 'testnet'], undefined, '--config is required'],
      [['--config', join(dir, 'none.json'), '--endpoint', 'testnet'], undefined, `cannot read --config ${join(dir, 'none.json')}: no such file`],
      [['--config', notJson, '--endpoint', 'testnet'], undefined, `--config ${notJson} is not JSON`],
      [['--config', bad, '--endpoint', 'testnet'], undefined, `--config ${bad} is not a valid bot configuration: Upper price must be above the lower price (55000)`],
      [['--config', good], undefined, '--endpoint is required'],
      [['--config', good, '--endpoint', 'moon'], undefined, '--endpoint must be live, testnet, demo or an http(s):// URL, got "moon"'],
      [['--config', good, '--endpoint', 'live', '--ws', 'ws://x'], undefined, '--ws applies to a URL --endpoint only, not to live'],
      [['--config', good, '--endpoint', 'testnet', '--log-level', 'loud'], undefined, '--log-level must be one of debug, info, warn, error, got "loud"'],
      [['--config', good, '--endpoint', 'testnet', '--data-dir', data], {}, 'no API keys: set GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET, or save the keys of profile "testnet" in the OS keychain'],
      [['--config', good, '--endpoint', 'testnet', '--profile', 'Main'], undefined, 'profile names are 1 to 32 lowercase letters'],
      [['--config', good, '--endpoint', 'http://127.0.0.1:9', '--data-dir', data], undefined, 'the bot could not start:'],
      [['--wat'], undefined, "Unknown option '--wat'"]
    ] as const) {
      const run = env === undefined ? start(argv) : start(argv, env)
      expect(await run.exit).toBe(2)
      const { stderr } = run.output()
      expect(stderr.split('\n')).toHaveLength(2)
      expect(stderr).toContain(`gridkeeper run: ${message}`)
    }
  }, 30_000)

  it('trades with the keys of the paper profile in the keychain when the environment has none, never printing the secret', { timeout: 30_000 }, async () => {
    const server = await startPaperServer({ apiKeys: [TEST_KEY], sim: { balances: { USDT: '10000', BTC: '0' }, prices: { BTCUSDT: '60000.00' } } })
    cleanups.push(() => server.close())
    const keyStore = new MemoryKeyStore()
    await keyStore.save('paper', { apiKey: TEST_KEY.apiKey, apiSecret: TEST_KEY.secret })
    await keyStore.save('testnet', { apiKey: 'WRONGKEY-0123456789', apiSecret: 'wrong-secret' })
    const dir = folder()
    const configPath = join(dir, 'bot.json')
    writeFileSync(configPath, JSON.stringify(CONFIG))

    const run = start(['--config', configPath, '--endpoint', server.restUrl, '--data-dir', join(dir, 'data')], {}, keyStore)
    await waitUntil('the grid', async () => (await openOrderLabels(server)).length === 10, 10_000)
    run.stop('SIGTERM')
    expect(await run.exit).toBe(0)
    const { stdout, stderr } = run.output()
    expect(stderr).toBe('')
    expect(stdout).toContain(`INFO  trading with the API key ${TEST_KEY.apiKey.slice(0, 4)}…${TEST_KEY.apiKey.slice(-4)} from profile "paper" in the OS keychain`)
    const log = readFileSync(join(dir, 'data', 'gridkeeper.log'), 'utf8')
    for (const text of [stdout, log]) {
      expect(text).not.toContain(TEST_KEY.secret)
      expect(text).not.toContain(TEST_KEY.apiKey)
    }
  })
})
