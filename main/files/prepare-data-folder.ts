import { closeSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { DataFolderError } from './data-folder-error'
import { writeFailureText } from './write-failure-text'

/**
 * Creates the data folder when it is missing and checks that files can be created in it (by
 * creating one and removing it: permissions alone do not say so, e.g. for root or an immutable
 * folder). Throws a DataFolderError naming the folder, why, and `otherwise`, what else the person
 * can do ("give another folder with --data-dir").
 */
export function prepareDataFolder(dataDir: string, otherwise: string): void {
  try {
    mkdirSync(dataDir, { recursive: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST' || (code === 'ENOTDIR' && isFile(dataDir))) throw new DataFolderError(dataDir, `the data folder ${dataDir} is a file, not a folder; ${otherwise}`, { cause: error })
    throw new DataFolderError(dataDir, `cannot create the data folder ${dataDir}: ${writeFailureText(error)}; ${otherwise}`, { cause: error })
  }
  const probe = join(dataDir, `.write-check-${process.pid}`)
  try {
    closeSync(openSync(probe, 'w'))
  } catch (error) {
    throw new DataFolderError(dataDir, `cannot write in the data folder ${dataDir}: ${writeFailureText(error)}; make it writable for this user, or ${otherwise}`, { cause: error })
  }
  rmSync(probe, { force: true })
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
