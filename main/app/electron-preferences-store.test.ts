import type { EventEmitter } from 'node:events'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openConfPreferencesStore } from '../service/conf-preferences-store'
import { openPreferences, PREFERENCES_FILE } from '../service/preferences'
import type { OpenPreferencesStore } from '../service/preferences-store'
import { openElectronPreferencesStore } from './electron-preferences-store'

// electron-store asks Electron's app for the data folder and the version, and opens a channel on ipcMain
const ipcMain = vi.hoisted(() => ({ emitter: undefined as EventEmitter | undefined }))
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events')
  ipcMain.emitter = new Emitter()
  const stub = { app: { getPath: () => '/nonexistent-user-data', getVersion: () => '1.2.3' }, ipcMain: ipcMain.emitter, shell: {} }
  return { ...stub, default: stub }
})

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

function folder(): string {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const path = mkdtempSync(join(process.cwd(), '.tmp', 'preferences-store-'))
  cleanups.push(() => rmSync(path, { recursive: true, force: true }))
  return path
}

/** The file as the previous version (a hand-written JSON file) wrote it. */
function writtenBefore(preferences: object): string {
  return `${JSON.stringify(preferences, null, 2)}\n`
}

const STORES: readonly (readonly [string, OpenPreferencesStore])[] = [
  ['electron-store (the desktop app)', openElectronPreferencesStore],
  ['conf (gridkeeper serve)', openConfPreferencesStore]
]

describe.each(STORES)('the preferences file through %s', (_name, openStore) => {
  const open = (dir: string, warnings: string[] = []) => openPreferences(dir, (message) => warnings.push(message), openStore)

  it('reads a file the previous version wrote, and one edited by hand', () => {
    for (const [text, preferences] of [
      [writtenBefore({ mode: 'testnet', lastActiveMs: 1_733_580_000_000 }), { mode: 'testnet', lastActiveMs: 1_733_580_000_000 }],
      ['{"mode":"live"}', { mode: 'live' }],
      ['\uFEFF{ "lastActiveMs": 0, "mode": "demo" }\r\n', { mode: 'demo', lastActiveMs: 0 }]
    ] as const) {
      const dir = folder()
      writeFileSync(join(dir, PREFERENCES_FILE), text)
      const warnings: string[] = []
      expect(open(dir, warnings).preferences).toEqual(preferences)
      expect(warnings).toEqual([])
      // Reading leaves the file as it was
      expect(readFileSync(join(dir, PREFERENCES_FILE), 'utf8')).toBe(text)
    }
  })

  it('writes the file as the previous version did, so either version reads what the other wrote', () => {
    const dir = folder()
    const first = open(dir)
    expect(first.preferences).toEqual({ mode: 'paper' })
    first.write({ mode: 'demo', lastActiveMs: 42 })
    expect(readFileSync(join(dir, PREFERENCES_FILE), 'utf8')).toBe(writtenBefore({ mode: 'demo', lastActiveMs: 42 }))
    first.write({ mode: 'live', lastActiveMs: 43 })
    expect(open(dir).preferences).toEqual({ mode: 'live', lastActiveMs: 43 })
    expect(() => first.write({ mode: 'moon' as never })).toThrow()
    expect(open(dir).preferences).toEqual({ mode: 'live', lastActiveMs: 43 })
  })

  it('replaces the file whole on each write (a new file renamed over it), leaving nothing beside it', () => {
    const dir = folder()
    writeFileSync(join(dir, PREFERENCES_FILE), writtenBefore({ mode: 'paper' }))
    const file = open(dir)
    const before = statSync(join(dir, PREFERENCES_FILE)).ino
    file.write({ mode: 'testnet', lastActiveMs: 1 })
    expect(statSync(join(dir, PREFERENCES_FILE)).ino).not.toBe(before)
    expect(readdirSync(dir)).toEqual([PREFERENCES_FILE])
  })

  it('sets a damaged file aside, says why, uses the defaults, and writes a new file beside the one kept', () => {
    for (const text of ['{not json', '{"mode":"moon"}', '{"mode":"live","apiSecret":"x"}', '', 'null']) {
      const dir = folder()
      writeFileSync(join(dir, PREFERENCES_FILE), text)
      const warnings: string[] = []
      const file = open(dir, warnings)
      expect(file.preferences).toEqual({ mode: 'paper' })
      expect(warnings).toEqual([expect.stringMatching(/^the preferences file could not be read \([^\n]+\); it is kept as .*preferences\.json\.unreadable-\d+ and the defaults are used$/)])
      const kept = readdirSync(dir).filter((name) => name.startsWith(`${PREFERENCES_FILE}.unreadable-`))
      expect(kept).toHaveLength(1)
      file.write({ mode: 'paper', lastActiveMs: 7 })
      expect(readFileSync(join(dir, kept[0] ?? ''), 'utf8')).toBe(text)
      expect(open(dir).preferences).toEqual({ mode: 'paper', lastActiveMs: 7 })
    }
  })
})

describe('openElectronPreferencesStore', () => {
  it('keeps the file in the data folder given, and leaves no channel of its own open to pages', () => {
    const dir = folder()
    const store = openElectronPreferencesStore(dir)
    expect(store.path).toBe(join(dir, PREFERENCES_FILE))
    expect(ipcMain.emitter?.eventNames()).toEqual([])
  })
})
