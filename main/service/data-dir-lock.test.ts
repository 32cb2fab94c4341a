import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DataDirLockedError, LOCK_FILE, lockDataDir } from './data-dir-lock'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'gridkeeper-lock-'))
  folders.push(path)
  return path
}

describe('lockDataDir', () => {
  it('holds the folder with this process id and frees it on release', () => {
    const dir = folder()
    const lock = lockDataDir(dir)
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid))
    lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
  })

  it('refuses a folder another running process holds, naming it, and leaves its lock', () => {
    const dir = folder()
    writeFileSync(join(dir, LOCK_FILE), '4242')
    expect(() => lockDataDir(dir, (pid) => pid === 4242)).toThrow(DataDirLockedError)
    expect(() => lockDataDir(dir, (pid) => pid === 4242)).toThrow(/in use by another Gridkeeper process \(pid 4242\)/)
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe('4242')
  })

  it('refuses a folder this process holds already, and takes it again once released', () => {
    const dir = folder()
    const lock = lockDataDir(dir)
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
    lock.release()
    lockDataDir(dir).release()
  })

  it('takes over a lock left by a process that no longer runs, or an unreadable one', () => {
    for (const stale of ['4242', 'garbage', '']) {
      const dir = folder()
      writeFileSync(join(dir, LOCK_FILE), stale)
      lockDataDir(dir, () => false).release()
    }
  })
})
