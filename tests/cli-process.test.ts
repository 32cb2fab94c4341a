import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeUnwritable } from '../main/files/stubs'

const ROOT = join(__dirname, '..')
const BIN = join(ROOT, 'bin', 'gridkeeper.cjs')
const FIXTURE = join(ROOT, 'main', 'engine', 'exchange', 'rules', 'fixtures', 'exchange-info-2026.json')

/** Runs the built `gridkeeper` command as a separate process, as a person would. */
function gridkeeper(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, GRIDKEEPER_API_KEY: 'cli-process-key', GRIDKEEPER_API_SECRET: 'cli-process-secret' } })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const TSLAB = ['plan', '--exchange-info', FIXTURE, '--symbol', 'TSLABUSDT', '--grids', '8', '--investment', '2000', '--price', '400']

describe('the gridkeeper command', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)')
  })

  it('plans a clean grid: one JSON object on stdout, nothing on stderr, exit 0', () => {
    const { code, stdout, stderr } = gridkeeper(...TSLAB, '--lower', '330', '--upper', '470', '--json')
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    const plan = JSON.parse(stdout)
    expect(plan.symbol).toBe('TSLABUSDT')
    expect(plan.levels).toHaveLength(9)
    expect(plan.problems).toEqual([])
  })

  it('exits 1 with the problems listed when levels fall outside the asymmetric price band', () => {
    const { code, stdout } = gridkeeper(...TSLAB, '--lower', '300', '--upper', '500', '--json')
    expect(code).toBe(1)
    expect(JSON.parse(stdout).problems.map((p: { level: number; code: string }) => `${p.level}:${p.code}`)).toEqual(['0:OUTSIDE_PRICE_BAND', '8:OUTSIDE_PRICE_BAND'])
  })

  it('exits 2 with one line on stderr for a symbol missing from the file', () => {
    const { code, stdout, stderr } = gridkeeper(...TSLAB.map((arg) => (arg === 'TSLABUSDT' ? 'XYZUSDT' : arg)), '--lower', '300', '--upper', '500')
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' })
    expect(stderr).toBe(`gridkeeper plan: symbol XYZUSDT is not in ${FIXTURE} (2 symbols)\n`)
  })

  it('reads a file a person names only when it is a regular file: /dev/zero and a named pipe are one line on stderr, exit 2, without waiting', () => {
    mkdirSync(join(ROOT, '.tmp'), { recursive: true })
    const folder = mkdtempSync(join(ROOT, '.tmp', 'cli-process-'))
    try {
      const fifo = join(folder, 'BTCUSDT-1m-2024-01.csv')
      execFileSync('mkfifo', [fifo])
      expect(gridkeeper('klines', 'inspect', '/dev/zero')).toEqual({ code: 2, stdout: '', stderr: 'gridkeeper klines: cannot read klines file /dev/zero: it is a device, not a regular file; give the path of a file\n' })
      expect(gridkeeper('klines', 'inspect', fifo)).toEqual({ code: 2, stdout: '', stderr: `gridkeeper klines: cannot read klines file ${fifo}: it is a named pipe (FIFO), not a regular file; give the path of a file\n` })
      expect(gridkeeper('run', '--config', fifo, '--endpoint', 'testnet')).toMatchObject({ code: 2, stderr: `gridkeeper run: cannot read --config ${fifo}: it is a named pipe (FIFO), not a regular file; give the path of a file\n` })
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('says in one line, without a stack, that a data folder or a log file cannot be written, and what to do', () => {
    mkdirSync(join(ROOT, '.tmp'), { recursive: true })
    const folder = mkdtempSync(join(ROOT, '.tmp', 'cli-process-'))
    const undo: (() => void)[] = []
    try {
      const dataDir = join(folder, 'data')
      mkdirSync(dataDir)
      const log = join(dataDir, 'gridkeeper.log')
      writeFileSync(log, '')
      undo.push(makeUnwritable(log))
      expect(gridkeeper('serve', '--data-dir', dataDir)).toEqual({
        code: 2,
        stdout: '',
        stderr: `gridkeeper serve: cannot write the log file ${log}: permission denied; make it a file this user can write, or give another folder with --data-dir\n`
      })
      const locked = join(folder, 'locked')
      mkdirSync(locked)
      undo.push(makeUnwritable(locked))
      expect(gridkeeper('serve', '--data-dir', locked)).toEqual({
        code: 2,
        stdout: '',
        stderr: `gridkeeper serve: cannot write in the data folder ${locked}: permission denied; make it writable for this user, or give another folder with --data-dir\n`
      })
      const config = join(folder, 'bot.json')
      writeFileSync(config, JSON.stringify({ id: 'b1', symbol: 'BTCUSDT', grid: { lower: '55000', upper: '65000', grids: 10, investment: '1000' } }))
      expect(gridkeeper('run', '--config', config, '--endpoint', 'http://127.0.0.1:9', '--data-dir', join(config, 'data'))).toEqual({
        code: 2,
        stdout: '',
        stderr: `gridkeeper run: cannot create the data folder ${join(config, 'data')}: a part of its path is a file, not a folder; give another folder with --data-dir\n`
      })
    } finally {
      for (const step of undo.reverse()) step()
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
