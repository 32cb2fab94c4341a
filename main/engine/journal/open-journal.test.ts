import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isJournalOpenError, JournalOpenError, type JournalOpenErrorCode } from './journal-open-error'
import { JOURNAL_APPLICATION_ID, LATEST_JOURNAL_VERSION } from './migrations'
import { openJournal, type OpenJournalOptions } from './open-journal'
import { botRecord, fileHash, fillRecord, incidentRecord, intentRecord, levelRecord, orderEventRecord, type TempFolder, tempFolder, timerRecord } from './stubs'

let folder: TempFolder

beforeEach(() => {
  folder = tempFolder()
})

afterEach(() => {
  folder.remove()
})

/** Returns the error openJournal throws for `file`, failing the test when it opens instead. */
function openError(file: string, options: OpenJournalOptions = {}): JournalOpenError {
  try {
    openJournal(file, options).close()
  } catch (error) {
    expect(isJournalOpenError(error)).toBe(true)
    return error as JournalOpenError
  }
  throw new Error(`openJournal(${file}) opened a file it should have refused`)
}

/** Asserts that opening `file` is refused with `code` and leaves the file and its folder exactly as they were. */
function expectRefusedUnchanged(file: string, code: JournalOpenErrorCode, options: OpenJournalOptions = {}): JournalOpenError {
  const hash = fileHash(file)
  const listing = readdirSync(folder.path).sort()
  const error = openError(file, options)
  expect(error.code).toBe(code)
  expect(error.path).toBe(file)
  expect(error.message).toContain(file)
  expect(fileHash(file)).toBe(hash)
  expect(readdirSync(folder.path).sort()).toEqual(listing)
  return error
}

/** Creates a journal file holding one bot, closed cleanly, and returns its path. */
function journalFile(name = 'journal.db'): string {
  const file = join(folder.path, name)
  const journal = openJournal(file)
  journal.saveBot(botRecord())
  journal.close()
  return file
}

/** Runs SQL on a file through a plain connection, as another program would. */
function rawExec(file: string, sql: string): void {
  const db = new DatabaseSync(file)
  db.exec(sql)
  db.close()
}

describe('openJournal on a new or empty file', () => {
  it('creates a missing file and migrates it from version 0 to the latest', () => {
    const file = join(folder.path, 'journal.db')
    const journal = openJournal(file)
    expect(existsSync(file)).toBe(true)
    expect(journal.connectionSettings().schemaVersion).toBe(LATEST_JOURNAL_VERSION)
    journal.close()

    const db = new DatabaseSync(file, { readOnly: true })
    expect(db.prepare('PRAGMA user_version').get()?.['user_version']).toBe(LATEST_JOURNAL_VERSION)
    expect(db.prepare('PRAGMA application_id').get()?.['application_id']).toBe(JOURNAL_APPLICATION_ID)
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all().map((row) => row['name'])
    expect(tables).toEqual(['bot_events', 'bot_state', 'bots', 'counters', 'fills', 'incidents', 'intents', 'levels', 'order_events', 'timers'])
    db.close()
  })

  it('migrates an empty SQLite database (version 0, no tables) and a zero-byte file', () => {
    const emptyDatabase = join(folder.path, 'empty.db')
    rawExec(emptyDatabase, 'PRAGMA journal_mode = WAL')
    const zeroBytes = join(folder.path, 'zero.db')
    writeFileSync(zeroBytes, '')
    for (const file of [emptyDatabase, zeroBytes]) {
      const journal = openJournal(file)
      expect(journal.connectionSettings().schemaVersion).toBe(LATEST_JOURNAL_VERSION)
      journal.saveBot(botRecord())
      journal.close()
      const reopened = openJournal(file)
      expect(reopened.listBots()).toEqual([botRecord()])
      reopened.close()
    }
  })

  it('refuses a missing folder unless told to create it', () => {
    const file = join(folder.path, 'no', 'such', 'folder', 'journal.db')
    const error = openError(file)
    expect(error.code).toBe('JOURNAL_FOLDER_MISSING')
    expect(error.message).toContain(join(folder.path, 'no', 'such', 'folder'))
    expect(existsSync(join(folder.path, 'no'))).toBe(false)

    const journal = openJournal(file, { createFolder: true })
    journal.saveBot(botRecord())
    journal.close()
    expect(existsSync(file)).toBe(true)
  })

  it('refuses a path that is a folder, and a folder path that is a file', () => {
    mkdirSync(join(folder.path, 'a-folder'))
    expect(openError(join(folder.path, 'a-folder')).code).toBe('JOURNAL_INACCESSIBLE')
    writeFileSync(join(folder.path, 'a-file'), 'x')
    expect(openError(join(folder.path, 'a-file', 'journal.db')).code).toBe('JOURNAL_INACCESSIBLE')
  })

  it('opens a private in-memory journal for ":memory:"', () => {
    const first = openJournal(':memory:')
    const second = openJournal(':memory:')
    first.saveBot(botRecord())
    expect(second.listBots()).toEqual([])
    expect(first.connectionSettings().schemaVersion).toBe(LATEST_JOURNAL_VERSION)
    first.close()
    second.close()
    expect(existsSync(':memory:')).toBe(false)
  })
})

