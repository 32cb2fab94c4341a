import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { formatLogLine } from '../cli/run/file-logger'
import type { LogLine } from '../engine/logging/logger'
import { botsNamedInLog, NEW_JOURNAL_MESSAGE, OPENING_ACCOUNT_MESSAGE } from './log-bot-names'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** Writes a log as the app and `run` write theirs, one line per entry. */
function log(lines: readonly (readonly [string, Record<string, string>?])[]): string {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'log-bot-names-'))
  folders.push(folder)
  const path = join(folder, 'gridkeeper.log')
  const text = lines.map(([message, fields = {}], index) => formatLogLine(Date.UTC(2026, 0, 1) + index, { level: 'info', message, fields } as LogLine)).join('')
  writeFileSync(path, text)
  return path
}

describe('botsNamedInLog', () => {
  it('names every bot a line names, once, and not a backtest\'s', () => {
    const path = log([
      ['trading with the environment keys', { botId: 'k1' }],
      ['creating the bot', { botId: 'k1', symbol: 'BTCUSDT' }],
      ['backtest started', { backtestId: 'x', botId: 'bt' }],
      ['placed', { botId: 'k2' }],
      ['running', { botId: 'k1' }]
    ])
    expect(botsNamedInLog(path)).toEqual(['k1', 'k2'])
  })

  it('gives a mode only the bots named while its account was open', () => {
    const path = log([
      [OPENING_ACCOUNT_MESSAGE, { mode: 'paper' }],
      ['bot started', { botId: 'grid1' }],
      [OPENING_ACCOUNT_MESSAGE, { mode: 'testnet' }],
      ['restoring the bot', { botId: 't1' }],
      [OPENING_ACCOUNT_MESSAGE, { mode: 'paper' }],
      ['restoring the bot', { botId: 'grid1' }]
    ])
    expect(botsNamedInLog(path, 'paper')).toEqual(['grid1'])
    expect(botsNamedInLog(path, 'testnet')).toEqual(['t1'])
    expect(botsNamedInLog(path, 'live')).toEqual([])
  })

  it('forgets the bots named before a new journal was started on purpose (for that mode)', () => {
    const path = log([
      [OPENING_ACCOUNT_MESSAGE, { mode: 'paper' }],
      ['bot started', { botId: 'grid1' }],
      [OPENING_ACCOUNT_MESSAGE, { mode: 'testnet' }],
      ['bot started', { botId: 't1' }],
      [NEW_JOURNAL_MESSAGE, { mode: 'paper', setAside: 'x' }],
      [OPENING_ACCOUNT_MESSAGE, { mode: 'paper' }]
    ])
    expect(botsNamedInLog(path, 'paper')).toEqual([])
    expect(botsNamedInLog(path, 'testnet')).toEqual(['t1'])
    const run = log([['creating the bot', { botId: 'k1' }], [NEW_JOURNAL_MESSAGE, { setAside: 'x' }], ['trading with the environment keys', { botId: 'k2' }]])
    expect(botsNamedInLog(run)).toEqual(['k2'])
  })

  it('reads a log longer than one chunk, with a line cut across chunks and characters of several bytes', () => {
    const filler = Array.from({ length: 30_000 }, (_, index) => [`price moved to 60000 ± ${index}`] as const)
    const path = log([...filler, ['bot started', { botId: 'far' }]])
    expect(botsNamedInLog(path)).toEqual(['far'])
  })

  it('names nothing where there is no log, and skips lines that are not the log\'s', () => {
    expect(botsNamedInLog('/nonexistent/gridkeeper.log')).toEqual([])
    const path = log([['started']])
    writeFileSync(path, 'garbage {"botId": 3}\nnot a line {"botId":"x"\n', { flag: 'a' })
    expect(botsNamedInLog(path)).toEqual([])
  })
})
