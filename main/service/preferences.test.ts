import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openPreferences, PREFERENCES_FILE } from './preferences'

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
  it('start in Paper mode without creating the file, and keep a mode written', () => {
    const dir = folder()
    const file = openPreferences(dir, () => undefined)
    expect(file.preferences).toEqual({ mode: 'paper' })
    expect(readdirSync(dir)).toEqual([])
    file.write({ mode: 'testnet' })
    expect(openPreferences(dir, () => undefined).preferences).toEqual({ mode: 'testnet' })
  })

  it('set an unreadable file aside, say why, and use the defaults', () => {
    for (const text of ['{not json', '{"mode":"moon"}', '{"mode":"live","apiSecret":"x"}', '', 'null', '[]']) {
      const dir = folder()
      writeFileSync(join(dir, PREFERENCES_FILE), text)
      const warnings: string[] = []
      expect(openPreferences(dir, (message) => warnings.push(message)).preferences).toEqual({ mode: 'paper' })
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(/^the preferences file could not be read \([^\n]+\); it is kept as .*unreadable-\d+ and the defaults are used$/)
      expect(existsSync(join(dir, PREFERENCES_FILE))).toBe(false)
      const kept = readdirSync(dir).find((name) => name.startsWith(`${PREFERENCES_FILE}.unreadable-`))
      expect(readFileSync(join(dir, kept ?? 'missing'), 'utf8')).toBe(text)
    }
  })

  it('name what is wrong without quoting the file', () => {
    const dir = folder()
    writeFileSync(join(dir, PREFERENCES_FILE), '{"mode": "paper", "apiSecret": "SECRET-VALUE" ')
    const warnings: string[] = []
    openPreferences(dir, (message) => warnings.push(message))
    expect(warnings[0]).toMatch(/^the preferences file could not be read \(it is not valid JSON\)/)
    expect(warnings[0]).not.toContain('SECRET-VALUE')
  })
})
