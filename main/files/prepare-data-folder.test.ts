import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { isDataFolderError } from './data-folder-error'
import { prepareDataFolder } from './prepare-data-folder'
import { makeUnwritable } from './stubs'

const cleanups: (() => unknown)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

function folder(): string {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const path = mkdtempSync(join(process.cwd(), '.tmp', 'prepare-data-folder-'))
  cleanups.push(() => rmSync(path, { recursive: true, force: true }))
  return path
}

function failure(dataDir: string): string {
  try {
    prepareDataFolder(dataDir, 'give another folder with --data-dir')
  } catch (error) {
    if (isDataFolderError(error)) return error.message
    throw error
  }
  throw new Error('expected a DataFolderError')
}

describe('prepareDataFolder', () => {
  it('creates a missing folder and leaves nothing of its check behind', () => {
    const dataDir = join(folder(), 'a', 'b')
    prepareDataFolder(dataDir, 'give another folder with --data-dir')
    expect(existsSync(dataDir)).toBe(true)
    expect(readdirSync(dataDir)).toEqual([])
  })

  it('says in one line which folder cannot be used, why, and what to do', () => {
    const dir = folder()
    const file = join(dir, 'file')
    writeFileSync(file, '')
    expect(failure(file)).toBe(`the data folder ${file} is a file, not a folder; give another folder with --data-dir`)
    expect(failure(join(file, 'data'))).toBe(`cannot create the data folder ${join(file, 'data')}: a part of its path is a file, not a folder; give another folder with --data-dir`)
    const locked = join(dir, 'locked')
    mkdirSync(locked)
    cleanups.push(makeUnwritable(locked))
    expect(failure(locked)).toBe(`cannot write in the data folder ${locked}: permission denied; make it writable for this user, or give another folder with --data-dir`)
    expect(failure(join(locked, 'data'))).toBe(`cannot create the data folder ${join(locked, 'data')}: permission denied; give another folder with --data-dir`)
  })
})
