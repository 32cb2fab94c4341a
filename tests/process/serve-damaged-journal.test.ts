import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { openJournal } from '../../main/engine/journal'
import { botRecord, fillRecord } from '../../main/engine/journal/stubs'
import { startServe, type Started } from '../e2e/support/processes'

const ROOT = join(__dirname, '..', '..')

/** Waits until `ready` holds, checking every 100 ms; fails naming `what` after `timeoutMs`. */
async function until(what: string, ready: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** A Paper journal holding a bot and its fills, closed cleanly, then overwritten in the middle of the file. */
function damagedPaperJournal(dataDir: string): string {
  const file = join(dataDir, 'paper', 'journal.sqlite')
  mkdirSync(join(dataDir, 'paper'), { recursive: true })
  const journal = openJournal(file)
  journal.saveBot(botRecord({ botId: 'grid1' }))
  journal.transaction(() => {
    for (let index = 0; index < 2_000; index += 1) journal.recordFill(fillRecord({ botId: 'grid1', tradeId: String(10_000 + index) }))
  })
  journal.close()
  const pages = statSync(file).size / 4096
  const descriptor = openSync(file, 'r+')
  for (let page = Math.floor(pages * 0.4); page <= Math.floor(pages * 0.6); page += 1) writeSync(descriptor, Buffer.alloc(200, 0xa5), 0, 200, page * 4096)
  closeSync(descriptor)
  return file
}

describe('gridkeeper serve with a damaged Paper journal (a separate process)', () => {
  let dir = ''
  let serve: Started | undefined
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)')
    mkdirSync(join(ROOT, '.tmp'), { recursive: true })
    dir = mkdtempSync(join(ROOT, '.tmp', 'serve-damaged-journal-'))
  })
  afterAll(() => {
    if (serve?.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL')
    if (process.env['GRIDKEEPER_KEEP'] !== '1') rmSync(dir, { recursive: true, force: true })
  })

  it('answers getState with Paper out of service and why, logs it once, and stops on the first SIGTERM', { timeout: 60_000 }, async () => {
    const dataDir = join(dir, 'data')
    const journal = damagedPaperJournal(dataDir)
    const damagedBytes = readFileSync(journal)
    const { started, url } = await startServe(dataDir)
    serve = started
    const exited = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)))

    const address = new URL(url)
    const token = new URLSearchParams(address.hash.slice(1)).get('token')
    const socket = new WebSocket(`ws://${address.host}/api?token=${token}`, { origin: address.origin })
    await new Promise((resolve, reject) => {
      socket.once('open', resolve)
      socket.once('error', reject)
    })
    const answers = new Map<number, unknown>()
    const states: { connection: { status: string } }[] = []
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; event?: string; payload?: unknown }
      if (typeof message.id === 'number') answers.set(message.id, message.result)
      if (message.event === 'state') states.push(message.payload as { connection: { status: string } })
    })
    const ask = async (id: number, method: string, params?: unknown) => {
      socket.send(JSON.stringify({ id, method, ...(params === undefined ? {} : { params }) }))
      await until(`the answer to ${method}`, () => answers.has(id))
      return answers.get(id)
    }

    // Paper opens out of service, once the service has looked at its journal
    await until('Paper out of service', () => states.some((state) => state.connection.status === 'out-of-service'))
    expect(await ask(1, 'getState')).toMatchObject({
      ok: true,
      value: {
        mode: 'paper',
        bots: [],
        connection: {
          status: 'out-of-service',
          message: `The journal ${journal} is damaged: part of it cannot be read, so no bot may trade on it. Nothing in it was changed. Restore it from a backup, or start paper mode over on purpose with Start a new journal, which keeps the old journal and paper account renamed with the date.`,
          problem: { code: 'journal-damaged', newJournalAllowed: true }
        }
      }
    })
    expect(await ask(2, 'startBot', { config: { id: 'grid2', symbol: 'BTCUSDT', grid: { lower: '55000', upper: '65000', grids: 10, investment: '1000' } } })).toMatchObject({ ok: false, error: { code: 'mode-out-of-service' } })

    // The state is pushed again every few ticks: after two more pushes, the log still holds one error line
    const pushed = states.length
    await until('two more state pushes', () => states.length >= pushed + 2)
    const log = readFileSync(join(dataDir, 'gridkeeper.log'), 'utf8')
    expect(log.split('\n').filter((line) => / ERROR /.test(line))).toEqual([expect.stringMatching(/ERROR paper mode is out of service: The journal .* is damaged: part of it cannot be read/)])
    expect(log).not.toMatch(/malformed|disk image/)
    expect(readFileSync(journal).equals(damagedBytes)).toBe(true)

    // One SIGTERM stops it
    socket.close()
    started.child.kill('SIGTERM')
    let code: number | null | undefined
    void exited.then((exitCode) => (code = exitCode))
    await until('serve to exit after one SIGTERM', () => code !== undefined)
    expect(code, started.output()).toBe(0)
    expect(readFileSync(join(dataDir, 'gridkeeper.log'), 'utf8')).toMatch(/INFO {2}stopped\n$/)
  })
})
