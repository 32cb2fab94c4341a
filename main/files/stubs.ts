import { execFileSync } from 'node:child_process'
import { chmodSync, statSync } from 'node:fs'

/**
 * Makes a file or folder one this process cannot write, and returns how to undo it: `chattr +i`
 * as root (permissions do not stop root), read-only permissions otherwise.
 */
export function makeUnwritable(path: string): () => void {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', path])
    return () => execFileSync('chattr', ['-i', path])
  }
  const mode = statSync(path).mode & 0o777
  chmodSync(path, mode & ~0o222)
  return () => chmodSync(path, mode)
}
