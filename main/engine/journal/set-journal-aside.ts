import { existsSync, renameSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'

const SIDECAR_SUFFIXES = ['-wal', '-shm', '-journal'] as const

/**
 * Moves a journal file and its SQLite sidecars (write-ahead log, shared memory, rollback journal)
 * aside to a dated name in the same folder, `journal.sqlite` → `journal.set-aside-2026-11-28T154230Z.sqlite`
 * (`-2`, `-3` … added when that name is taken), so a new journal can start there while nothing of
 * the old one is deleted. The sidecars keep their suffix after the new name, so SQLite still reads
 * the old journal whole. Returns the paths it moved the files to; nothing when no file was there.
 */
export function setJournalAside(journalPath: string, nowMs: number): string[] {
  const present = [journalPath, ...SIDECAR_SUFFIXES.map((suffix) => `${journalPath}${suffix}`)].filter((file) => existsSync(file))
  if (present.length === 0) return []
  const target = asideName(journalPath, nowMs)
  const moved: string[] = []
  // The database first: cut short after it, the log left behind refuses a new journal, whereas a
  // database left without its log would open and miss its last commits
  for (const suffix of ['', ...SIDECAR_SUFFIXES] as const) {
    const from = `${journalPath}${suffix}`
    if (!present.includes(from)) continue
    renameSync(from, `${target}${suffix}`)
    moved.push(`${target}${suffix}`)
  }
  return moved
}

/** Returns a dated name beside `path` that neither it nor its sidecars use yet. */
export function asideName(path: string, nowMs: number): string {
  const extension = extname(path)
  const stem = join(dirname(path), basename(path, extension))
  const stamp = new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '')
  for (let attempt = 1; ; attempt += 1) {
    const candidate = `${stem}.set-aside-${stamp}${attempt === 1 ? '' : `-${attempt}`}${extension}`
    if (![candidate, ...SIDECAR_SUFFIXES.map((suffix) => `${candidate}${suffix}`)].some((file) => existsSync(file))) return candidate
  }
}
