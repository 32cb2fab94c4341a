import type { CandleSeries } from './candle-series'
import { buildCandleSeries, type SeriesOptions } from './build-candle-series'
import type { KlineRowBuffer } from './kline-row-buffer'
import { detectKlinesFormat, firstContentIndex } from './klines-format'
import { KlinesFileError } from './klines-file-error'
import { readBinanceCsv } from './read-binance-csv'
import { readBinanceKlinesJson } from './read-binance-klines-json'
import { readFreqtradeJson } from './read-freqtrade-json'

/**
 * Parses klines text in any layout of `KlinesFormat` into a candle series. `file` names the
 * source in errors. Throws a KlinesFileError naming the file, the row and what is wrong for
 * anything it cannot take as it is: nothing is skipped and no candle is made up.
 */
export function parseKlines(text: string, file: string, options: SeriesOptions = {}): CandleSeries {
  return buildCandleSeries(readRows(text, file), options)
}

function readRows(text: string, file: string): KlineRowBuffer {
  const format = detectKlinesFormat(text)
  if (format === 'binance-csv') return readBinanceCsv(text, file)
  // Not CSV: JSON.parse says where JSON is broken, and the checks below what else is wrong
  let payload: unknown
  try {
    payload = JSON.parse(text.slice(firstContentIndex(text)))
  } catch (error) {
    throw new KlinesFileError(file, [], 'row', `is not JSON: ${(error as Error).message}`, { cause: error })
  }
  if (!Array.isArray(payload)) throw new KlinesFileError(file, [], 'row', 'is JSON but not an array of klines')
  if (payload.length === 0) throw new KlinesFileError(file, [], 'row', 'holds no klines')
  if (format === 'freqtrade-json') return readFreqtradeJson(payload, file)
  if (format === 'binance-json') return readBinanceKlinesJson(payload, file)
  throw new KlinesFileError(file, [1], 'row', 'is neither a freqtrade kline [time, open, high, low, close, volume] nor a Binance 12-element kline')
}
