import { setImmediate as nextTurn } from 'node:timers/promises'
import type { CandleSeries } from './candle-series'
import type { SeriesOptions } from './build-candle-series'
import { joinSeries } from './join-series'
import { isKlinesFileError } from './klines-file-error'
import { detectKlinesFormat } from './klines-format'
import { parseKlines } from './parse-klines'

/** About a month of one-minute Binance CSV: parsed in some 20 ms. */
const CHUNK_CHARS = 4_000_000
const DIGIT_0 = 48
const DIGIT_9 = 57

/** How a long parse shares the process. */
export interface ParseStepOptions extends SeriesOptions {
  /** Stops between chunks with the signal's reason. */
  readonly signal?: AbortSignal
  /** Called after each chunk with the chunks parsed and their number. */
  readonly onStep?: (done: number, total: number) => void
  /** Characters per chunk (about 4 million). */
  readonly chunkChars?: number
}

/**
 * Parses klines text as `parseKlines` does, but a long Binance CSV a chunk of lines at a time,
 * letting the event loop run between chunks so the process keeps answering (the app's window,
 * `serve`'s socket). The chunks are joined when they follow each other; whenever they cannot be
 * taken apart exactly (rows out of order or repeated across chunks, a chunk that fails), the text
 * is parsed in one piece, which orders the rows or names the row at fault as `parseKlines` does.
 * JSON is parsed in one piece.
 */
export async function parseKlinesInSteps(text: string, file: string, options: ParseStepOptions = {}): Promise<CandleSeries> {
  const { signal, onStep, chunkChars = CHUNK_CHARS, ...seriesOptions } = options
  const whole = () => parseKlines(text, file, seriesOptions)
  if (text.length <= chunkChars || detectKlinesFormat(text) !== 'binance-csv') return whole()
  const chunks = csvChunks(text, chunkChars)
  const parts: CandleSeries[] = []
  let interval = seriesOptions.interval
  for (const [index, chunk] of chunks.entries()) {
    await nextTurn()
    signal?.throwIfAborted()
    // Only the first line of the file may be a header; a later chunk must start with a kline
    if (index > 0 && !startsWithDigit(chunk)) return whole()
    try {
      const part = parseKlines(chunk, file, { ...seriesOptions, ...(interval === undefined ? {} : { interval }) })
      interval = part.interval
      parts.push(part)
    } catch (error) {
      if (isKlinesFileError(error)) return whole()
      throw error
    }
    onStep?.(index + 1, chunks.length)
  }
  return joinSeries(parts) ?? whole()
}

/** Splits CSV text into pieces of about `size` characters that end at line ends. */
function csvChunks(text: string, size: number): string[] {
  const chunks: string[] = []
  let start = 0
  while (start < text.length) {
    const newline = text.indexOf('\n', Math.min(text.length, start + size))
    const end = newline < 0 ? text.length : newline + 1
    chunks.push(text.slice(start, end))
    start = end
  }
  return chunks
}

/** Whether the first character that is not white space is a digit. */
function startsWithDigit(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 32 || code === 9 || code === 10 || code === 13) continue
    return code >= DIGIT_0 && code <= DIGIT_9
  }
  return false
}