describe('openJournal on a file journal', () => {
  it('runs in WAL mode with synchronous FULL, foreign keys and the busy timeout', () => {
    const file = join(folder.path, 'journal.db')
    const journal = openJournal(file, { busyTimeoutMs: 1234 })
    expect(journal.connectionSettings()).toEqual({
      journalMode: 'wal',
      synchronous: 'FULL',
      foreignKeys: true,
      busyTimeoutMs: 1234,
      schemaVersion: LATEST_JOURNAL_VERSION
    })
    journal.saveBot(botRecord())
    // A commit in WAL mode goes to the log beside the file
    expect(existsSync(`${file}-wal`)).toBe(true)
    journal.close()
    // Header bytes 18 and 19 are 2 for a WAL database, and stay so after close
    const header = readFileSync(file).subarray(18, 20)
    expect([...header]).toEqual([2, 2])
  })

  it('has every write committed when the call returns, visible to another connection', () => {
    const file = join(folder.path, 'journal.db')
    const journal = openJournal(file)
    const reader = new DatabaseSync(file, { readOnly: true })
    journal.saveBot(botRecord())
    journal.createIntent(intentRecord())
    expect(reader.prepare('SELECT status FROM intents').all().map((row) => row['status'])).toEqual(['pending'])
    journal.updateIntent('bot-1_L3_B_1', { status: 'sending' })
    expect(reader.prepare('SELECT status FROM intents').all().map((row) => row['status'])).toEqual(['sending'])
    reader.close()
    journal.close()
  })

  it('reads back everything after a reopen, counters included', () => {
    const file = join(folder.path, 'journal.db')
    const journal = openJournal(file)
    const bot = botRecord({ status: 'paused' })
    const intent = intentRecord({ status: 'placed', venueOrderId: '12345', attempts: 2 })
    const counter = intentRecord({ intentId: 'counter', purpose: 'counter', side: 'SELL', level: 4, sourceFillKey: 'BTCUSDT:1001' })
    const event = orderEventRecord()
    const fill = fillRecord({ isMaker: false })
    const hedged = fillRecord({ tradeId: '1002', timeMs: fill.timeMs + 1 })
    const level = levelRecord()
    const incident = incidentRecord({ resolvedAtMs: 5, botId: null })
    const timer = timerRecord()
    journal.transaction(() => {
      journal.saveBot(bot)
      journal.createIntent(intent)
      journal.createIntent(counter)
      journal.appendOrderEvent(event)
      journal.recordFill(fill)
      journal.recordFill(hedged)
      journal.setFillCounterIntent('BTCUSDT', '1002', 'counter')
      journal.saveLevel(level)
      journal.openIncident(incident)
      journal.setTimer(timer)
    })
    expect([journal.nextCounter('bot-1', 'level-3'), journal.nextCounter('bot-1', 'level-3')]).toEqual([1, 2])
    journal.close()
    expect(existsSync(`${file}-wal`)).toBe(false)

    const reopened = openJournal(file)
    expect(reopened.listBots()).toEqual([bot])
    expect(reopened.listIntents('bot-1')).toEqual([intent, counter])
    expect(reopened.listOrderEvents(event.clientOrderId)).toEqual([event])
    expect(reopened.listFills('bot-1')).toEqual([fill, { ...hedged, counterIntentId: 'counter' }])
    expect(reopened.listUnhedgedFills('bot-1')).toEqual([fill])
    expect(reopened.listLevels('bot-1')).toEqual([level])
    expect(reopened.listIncidents()).toEqual([incident])
    expect(reopened.getTimer('bot-1', timer.name)).toEqual(timer)
    expect(reopened.nextCounter('bot-1', 'level-3')).toBe(3)
    expect(reopened.appendOrderEvent(event)).toBe(false)
    expect(reopened.recordFill(fill)).toBe(false)
    reopened.close()
  })

  it('makes a second connection fail after its busy timeout while the first holds the write lock', () => {
    const file = journalFile()
    const holder = openJournal(file)
    const waiter = openJournal(file, { busyTimeoutMs: 50 })
    holder.transaction(() => {
      holder.createIntent(intentRecord())
      expect(() => waiter.createIntent(intentRecord({ intentId: 'other' }))).toThrow(/database is locked/)
    })
    expect(waiter.listIntents('bot-1').map((intent) => intent.intentId)).toEqual(['bot-1_L3_B_1'])
    waiter.close()
    holder.close()
  })

  it('opens its own journal again without changing its version', () => {
    const file = journalFile()
    const again = openJournal(file)
    expect(again.connectionSettings().schemaVersion).toBe(LATEST_JOURNAL_VERSION)
    expect(again.listBots()).toEqual([botRecord()])
    again.close()
  })
})

