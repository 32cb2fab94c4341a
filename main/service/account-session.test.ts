import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { isJournalUnreadable } from '../engine/journal'
import { MemoryLogger } from '../engine/logging/logger'
import { AccountSession } from './account-session'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('AccountSession', () => {
  it('does not take a journal that turns unreadable while bots are restored for a connection problem: start throws it', { timeout: 30_000 }, async () => {
    mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
    const dataDir = mkdtempSync(join(process.cwd(), '.tmp', 'account-session-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const logger = new MemoryLogger()
    const session = new AccountSession({ target: { kind: 'built-in-paper', dataDir, paper: { tickMs: 50, seed: 7 } }, journalPath: join(dataDir, 'journal.sqlite'), logger, onCandle: () => undefined })
    cleanups.push(() => session.stop())
    // What node:sqlite throws on reading a damaged page
    const journal = (session as unknown as { journal: { listBots: () => unknown } }).journal
    journal.listBots = () => {
      throw Object.assign(new Error('database disk image is malformed'), { code: 'ERR_SQLITE_ERROR', errcode: 11 })
    }
    let thrown: unknown
    await session.start().catch((error: unknown) => (thrown = error))
    expect(isJournalUnreadable(thrown)).toBe(true)
    expect(logger.lines.filter((line) => line.level === 'error')).toEqual([])
  })
})
