import type { CandleSeries } from './candle-series'
import type { SeriesOptions } from './build-candle-series'
import { readRegularFile } from '../files/read-regular-file'
import { parseKlines } from './parse-klines'
import { symbolFromFileName } from './symbol-from-file-name'

/**
 * Loads a klines file (Binance CSV, Binance klines JSON or freqtrade JSON) into a candle series.
 * The symbol is the one given, else the one the file name gives, else null. Errors name the path:
 * an InputFileError for what is not a regular file of at most INPUT_FILE_MAX_BYTES (a device, a
 * named pipe, a folder, a file too large), a KlinesFileError for what the file holds.
 */
export async function loadKlinesFile(path: string, options: SeriesOptions = {}): Promise<CandleSeries> {
  const text = await readRegularFile(path)
  return parseKlines(text, path, { ...options, symbol: options.symbol ?? symbolFromFileName(path) })
}