describe('openJournal on a file that is not a SQLite database', () => {
  it('refuses random bytes, unchanged', () => {
    const file = join(folder.path, 'random.db')
    const bytes = new Uint8Array(8192)
    for (let index = 0; index < bytes.length; index += 1) bytes[index] = (index * 7919 + 13) % 251
    writeFileSync(file, bytes)
    expect(expectRefusedUnchanged(file, 'JOURNAL_CORRUPT').message).toMatch(/not a SQLite database/)
  })

  it('refuses a text file, unchanged', () => {
    const file = join(folder.path, 'notes.db')
    writeFileSync(file, 'These are my trading notes. Buy low, sell high.\n'.repeat(40))
    expectRefusedUnchanged(file, 'JOURNAL_CORRUPT')
  })

  it('refuses a file cut off inside the header, unchanged', () => {
    const whole = readFileSync(journalFile('whole.db'))
    const file = join(folder.path, 'truncated.db')
    writeFileSync(file, whole.subarray(0, 40))
    expect(expectRefusedUnchanged(file, 'JOURNAL_CORRUPT').message).toMatch(/40 bytes long, shorter than the 100-byte SQLite header/)
  })

  it('refuses a file cut off inside a page, unchanged', () => {
    const whole = readFileSync(journalFile('whole.db'))
    const file = join(folder.path, 'cut.db')
    writeFileSync(file, whole.subarray(0, 4096 + 1000))
    expect(expectRefusedUnchanged(file, 'JOURNAL_CORRUPT').message).toMatch(/not a whole number of 4096-byte pages/)
  })

  it('refuses a file with a valid-looking header and garbage pages, unchanged and with no -wal/-shm left', () => {
    const whole = readFileSync(journalFile('whole.db'))
    const file = join(folder.path, 'garbage.db')
    const garbage = Buffer.alloc(4096 * 3, 0xa5)
    whole.copy(garbage, 0, 0, 100)
    writeFileSync(file, garbage)
    const error = expectRefusedUnchanged(file, 'JOURNAL_CORRUPT')
    expect(error.message).toMatch(/not a readable SQLite database/)
    expect(existsSync(`${file}-wal`)).toBe(false)
    expect(existsSync(`${file}-shm`)).toBe(false)
  })
})

