import type { ParseNote } from './symbol-rules'

const EXAMPLES_KEPT = 5

type NoteKey = Pick<ParseNote, 'severity' | 'kind' | 'subject' | 'message'>

/** Gathers parser notes, merging repeats so a 1,000-symbol response gives one note per finding. */
export class ParseNoteCollector {
  private readonly notes = new Map<string, { key: NoteKey; count: number; examples: string[] }>()

  /** Records one finding, optionally for a symbol. */
  add(key: NoteKey, symbol?: string): void {
    const id = `${key.severity}|${key.kind}|${key.subject}|${key.message}`
    let entry = this.notes.get(id)
    if (entry === undefined) {
      entry = { key, count: 0, examples: [] }
      this.notes.set(id, entry)
    }
    entry.count += 1
    if (symbol !== undefined && entry.examples.length < EXAMPLES_KEPT) entry.examples.push(symbol)
  }

  /** Returns the notes, errors first. */
  list(): ParseNote[] {
    const notes = [...this.notes.values()].map(({ key, count, examples }) => ({ ...key, count, examples }))
    return notes.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
  }
}
