import { readFile } from 'node:fs/promises'
import type { CandleSeries } from './candle-series'
import type { SeriesOptions } from './build-candle-series'
import { parseKlines } from './parse-klines'
import { symbolFromFileName } from './symbol-from-file-name'

/**
 * Loads a klines file (Binance CSV, Binance klines JSON or freqtrade JSON) into a candle series.
 * The symbol is the one given, else the one the file name gives, else null. Errors name the path.
 */
export async function loadKlinesFile(path: string, options: SeriesOptions = {}): Promise<CandleSeries> {
  // One decode of the whole buffer gives a flat string; readFile(path, 'utf8') joins chunks that the parser would flatten again
  const text = (await readFile(path)).toString('utf8')
  return parseKlines(text, path, { ...options, symbol: options.symbol ?? symbolFromFileName(path) })
}
