import { closeSync, openSync, readSync } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'

/** The log file's name in a data folder (the app's, `serve`'s and `run`'s). */
export const LOG_FILE = 'gridkeeper.log'

/** The line the app logs when it opens a mode's account: the bots named after it, until the next, are that mode's. */
export const OPENING_ACCOUNT_MESSAGE = 'opening the account'

/**
 * The line logged when a person starts a new journal on purpose (`run --new-journal`, or the
 * app's Start a new journal, with the mode): the bots named before it belong to the journal set
 * aside, not to the new one.
 */
export const NEW_JOURNAL_MESSAGE = 'a new journal is started on purpose'

const CHUNK_BYTES = 1 << 20

/**
 * Returns the bots the log at `path` names (a line whose fields carry a `botId`; a backtest's
 * lines are not a bot's), in the order first named, or none when there is no log. With `mode`,
 * only lines the app wrote while that mode's account was open count; without it (`run`, one bot
 * per data directory) every line does. A new journal started on purpose (for that mode) forgets
 * the names before it. The file is read in chunks, so a long log costs time, not memory.
 */
export function botsNamedInLog(path: string, mode?: string): string[] {
  let named = new Set<string>()
  let openMode: string | undefined
  forEachLine(path, (line) => {
    if (!line.includes(OPENING_ACCOUNT_MESSAGE) && !line.includes(NEW_JOURNAL_MESSAGE) && !line.includes('"botId"')) return
    const parsed = parseLogLine(line)
    if (parsed === undefined) return
    const { message, fields } = parsed
    const lineMode = typeof fields['mode'] === 'string' ? fields['mode'] : undefined
    if (message === OPENING_ACCOUNT_MESSAGE) {
      openMode = lineMode
      return
    }
    if (message === NEW_JOURNAL_MESSAGE) {
      if (mode === undefined || lineMode === mode) named = new Set()
      return
    }
    const botId = fields['botId']
    if (typeof botId !== 'string' || fields['backtestId'] !== undefined) return
    if (mode === undefined || openMode === mode) named.add(botId)
  })
  return [...named]
}

/** Splits a log line (`<time> <LEVEL> <message> <fields as JSON>`) into its message and fields. */
function parseLogLine(line: string): { message: string; fields: Record<string, unknown> } | undefined {
  const match = /^\S+ +[A-Z]+ +(.*)$/.exec(line)
  if (match === null) return undefined
  const rest = match[1] as string
  const start = rest.indexOf(' {"')
  if (start === -1) return { message: rest, fields: {} }
  try {
    const fields = JSON.parse(rest.slice(start + 1)) as unknown
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return { message: rest, fields: {} }
    return { message: rest.slice(0, start), fields: fields as Record<string, unknown> }
  } catch {
    return { message: rest, fields: {} }
  }
}

/** Calls `visit` with each line of the file, without its line break; nothing when the file is missing. */
function forEachLine(path: string, visit: (line: string) => void): void {
  let descriptor: number
  try {
    descriptor = openSync(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES)
    // A character cut at a chunk's end is completed by the next chunk
    const decoder = new StringDecoder('utf8')
    let carry = ''
    for (;;) {
      const length = readSync(descriptor, buffer, 0, CHUNK_BYTES, null)
      if (length === 0) break
      const lines = (carry + decoder.write(buffer.subarray(0, length))).split('\n')
      carry = lines.pop() ?? ''
      for (const line of lines) visit(line)
    }
    carry += decoder.end()
    if (carry !== '') visit(carry)
  } finally {
    closeSync(descriptor)
  }
}
