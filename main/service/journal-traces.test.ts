import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { formatLogLine } from '../cli/run/file-logger'
import { findJournalTraces } from './journal-traces'
import { OPENING_ACCOUNT_MESSAGE } from './log-bot-names'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function dataDir(): string {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'journal-traces-'))
  folders.push(folder)
  return folder
}

function logLine(message: string, fields: Record<string, string>): string {
  return formatLogLine(Date.UTC(2026, 0, 1), { level: 'info', message, fields })
}

describe('findJournalTraces', () => {
  it('finds nothing in a new data folder, nor beside an empty journal with nothing else', () => {
    const dir = dataDir()
    const scope = { dataDir: dir, journalPath: join(dir, 'journal.sqlite'), logPath: join(dir, 'gridkeeper.log') }
    expect(findJournalTraces(scope)).toEqual([])
    writeFileSync(scope.journalPath, '')
    writeFileSync(`${scope.journalPath}-wal`, '')
    writeFileSync(scope.logPath, logLine('the bot could not start', { error: 'no keys' }))
    expect(findJournalTraces(scope)).toEqual([])
  })

  it('finds a log naming the bot and a write-ahead log left behind (run)', () => {
    const dir = dataDir()
    const scope = { dataDir: dir, journalPath: join(dir, 'journal.sqlite'), logPath: join(dir, 'gridkeeper.log') }
    writeFileSync(scope.logPath, logLine('creating the bot', { botId: 'z1', symbol: 'BTCUSDT' }))
    writeFileSync(`${scope.journalPath}-wal`, Buffer.alloc(4152, 1))
    expect(findJournalTraces(scope)).toEqual(['its write-ahead log journal.sqlite-wal is still there (4152 bytes)', 'the log gridkeeper.log names bot z1'])
  })

  it('finds, for the app\'s Paper mode, the paper account\'s orders and the bots the log names in Paper mode only', () => {
    const dir = dataDir()
    mkdirSync(join(dir, 'paper'))
    mkdirSync(join(dir, 'testnet'))
    const logPath = join(dir, 'gridkeeper.log')
    writeFileSync(logPath, [logLine(OPENING_ACCOUNT_MESSAGE, { mode: 'testnet' }), logLine('bot started', { botId: 't1' }), logLine(OPENING_ACCOUNT_MESSAGE, { mode: 'paper' }), logLine('bot started', { botId: 'grid1' })].join(''))
    const paperAccountPath = join(dir, 'paper', 'account.json')
    writeFileSync(paperAccountPath, JSON.stringify({ header: {}, entries: [{ k: 'place', t: 1, order: { clientOrderId: 'gk-grid1-A-1' } }] }))
    expect(findJournalTraces({ dataDir: dir, journalPath: join(dir, 'paper', 'journal.sqlite'), logPath, mode: 'paper', paperAccountPath })).toEqual([
      'the log gridkeeper.log names bot grid1 in paper mode',
      'the paper account paper/account.json holds 1 order of bot grid1'
    ])
    expect(findJournalTraces({ dataDir: dir, journalPath: join(dir, 'testnet', 'journal.sqlite'), logPath, mode: 'testnet' })).toEqual(['the log gridkeeper.log names bot t1 in testnet mode'])
    expect(findJournalTraces({ dataDir: dir, journalPath: join(dir, 'live', 'journal.sqlite'), logPath, mode: 'live' })).toEqual([])
  })
})
