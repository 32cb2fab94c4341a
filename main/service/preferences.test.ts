import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PREFERENCES_FILE, readPreferences, writePreferences } from './preferences'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'gridkeeper-preferences-'))
  folders.push(path)
  return path
}

describe('preferences', () => {
  it('start in Paper mode, and keep a mode written', () => {
    const dir = folder()
    expect(readPreferences(dir, () => undefined)).toEqual({ mode: 'paper' })
    writePreferences(dir, { mode: 'testnet' })
    expect(readPreferences(dir, () => undefined)).toEqual({ mode: 'testnet' })
  })

  it('set an unreadable file aside, say why, and use the defaults', () => {
    for (const text of ['{not json', '{"mode":"moon"}', '{"mode":"live","apiSecret":"x"}']) {
      const dir = folder()
      writeFileSync(join(dir, PREFERENCES_FILE), text)
      const warnings: string[] = []
      expect(readPreferences(dir, (message) => warnings.push(message))).toEqual({ mode: 'paper' })
      expect(warnings[0]).toMatch(/the preferences file could not be read \(.+\); it is kept as .*unreadable-\d+/)
      expect(existsSync(join(dir, PREFERENCES_FILE))).toBe(false)
      const kept = readdirSync(dir).find((name) => name.startsWith(`${PREFERENCES_FILE}.unreadable-`))
      expect(readFileSync(join(dir, kept ?? 'missing'), 'utf8')).toBe(text)
    }
  })
})
