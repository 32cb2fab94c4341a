import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openJournal } from './open-journal'
import { setJournalAside } from './set-journal-aside'
import { botRecord, type TempFolder, tempFolder } from './stubs'

let folder: TempFolder
beforeEach(() => {
  folder = tempFolder()
})
afterEach(() => {
  folder.remove()
})

const NOW = Date.UTC(2026, 10, 28, 15, 42, 30, 123)

describe('setJournalAside', () => {
  it('moves the journal and its sidecars to one dated name, so the old journal still opens whole', () => {
    const file = join(folder.path, 'journal.sqlite')
    const journal = openJournal(file)
    journal.saveBot(botRecord({ botId: 'k1' }))
    // Left open, as a killed process leaves it: the bot is only in the write-ahead log yet
    expect(existsSync(`${file}-wal`)).toBe(true)
    const moved = setJournalAside(file, NOW)
    journal.close()
    const aside = join(folder.path, 'journal.set-aside-2026-11-28T154230Z.sqlite')
    expect(moved).toEqual([aside, `${aside}-wal`, `${aside}-shm`])
    expect(existsSync(file)).toBe(false)
    const old = openJournal(aside)
    expect(old.listBots().map((bot) => bot.botId)).toEqual(['k1'])
    old.close()
  })

  it('never overwrites an earlier set-aside journal of the same second', () => {
    const file = join(folder.path, 'journal.sqlite')
    writeFileSync(file, 'first')
    setJournalAside(file, NOW)
    writeFileSync(file, '')
    expect(setJournalAside(file, NOW)).toEqual([join(folder.path, 'journal.set-aside-2026-11-28T154230Z-2.sqlite')])
    expect(readFileSync(join(folder.path, 'journal.set-aside-2026-11-28T154230Z.sqlite'), 'utf8')).toBe('first')
    expect(readdirSync(folder.path).sort()).toEqual(['journal.set-aside-2026-11-28T154230Z-2.sqlite', 'journal.set-aside-2026-11-28T154230Z.sqlite'])
  })

  it('moves nothing where there is no journal', () => {
    expect(setJournalAside(join(folder.path, 'journal.sqlite'), NOW)).toEqual([])
    expect(readdirSync(folder.path)).toEqual([])
  })
})
