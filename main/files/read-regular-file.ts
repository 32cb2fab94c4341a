import { constants, type Stats } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { InputFileError } from './input-file-error'
import { megabytesText } from './megabytes-text'

/**
 * The largest file a person may name (a klines file, a configuration, exchange rules): 250 MB,
 * about three years of one-minute Binance CSV. Anything larger is refused before it is read, so
 * a file cannot take the process's memory.
 */
export const INPUT_FILE_MAX_BYTES = 250_000_000

/** Bytes read per step; the signal is checked and progress reported between steps. */
const STEP_BYTES = 8 * 1024 * 1024

// Opening a named pipe for reading waits for a writer unless it is non-blocking; a regular file ignores the flag
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/** How a file is read. */
export interface ReadFileOptions {
  /** Larger files are refused before reading (INPUT_FILE_MAX_BYTES). */
  readonly maxBytes?: number
  /** Stops between steps with the signal's reason. */
  readonly signal?: AbortSignal
  /** Told the bytes read so far and the file's size after each step. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void
}

/**
 * Reads a regular file as UTF-8 text, in steps that give the event loop back, and stops between
 * steps when the signal aborts. Refuses, with an InputFileError naming the path and what to do,
 * anything that is not a regular file (a folder, a device such as /dev/zero, a named pipe, a
 * socket), a file over the size limit, and a file that cannot be opened. The file is opened
 * without waiting and checked as opened, so a pipe swapped in for the file cannot block it.
 */
export async function readRegularFile(path: string, options: ReadFileOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? INPUT_FILE_MAX_BYTES
  options.signal?.throwIfAborted()
  let handle: FileHandle
  try {
    handle = await open(path, OPEN_FLAGS)
  } catch (error) {
    throw new InputFileError(path, openFailure(error), { cause: error })
  }
  try {
    const stats = await handle.stat()
    const kind = notRegular(stats)
    if (kind !== undefined) throw new InputFileError(path, `is ${kind}, not a regular file; give the path of a file`)
    if (stats.size > maxBytes) {
      // Bytes where megabytes would read alike
      const [size, limit] = megabytesText(stats.size) === megabytesText(maxBytes) ? [stats.size, maxBytes].map((bytes) => `${bytes.toLocaleString('en-US')} bytes`) : [megabytesText(stats.size), megabytesText(maxBytes)]
      throw new InputFileError(path, `is ${size}, more than the ${limit} a file may have; split it into smaller files`)
    }
    // The size read is the size checked: a file that grows meanwhile is read as it was
    const buffer = Buffer.allocUnsafe(stats.size)
    let bytesRead = 0
    while (bytesRead < buffer.length) {
      options.signal?.throwIfAborted()
      const { bytesRead: step } = await handle.read(buffer, bytesRead, Math.min(STEP_BYTES, buffer.length - bytesRead), bytesRead)
      if (step === 0) break
      bytesRead += step
      options.onProgress?.(bytesRead, buffer.length)
    }
    options.signal?.throwIfAborted()
    // One decode of the whole buffer gives a flat string, which the parsers scan fastest
    return buffer.toString('utf8', 0, bytesRead)
  } catch (error) {
    if (error instanceof InputFileError || options.signal?.aborted === true) throw error
    throw new InputFileError(path, `cannot be read: ${systemReason(error)}`, { cause: error })
  } finally {
    await handle.close()
  }
}

/** What a file that is not regular is, in words, or undefined for a regular file. */
function notRegular(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined
  if (stats.isDirectory()) return 'a folder'
  if (stats.isFIFO()) return 'a named pipe (FIFO)'
  if (stats.isSocket()) return 'a socket'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  return 'a special file'
}

/** Why a file could not be opened, for a person. */
function openFailure(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'does not exist'
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied; allow this user to read it'
    case 'ENOTDIR':
      return 'does not exist: a part of its path is a file, not a folder'
    case 'EISDIR':
      return 'is a folder, not a regular file; give the path of a file'
    case 'ENXIO':
      return 'is a socket or a device, not a regular file; give the path of a file'
    default:
      return `cannot be opened: ${systemReason(error)}`
  }
}

/** The system's words for an error without its code and path ("too many open files"). */
function systemReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  // Node's system errors read "EMFILE: too many open files, open '/path'"
  const match = /^[A-Z]+: ([^,]+)/.exec(message)
  return match?.[1] ?? message
}
