import type { BacktestKlines } from '@shared/api'
import { megabytesText } from '../files/megabytes-text'
import { readRegularFile } from '../files/read-regular-file'
import type { CandleSeries } from '../klines/candle-series'
import { downloadKlines } from '../klines/download/download-klines'
import { readCachedSeries } from '../klines/download/read-cached-series'
import { isoTime } from '../klines/open-time'
import { parseKlinesInSteps } from '../klines/parse-klines-in-steps'
import { sliceSeries } from '../klines/slice-series'

/** Where candles are fetched and kept, and how loading reports. */
export interface LoadKlinesOptions {
  /** The download cache (`<data folder>/klines`). */
  readonly cacheDir: string
  /** Binance's public REST base (https://api.binance.com when absent). */
  readonly baseUrl?: string
  readonly fetch?: typeof fetch
  readonly signal: AbortSignal
  /** Told how far loading is: a step done of a total, and what it is doing, for a person. */
  readonly onProgress: (done: number, total: number, message: string) => void
}

/**
 * Loads a backtest's candles of `symbol`: downloads the range into the cache (what is cached
 * already is not fetched again) and reads it month by month, or reads a klines file on this
 * machine a chunk at a time, cut to its range when one is given. Only a regular file of at most
 * INPUT_FILE_MAX_BYTES is read (an InputFileError says why another is not), and the signal stops
 * the reading between chunks as it stops the parsing. Throws the download's or the file's own
 * error, and the signal's reason when stopped. An empty series means no candle.
 */
export async function loadBacktestKlines(klines: BacktestKlines, symbol: string, options: LoadKlinesOptions): Promise<CandleSeries | undefined> {
  const { signal, onProgress } = options
  if (klines.kind === 'download') {
    const range = { cacheDir: options.cacheDir, symbol, interval: klines.interval, fromMs: klines.fromMs, toMs: klines.toMs }
    await downloadKlines({
      ...range,
      signal,
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      onProgress: (progress) => onProgress(progress.done, progress.total, `Downloading ${symbol} ${klines.interval} candles: ${progress.month}${progress.fromCache ? ' (cached)' : ''}`)
    })
    return readCachedSeries(range, { signal, onMonth: (done, total, month) => onProgress(done, total, `Reading the candles: ${month}`) })
  }
  onProgress(0, 0, `Reading ${klines.path}`)
  const text = await readRegularFile(klines.path, { signal, onProgress: (read, size) => onProgress(read, size, `Reading ${klines.path}: ${megabytesText(read)} of ${megabytesText(size)}`) })
  const series = await parseKlinesInSteps(text, klines.path, { symbol, signal, onStep: (done, total) => onProgress(done, total, `Reading ${klines.path}`) })
  if (klines.fromMs === undefined && klines.toMs === undefined) return series
  return sliceSeries(series, { ...(klines.fromMs === undefined ? {} : { fromMs: klines.fromMs }), ...(klines.toMs === undefined ? {} : { toMs: klines.toMs }) })
}

/** Says which candles a backtest asked for, for a person: "BTCUSDT 1m from … to …" or the file. */
export function klinesText(klines: BacktestKlines): string {
  const range = klines.fromMs === undefined && klines.toMs === undefined ? '' : ` from ${klines.fromMs === undefined ? 'the start' : isoTime(klines.fromMs)} to ${klines.toMs === undefined ? 'the end' : isoTime(klines.toMs)}`
  return klines.kind === 'download' ? `${klines.symbol} ${klines.interval}${range}` : `${klines.path}${range}`
}
