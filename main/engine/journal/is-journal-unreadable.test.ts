import { closeSync, openSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isJournalUnreadable } from './is-journal-unreadable'
import { JournalOpenError } from './journal-open-error'
import { type TempFolder, tempFolder } from './stubs'

let folder: TempFolder
beforeEach(() => {
  folder = tempFolder()
})
afterEach(() => {
  folder.remove()
})

describe('isJournalUnreadable', () => {
  it('is true for the error SQLite raises on reading a damaged page, and for a journal refused as corrupt', () => {
    const file = join(folder.path, 'damaged.db')
    const db = new DatabaseSync(file)
    db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, text TEXT)')
    const insert = db.prepare('INSERT INTO rows (text) VALUES (?)')
    db.exec('BEGIN')
    for (let index = 0; index < 2_000; index += 1) insert.run(`row ${index} of some length to fill pages`)
    db.exec('COMMIT')
    db.close()
    const pages = statSync(file).size / 4096
    const descriptor = openSync(file, 'r+')
    writeSync(descriptor, Buffer.alloc(200, 0xa5), 0, 200, Math.floor(pages / 2) * 4096)
    closeSync(descriptor)
    const reader = new DatabaseSync(file, { readOnly: true })
    let error: unknown
    try {
      reader.prepare('SELECT count(*), max(text) FROM rows').get()
    } catch (caught) {
      error = caught
    }
    reader.close()
    expect(error).toBeDefined()
    expect(isJournalUnreadable(error)).toBe(true)
    expect(isJournalUnreadable(new JournalOpenError('JOURNAL_CORRUPT', file, 'damaged'))).toBe(true)
  })

  it('is false for other errors: a busy database, a newer journal, a plain error', () => {
    expect(isJournalUnreadable(Object.assign(new Error('database is locked'), { errcode: 5 }))).toBe(false)
    expect(isJournalUnreadable(new JournalOpenError('JOURNAL_TOO_NEW', '/j', 'newer'))).toBe(false)
    expect(isJournalUnreadable(new Error('database disk image is malformed'))).toBe(false)
    expect(isJournalUnreadable(undefined)).toBe(false)
  })
})
