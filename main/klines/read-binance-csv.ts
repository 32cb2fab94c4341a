import { KlineRowBuffer } from './kline-row-buffer'

const DIGIT_0 = 48
const DIGIT_9 = 57
const CARRIAGE_RETURN = 13
const NEWLINE = 10
const COMMA = 44
/** A Binance CSV line of one-minute klines is about 130 characters; the buffer grows when it is more. */
const CHARACTERS_PER_ROW = 100

/**
 * Reads Binance's klines CSV (data.binance.vision's 12 columns, or the first 11 of them) into a
 * row buffer numbered by line. A first line that does not start with a digit is a header; blank
 * lines hold nothing and are passed over; any other line that is not a kline is an error naming
 * it. Cells are read in place in the text, without splitting it.
 */
export function readBinanceCsv(text: string, file: string): KlineRowBuffer {
  const rows = new KlineRowBuffer(file, 'line', Math.ceil(text.length / CHARACTERS_PER_ROW))
  // Start of each of the first six cells, and one past the end of the sixth
  const bounds = new Int32Array(7)
  let lineNumber = 0
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0
  let seenContent = false
  const length = text.length
  while (start < length) {
    // One pass over the line finds its end and the start of its first six cells
    const lineStart = start
    let columns = 1
    bounds[0] = lineStart
    let index = lineStart
    for (; index < length; index++) {
      const code = text.charCodeAt(index)
      if (code === NEWLINE) break
      if (code === COMMA) {
        if (columns < 7) bounds[columns] = index + 1
        columns++
      }
    }
    let end = index
    start = index + 1
    lineNumber++
    if (end > lineStart && text.charCodeAt(end - 1) === CARRIAGE_RETURN) end--
    if (isBlank(text, lineStart, end)) continue
    const first = text.charCodeAt(lineStart)
    const isHeader = !seenContent && (first < DIGIT_0 || first > DIGIT_9)
    seenContent = true
    if (isHeader) continue
    if (columns !== 12 && columns !== 11) {
      rows.fail([lineNumber], `has ${columns} columns; Binance's klines CSV has 12 (or 11, without the last 'ignore' column)`)
    }
    const time = wholeNumber(text, lineStart, (bounds[1] as number) - 1)
    if (time < 0) rows.fail([lineNumber], `open time ${JSON.stringify(text.slice(lineStart, (bounds[1] as number) - 1))} is not a whole number`)
    rows.addCells(lineNumber, time, text, bounds)
  }
  return rows
}

/** Returns the whole number in text[start, end), or -1 when it is not one. */
function wholeNumber(text: string, start: number, end: number): number {
  if (end <= start || end - start > 16) return -1
  let value = 0
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index)
    if (code < DIGIT_0 || code > DIGIT_9) return -1
    value = value * 10 + (code - DIGIT_0)
  }
  return value
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index)
    if (code !== 32 && code !== 9) return false
  }
  return true
}
