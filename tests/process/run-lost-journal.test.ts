import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PAPER_KEY, signedGet, startGridkeeper, type Started } from '../e2e/support/processes'

const ROOT = join(__dirname, '..', '..')
const BIN = join(ROOT, 'bin', 'gridkeeper.cjs')
const KEYS = { GRIDKEEPER_API_KEY: PAPER_KEY.apiKey, GRIDKEEPER_API_SECRET: PAPER_KEY.secret }
const GRID = { lower: '55000', upper: '65000', grids: 10, spacing: 'arithmetic', investment: '1000', baseHeld: '0' }

interface Run {
  readonly child: ChildProcess
  readonly exited: Promise<number | null>
  readonly output: () => string
}

/** Starts `gridkeeper run` on the data folder and config; everything it writes is kept for the assertions. */
function startRun(args: readonly string[]): Run {
  const child = spawn(process.execPath, [BIN, 'run', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...KEYS } })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, exited, output: () => output }
}

/** Waits until `ready` holds, checking every 200 ms; fails naming `what` after `timeoutMs`. */
async function until(what: string, ready: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/**
 * Runs `gridkeeper run` that is expected to refuse: resolves with its exit code and output. A run
 * that starts trading instead is killed once it says so, and its output returned with a null code.
 */
async function refusedRun(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  const run = startRun(args)
  let code: number | null | undefined
  void run.exited.then((exitCode) => (code = exitCode))
  await until('the run to end or to trade', () => code !== undefined || run.output().includes('INFO  running'))
  if (code === undefined) {
    run.child.kill('SIGKILL')
    await run.exited
    return { code: null, output: run.output() }
  }
  return { code, output: run.output() }
}

describe('gridkeeper run whose journal was lost or damaged between SIGKILLs (separate processes, a paper server)', () => {
  let dir = ''
  let paper: Started | undefined
  const runs: Run[] = []
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)')
    mkdirSync(join(ROOT, '.tmp'), { recursive: true })
    dir = mkdtempSync(join(ROOT, '.tmp', 'run-lost-journal-'))
  })
  afterAll(async () => {
    for (const run of runs) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL')
    await paper?.stop()
    if (process.env['GRIDKEEPER_KEEP'] !== '1') rmSync(dir, { recursive: true, force: true })
  })

  it('refuses to start over on an emptied or damaged journal, sends no order twice, and starts over only on purpose, with the old files kept', { timeout: 180_000 }, async () => {
    const { started, line } = await startGridkeeper(
      ['paper-server', '--port', '0', '--symbols', 'BTCUSDT', '--balances', 'USDT=10000,BTC=0', '--prices', 'BTCUSDT=60000', '--api-key', PAPER_KEY.apiKey, '--api-secret', PAPER_KEY.secret],
      {},
      (text) => text.startsWith('{')
    )
    paper = started
    const rest = (JSON.parse(line) as { rest: string }).rest
    const allOrders = async () => (await signedGet(rest, '/api/v3/allOrders', { symbol: 'BTCUSDT', limit: '1000' })) as { clientOrderId: string; status: string }[]
    const openCount = async () => ((await signedGet(rest, '/api/v3/openOrders', { symbol: 'BTCUSDT' })) as unknown[]).length
    /** No client order id was ever used twice on the exchange. */
    const expectNoIdTwice = async () => {
      const ids = (await allOrders()).map((order) => order.clientOrderId)
      expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([])
      return ids
    }
    const config = (id: string) => {
      const path = join(dir, `${id}.json`)
      writeFileSync(path, JSON.stringify({ id, symbol: 'BTCUSDT', grid: GRID, recenter: { enabled: false } }))
      return path
    }
    const dataDir = join(dir, 'data')
    const journal = join(dataDir, 'journal.sqlite')
    const args = (id: string, ...more: string[]) => ['--config', config(id), '--endpoint', rest, '--data-dir', dataDir, ...more]

    // The first run creates bot z1: its MARKET buy of base (gk-z1-A-1) and the grid; then it is killed
    const first = startRun(args('z1'))
    runs.push(first)
    await until('the grid of z1', async () => first.output().includes('INFO  running') && (await openCount()) === 10)
    first.child.kill('SIGKILL')
    await first.exited
    const sent = await expectNoIdTwice()
    expect(sent).toContain('gk-z1-A-1')
    const backup = join(dir, 'backup')
    mkdirSync(backup)
    for (const file of readdirSync(dataDir).filter((name) => name.startsWith('journal.sqlite'))) copyFileSync(join(dataDir, file), join(backup, file))

    // The journal emptied (its write-ahead log and shared memory removed): refused, nothing sent
    truncateSync(journal, 0)
    rmSync(`${journal}-wal`, { force: true })
    rmSync(`${journal}-shm`, { force: true })
    const emptied = await refusedRun(args('z1'))
    expect(emptied.code, emptied.output).toBe(2)
    expect(emptied.output).toContain(`gridkeeper run: The journal ${journal} is empty, but this data folder shows there was one: the log gridkeeper.log names bot z1.`)
    expect(emptied.output).toMatch(/start over on purpose with --new-journal, which keeps the old files renamed with the date\.\n/)
    expect(emptied.output).not.toMatch(/creating the bot/)
    expect(statSync(journal).size).toBe(0)
    expect(await expectNoIdTwice()).toEqual(sent)

    // The journal put back: nothing of it was lost, the bot is restored and trades on; killed again
    for (const file of readdirSync(backup)) copyFileSync(join(backup, file), join(dataDir, file))
    const restored = startRun(args('z1'))
    runs.push(restored)
    await until('z1 restored', () => restored.output().includes('INFO  running'))
    expect(restored.output()).toMatch(/INFO {2}restoring the bot/)
    restored.child.kill('SIGKILL')
    await restored.exited
    const afterRestore = await expectNoIdTwice()

    // The journal damaged in the middle (its log folded in first, as a clean stop would)
    const folding = new DatabaseSync(journal)
    folding.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    folding.close()
    expect(existsSync(`${journal}-wal`)).toBe(false)
    const pages = statSync(journal).size / 4096
    const descriptor = openSync(journal, 'r+')
    for (let page = Math.floor(pages * 0.4); page <= Math.floor(pages * 0.6); page += 1) writeSync(descriptor, Buffer.alloc(200, 0xa5), 0, 200, page * 4096)
    closeSync(descriptor)
    const damagedBytes = readFileSync(journal)
    const damaged = await refusedRun(args('z1'))
    expect(damaged.code, damaged.output).toBe(2)
    expect(damaged.output).toContain(`gridkeeper run: The journal ${journal} is damaged: part of it cannot be read, so no bot may trade on it. Nothing in it was changed.`)
    expect(damaged.output).not.toMatch(/malformed|disk image|JOURNAL_|\n\s+at /)
    expect(readFileSync(journal).equals(damagedBytes)).toBe(true)
    expect(await expectNoIdTwice()).toEqual(afterRestore)

    // --new-journal on purpose: the damaged journal is kept under a dated name, a new one started;
    // the exchange still holds z1's orders, so z1 is not created again under the same ids
    const again = await refusedRun(args('z1', '--new-journal'))
    expect(again.code, again.output).toBe(2)
    expect(again.output).toMatch(/WARN {2}a new journal is started on purpose \{"setAside":".*journal\.set-aside-\d{4}-\d\d-\d\dT\d{6}Z\.sqlite"\}/)
    expect(again.output).toMatch(/gridkeeper run: the bot could not start: bot z1 is not created: the exchange already has \d+ open and \d+ earlier BTCUSDT orders of a bot with that id/)
    const aside = readdirSync(dataDir).filter((name) => /^journal\.set-aside-.*\.sqlite$/.test(name))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dataDir, aside[0] as string)).equals(damagedBytes)).toBe(true)
    expect(await expectNoIdTwice()).toEqual(afterRestore)

    // The new journal can be used: --new-journal is refused from now on, and a bot of a new id starts with ids of its own
    const kept = await refusedRun(args('z2', '--new-journal'))
    expect(kept.code, kept.output).toBe(2)
    expect(kept.output).toContain('--new-journal starts over only in place of a journal that cannot be used')
    const fresh = startRun(args('z2'))
    runs.push(fresh)
    await until('the grid of z2', async () => fresh.output().includes('INFO  running') && (await allOrders()).filter((order) => order.clientOrderId.startsWith('gk-z2-') && order.status === 'NEW').length === 10)
    fresh.child.kill('SIGTERM')
    expect(await fresh.exited, fresh.output()).toBe(0)
    const ids = await expectNoIdTwice()
    expect(ids.filter((id) => id.startsWith('gk-z1-'))).toEqual(afterRestore.filter((id) => id.startsWith('gk-z1-')))
    expect(ids).toContain('gk-z2-A-1')
  })
})
