import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** The lock files this process holds. */
const HELD = new Set<string>()

/** The lock file's name inside a data folder. */
export const LOCK_FILE = 'gridkeeper.lock'

/** A held data-folder lock. */
export interface DataDirLock {
  release(): void
}

/** Another running process holds the data folder. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number
  ) {
    super(`the data folder ${dataDir} is in use by another Gridkeeper process (pid ${pid}); two processes trading one journal would place orders twice — stop that one first, or use another data folder`)
    this.name = 'DataDirLockedError'
  }
}

/**
 * Takes the data folder for this process: one engine per journal. The lock is a file holding the
 * owner's pid, created exclusively; a lock left by a process that no longer runs (a crash, a
 * kill) is taken over.
 */
export function lockDataDir(dataDir: string, isRunning: (pid: number) => boolean = processIsRunning): DataDirLock {
  const path = join(dataDir, LOCK_FILE)
  // A lock file with this process's pid is stale (a previous process had the pid) unless this process holds it
  if (HELD.has(resolve(path))) throw new DataDirLockedError(dataDir, process.pid)
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      HELD.add(resolve(path))
      return {
        release: () => {
          HELD.delete(resolve(path))
          rmSync(path, { force: true })
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = Number.parseInt(readFileSync(path, 'utf8').trim(), 10)
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) throw new DataDirLockedError(dataDir, owner)
    rmSync(path, { force: true })
  }
  throw new Error(`could not take the lock ${path}`)
}

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, as another user
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
