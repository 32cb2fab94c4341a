import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openJournal } from '../../engine/journal'
import { botRecord, fillRecord } from '../../engine/journal/stubs'
import { MemoryLogger } from '../../engine/logging/logger'
import { openRunJournal } from './open-run-journal'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function journalPath(): string {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'open-run-journal-'))
  folders.push(folder)
  return join(folder, 'journal.sqlite')
}

const NOW = Date.UTC(2026, 10, 28, 15, 42, 30)

/** Calls openRunJournal and returns what it threw, failing the test when it opens instead. */
function refusal(options: Parameters<typeof openRunJournal>[0]): Error {
  try {
    openRunJournal(options).close()
  } catch (error) {
    return error as Error
  }
  throw new Error('the journal was opened')
}

describe('openRunJournal', () => {
  it('refuses to start over on an empty journal the data directory shows was used, logging it once and changing nothing', () => {
    const path = journalPath()
    writeFileSync(path, '')
    const logger = new MemoryLogger()
    const error = refusal({ journalPath: path, traces: ['the log gridkeeper.log names bot k1'], newJournal: false, nowMs: NOW, logger })
    expect(error.name).toBe('CliUsageError')
    expect(error.message).toMatch(/^The journal .*journal\.sqlite is empty, but this data folder shows there was one: the log gridkeeper\.log names bot k1\. .* start over on purpose with --new-journal/)
    expect(logger.lines.map((line) => [line.level, line.message])).toEqual([['error', error.message]])
    expect(statSync(path).size).toBe(0)
  })

  it('with --new-journal sets a damaged journal aside and starts a new one, and refuses to while the journal can be used', () => {
    const path = journalPath()
    const old = openJournal(path)
    old.saveBot(botRecord({ botId: 'k1' }))
    old.transaction(() => {
      for (let index = 0; index < 1_000; index += 1) old.recordFill(fillRecord({ botId: 'k1', tradeId: String(index) }))
    })
    old.close()
    const logger = new MemoryLogger()
    const kept = refusal({ journalPath: path, traces: [], newJournal: true, nowMs: NOW, logger })
    expect(kept.message).toMatch(/^--new-journal starts over only in place of a journal that cannot be used, and .* can be \(it holds bot k1\); nothing was set aside\./)

    const pages = statSync(path).size / 4096
    const descriptor = openSync(path, 'r+')
    writeSync(descriptor, Buffer.alloc(200, 0xa5), 0, 200, Math.floor(pages / 2) * 4096)
    closeSync(descriptor)
    expect(refusal({ journalPath: path, traces: [], newJournal: false, nowMs: NOW, logger }).message).toMatch(/is damaged: part of it cannot be read/)
    const journal = openRunJournal({ journalPath: path, traces: [], newJournal: true, nowMs: NOW, logger })
    expect(journal.listBots()).toEqual([])
    journal.close()
    expect(readdirSync(join(path, '..')).filter((name) => name.includes('set-aside'))).toEqual(['journal.set-aside-2026-11-28T154230Z.sqlite'])
    expect(logger.lines.at(-1)).toMatchObject({ level: 'warn', message: 'a new journal is started on purpose' })
  })

  it('creates the journal of a first run, with or without --new-journal', () => {
    for (const newJournal of [false, true]) {
      const path = journalPath()
      const journal = openRunJournal({ journalPath: path, traces: [], newJournal, nowMs: NOW, logger: new MemoryLogger() })
      journal.close()
      expect(existsSync(path)).toBe(true)
      expect(readdirSync(join(path, '..')).filter((name) => name.includes('set-aside'))).toEqual([])
    }
  })
})