describe('openJournal on a journal damaged in the middle', () => {
  it('refuses it at open, unchanged, although its header and schema are intact', () => {
    const file = join(folder.path, 'damaged.db')
    const journal = openJournal(file)
    journal.saveBot(botRecord())
    journal.transaction(() => {
      for (let index = 0; index < 2_000; index += 1) journal.recordFill(fillRecord({ tradeId: String(10_000 + index), timeMs: 1_767_225_600_000 + index }))
    })
    journal.close()
    // Overwrite the start of the page in the middle of the file: its header and cell pointers
    const pages = statSync(file).size / 4096
    expect(pages).toBeGreaterThan(10)
    const descriptor = openSync(file, 'r+')
    writeSync(descriptor, Buffer.alloc(200, 0xa5), 0, 200, Math.floor(pages / 2) * 4096)
    closeSync(descriptor)
    const error = expectRefusedUnchanged(file, 'JOURNAL_CORRUPT')
    expect(error.message).toMatch(/is damaged: SQLite's check of it found/)
    expect(existsSync(`${file}-wal`)).toBe(false)
  })
})

describe('openJournal where there is no journal but an earlier one left traces', () => {
  const traces = () => ['the log gridkeeper.log names bot k1']

  it('refuses to create a missing journal, naming the traces, and creates nothing', () => {
    const file = join(folder.path, 'journal.db')
    let error: unknown
    try {
      openJournal(file, { earlierJournalTraces: traces }).close()
    } catch (caught) {
      error = caught
    }
    expect(isJournalOpenError(error)).toBe(true)
    expect(error).toMatchObject({ code: 'JOURNAL_LOST', path: file, traces: ['the log gridkeeper.log names bot k1'] })
    expect(readdirSync(folder.path)).toEqual([])
  })

  it('refuses to start a zero-byte journal over, leaving it as it is', () => {
    const file = join(folder.path, 'journal.db')
    writeFileSync(file, '')
    expect(expectRefusedUnchanged(file, 'JOURNAL_LOST', { earlierJournalTraces: traces }).message).toMatch(/is empty, but an earlier one was there: the log gridkeeper.log names bot k1/)
    expect(statSync(file).size).toBe(0)
  })

  it('creates one where nothing is found, and does not look for traces beside a journal that is there', () => {
    const file = join(folder.path, 'journal.db')
    let asked = 0
    const none = () => (asked += 1, [])
    openJournal(file, { earlierJournalTraces: none }).close()
    expect(asked).toBe(1)
    const journal = openJournal(file, { earlierJournalTraces: traces })
    expect(journal.listBots()).toEqual([])
    journal.close()
  })
})

describe('openJournal on a SQLite database that must not be used', () => {
  it('refuses a journal from a newer Gridkeeper, naming both versions, unchanged', () => {
    const file = journalFile()
    rawExec(file, 'PRAGMA user_version = 99')
    const error = expectRefusedUnchanged(file, 'JOURNAL_TOO_NEW')
    expect(error.message).toContain('schema version 99')
    expect(error.message).toContain(`version ${LATEST_JOURNAL_VERSION} that this Gridkeeper knows`)
  })

  it('refuses another program\'s tables at version 0, unchanged', () => {
    const file = join(folder.path, 'other.db')
    rawExec(file, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada')")
    expect(expectRefusedUnchanged(file, 'JOURNAL_FOREIGN').message).toMatch(/not a Gridkeeper journal/)
  })

  it('refuses another program\'s application id, unchanged', () => {
    const file = join(folder.path, 'other.db')
    rawExec(file, 'PRAGMA application_id = 1234; PRAGMA user_version = 1')
    expect(expectRefusedUnchanged(file, 'JOURNAL_FOREIGN').message).toMatch(/application id 0x000004d2 belongs to another program/)
  })

  it('refuses a versioned database without the Gridkeeper application id, unchanged', () => {
    const file = join(folder.path, 'other.db')
    rawExec(file, 'CREATE TABLE bots (x); PRAGMA user_version = 1')
    expectRefusedUnchanged(file, 'JOURNAL_FOREIGN')
  })

  it('reads a foreign database through its live write-ahead log and leaves the other program\'s log alone', () => {
    const file = join(folder.path, 'busy.db')
    const other = new DatabaseSync(file)
    other.exec("PRAGMA journal_mode = WAL; CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')")
    expect(existsSync(`${file}-wal`)).toBe(true)
    const walHash = fileHash(`${file}-wal`)
    expectRefusedUnchanged(file, 'JOURNAL_FOREIGN')
    expect(fileHash(`${file}-wal`)).toBe(walHash)
    expect(other.prepare('SELECT text FROM notes').all().map((row) => row['text'])).toEqual(['mine'])
    other.close()
  })

  it('removes the -shm file its read-only look created beside a copied write-ahead log', () => {
    const source = join(folder.path, 'source.db')
    const other = new DatabaseSync(source)
    other.exec("PRAGMA journal_mode = WAL; CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')")
    const file = join(folder.path, 'copy.db')
    // A crash leftover: the database and its log, without the shared-memory index
    copyFileSync(source, file)
    copyFileSync(`${source}-wal`, `${file}-wal`)
    other.close()
    const walHash = fileHash(`${file}-wal`)
    expectRefusedUnchanged(file, 'JOURNAL_FOREIGN')
    expect(existsSync(`${file}-shm`)).toBe(false)
    expect(fileHash(`${file}-wal`)).toBe(walHash)
  })
})
