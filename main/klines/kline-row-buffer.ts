import { DecimalDigitsReader } from './decimal-digits-reader'
import { KlinesFileError, type RowWord } from './klines-file-error'
import { openTimeMsOf } from './open-time'

const PRICE_NAMES = ['open', 'high', 'low', 'close'] as const
const DIGIT_0 = 48
const DIGIT_9 = 57
const DOT = 46

/**
 * Rows of a klines file as read, before they are ordered and scaled: open time, the four prices
 * as significant digits and decimals, volume, and the row number to name in errors. Columns are
 * typed arrays that grow by doubling. Every value is checked as it is added, so a malformed row
 * fails with its row number; the buffer is not usable after a failure.
 */
export class KlineRowBuffer {
  /** Number of rows added. */
  length = 0
  timesMs: Float64Array
  /** Four entries a row: open, high, low, close. */
  digits: Float64Array
  /** Four entries a row, matching `digits`. */
  decimals: Uint8Array
  volumes: Float64Array
  rowNumbers: Float64Array
  /** The most decimals of any price added so far. */
  scale = 0
  private readonly reader = new DecimalDigitsReader()

  constructor(
    readonly file: string,
    readonly rowWord: RowWord,
    expectedRows = 1024
  ) {
    const capacity = Math.max(16, expectedRows)
    this.timesMs = new Float64Array(capacity)
    this.digits = new Float64Array(capacity * 4)
    this.decimals = new Uint8Array(capacity * 4)
    this.volumes = new Float64Array(capacity)
    this.rowNumbers = new Float64Array(capacity)
  }

  /** Throws a KlinesFileError naming the file, the rows and the detail. */
  fail(rows: readonly number[], detail: string): never {
    throw new KlinesFileError(this.file, rows, this.rowWord, detail)
  }

  /** Adds one row: time as an integer (ms or µs), prices as exact decimal text, volume as decimal text or a number. */
  add(rowNumber: number, time: number, open: string, high: string, low: string, close: string, volume: string | number): void {
    const row = this.startRow(rowNumber, time)
    this.addPrice(row, 0, open, 0, open.length)
    this.addPrice(row, 1, high, 0, high.length)
    this.addPrice(row, 2, low, 0, low.length)
    this.addPrice(row, 3, close, 0, close.length)
    this.finishRow(row, typeof volume === 'number' ? volume : this.volumeOf(row, volume, 0, volume.length))
  }

  /**
   * Adds one row from cells of a longer text (a CSV line): `bounds[i]` is where cell i starts and
   * `bounds[i + 1] - 1` where it ends; cells 1 to 4 are the prices and cell 5 the volume.
   */
  addCells(rowNumber: number, time: number, text: string, bounds: Int32Array): void {
    const row = this.startRow(rowNumber, time)
    for (let price = 0; price < 4; price++) this.addPrice(row, price, text, bounds[price + 1] as number, (bounds[price + 2] as number) - 1)
    this.finishRow(row, this.volumeOf(row, text, bounds[5] as number, (bounds[6] as number) - 1))
  }

  private startRow(rowNumber: number, time: number): number {
    const timeMs = openTimeMsOf(time)
    if (timeMs === undefined) this.fail([rowNumber], `open time ${time} is not a whole number of milliseconds or microseconds`)
    const row = this.length
    if (row === this.timesMs.length) this.grow()
    this.timesMs[row] = timeMs
    this.rowNumbers[row] = rowNumber
    return row
  }

  private finishRow(row: number, volume: number): void {
    if (!Number.isFinite(volume) || volume < 0) this.fail([this.rowNumbers[row] as number], `volume ${volume} is not a non-negative number`)
    this.volumes[row] = volume
    this.length = row + 1
  }

  private addPrice(row: number, which: number, text: string, start: number, end: number): void {
    const reader = this.reader
    if (!reader.read(text, start, end)) {
      this.fail([this.rowNumbers[row] as number], `${PRICE_NAMES[which]} ${JSON.stringify(text.slice(start, end))} ${reader.problem}`)
    }
    this.digits[row * 4 + which] = reader.digits
    this.decimals[row * 4 + which] = reader.decimals
    if (reader.decimals > this.scale) this.scale = reader.decimals
  }

  /** Returns the volume in text[start, end), checked to be a plain decimal. */
  private volumeOf(row: number, text: string, start: number, end: number): number {
    let dots = 0
    let valid = end > start
    for (let index = start; index < end && valid; index++) {
      const code = text.charCodeAt(index)
      if (code === DOT) valid = ++dots === 1 && index > start && index < end - 1
      else valid = code >= DIGIT_0 && code <= DIGIT_9
    }
    const cell = text.slice(start, end)
    if (!valid) this.fail([this.rowNumbers[row] as number], `volume ${JSON.stringify(cell)} is not a plain decimal number`)
    return Number(cell)
  }

  private grow(): void {
    const capacity = this.timesMs.length * 2
    this.timesMs = resized(this.timesMs, capacity)
    this.volumes = resized(this.volumes, capacity)
    this.rowNumbers = resized(this.rowNumbers, capacity)
    this.digits = resized(this.digits, capacity * 4)
    const decimals = new Uint8Array(capacity * 4)
    decimals.set(this.decimals)
    this.decimals = decimals
  }
}

function resized(column: Float64Array, capacity: number): Float64Array {
  const next = new Float64Array(capacity)
  next.set(column)
  return next
}
