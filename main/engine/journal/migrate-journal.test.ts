import { DatabaseSync } from 'node:sqlite'
import { afterAll, describe, expect, it } from 'vitest'
import { JournalMisuseError } from './journal-misuse-error'
import { JournalOpenError } from './journal-open-error'
import { migrateJournal } from './migrate-journal'
import { JOURNAL_APPLICATION_ID, JOURNAL_MIGRATIONS, type JournalMigration, LATEST_JOURNAL_VERSION } from './migrations'

const version = (db: DatabaseSync) => db.prepare('PRAGMA user_version').get()?.['user_version']
const tables = (db: DatabaseSync) =>
  db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => row['name'])

const steps: readonly JournalMigration[] = [
  { version: 1, description: 'first', sql: 'CREATE TABLE one (x TEXT) STRICT' },
  { version: 2, description: 'second', sql: 'CREATE TABLE two (x TEXT) STRICT' }
]

describe('migrateJournal', () => {
  it('takes an empty database from version 0 to the latest, one step at a time', () => {
    const db = new DatabaseSync(':memory:')
    expect(migrateJournal(db, ':memory:')).toBe(LATEST_JOURNAL_VERSION)
    expect(version(db)).toBe(LATEST_JOURNAL_VERSION)
    expect(db.prepare('PRAGMA application_id').get()?.['application_id']).toBe(JOURNAL_APPLICATION_ID)
    expect(db.isTransaction).toBe(false)
    db.close()
  })

  it('applies only the steps above the current version, and nothing on a second run', () => {
    const db = new DatabaseSync(':memory:')
    migrateJournal(db, 'test.db', steps.slice(0, 1))
    expect(tables(db)).toEqual(['one'])
    expect(migrateJournal(db, 'test.db', steps)).toBe(2)
    expect(tables(db)).toEqual(['one', 'two'])
    expect(migrateJournal(db, 'test.db', steps)).toBe(2)
    db.close()
  })

  it('rolls a failing step back completely, version included, and names the step', () => {
    const db = new DatabaseSync(':memory:')
    const broken: JournalMigration[] = [...steps, { version: 3, description: 'broken', sql: 'CREATE TABLE three (x TEXT) STRICT; CREATE TABLE one (y)' }]
    let caught: unknown
    try {
      migrateJournal(db, 'test.db', broken)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(JournalOpenError)
    expect((caught as JournalOpenError).code).toBe('JOURNAL_MIGRATION_FAILED')
    expect((caught as JournalOpenError).message).toMatch(/upgrade to schema version 3 \(broken\) failed and was rolled back: table one already exists/)
    // Steps 1 and 2 committed on their own; step 3 left no table and no version behind
    expect(version(db)).toBe(2)
    expect(tables(db)).toEqual(['one', 'two'])
    expect(db.isTransaction).toBe(false)
    db.close()
  })

  it('refuses a database newer than the steps it knows, changing nothing', () => {
    const db = new DatabaseSync(':memory:')
    db.exec('PRAGMA user_version = 7')
    expect(() => migrateJournal(db, 'test.db', steps)).toThrow(/schema version 7, newer than version 2/)
    expect(version(db)).toBe(7)
    expect(tables(db)).toEqual([])
    db.close()
  })

  it('refuses steps that are not numbered 1, 2, 3 … in order', () => {
    const db = new DatabaseSync(':memory:')
    expect(() => migrateJournal(db, 'test.db', [steps[1] as JournalMigration])).toThrow(JournalMisuseError)
    expect(() => migrateJournal(db, 'test.db', [steps[0] as JournalMigration, steps[0] as JournalMigration])).toThrow(JournalMisuseError)
    expect(version(db)).toBe(0)
    db.close()
  })
})

describe('the journal schema', () => {
  const db = new DatabaseSync(':memory:')
  migrateJournal(db, ':memory:')
  afterAll(() => db.close())

  it('numbers its migrations 1 … latest', () => {
    expect(JOURNAL_MIGRATIONS.map((migration) => migration.version)).toEqual(JOURNAL_MIGRATIONS.map((_, index) => index + 1))
  })

  it('keeps every table STRICT, with no REAL or NUMERIC column that could hold money as a float', () => {
    const list = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all()
    expect(list.length).toBe(10)
    for (const table of list) {
      expect(table['strict'], String(table['name'])).toBe(1)
      const types = db.prepare('SELECT type FROM pragma_table_info(?)').all(table['name'] as string).map((column) => column['type'])
      expect(types.every((type) => type === 'TEXT' || type === 'INTEGER'), String(table['name'])).toBe(true)
    }
  })

  it('stores booleans as 0/1 only', () => {
    db.exec("INSERT INTO bots VALUES ('b', 'BTCUSDT', '{}', 'running', 0, 0)")
    const insert = (isMaker: number) =>
      db.prepare("INSERT INTO fills VALUES ('BTCUSDT', ?, '1', 'c', 'b', 'BUY', '1', '1', '1', '0', 'BNB', ?, 0, NULL, NULL, NULL)").run(String(isMaker), isMaker)
    expect(() => insert(1)).not.toThrow()
    expect(() => insert(2)).toThrow(/CHECK constraint failed/)
  })

  it('answers the hot queries from their indexes', () => {
    const plan = (sql: string) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((row) => String(row['detail']))
        .join('\n')
    expect(plan("SELECT * FROM intents WHERE bot_id = 'b' AND status IN (SELECT value FROM json_each('[\"pending\"]'))")).toContain('intents_by_bot_status')
    expect(plan("SELECT * FROM fills WHERE bot_id = 'b' AND counter_intent_id IS NULL AND hedge_note IS NULL ORDER BY time_ms")).toContain('fills_unhedged_by_bot')
    expect(plan("SELECT * FROM fills WHERE bot_id = 'b' ORDER BY time_ms")).toContain('fills_by_bot')
    expect(plan("SELECT * FROM order_events WHERE client_order_id = 'c' ORDER BY event_seq")).toMatch(/USING INDEX sqlite_autoindex_order_events_1/)
  })
})
