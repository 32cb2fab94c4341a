import { parseArgs } from 'node:util'
import { atomicWriteFile } from '../../klines/download/atomic-write-file'
import { cachedKlinesCsv } from '../../klines/download/cached-klines-csv'
import { downloadKlines, type DownloadProgress } from '../../klines/download/download-klines'
import { DEFAULT_BASE_URL } from '../../klines/download/klines-client'
import { isKlinesDownloadError } from '../../klines/download/klines-download-error'
import { intervalMsOf, KLINE_INTERVALS } from '../../klines/kline-intervals'
import { isKlinesFileError } from '../../klines/klines-file-error'
import { isoTime } from '../../klines/open-time'
import { parseKlines } from '../../klines/parse-klines'
import { EXIT, type CliIo } from '../cli-io'
import { CliUsageError } from '../cli-usage-error'
import { requiredText, type OptionValues } from '../read-option'
import { defaultCacheDir } from './default-cache-dir'
import { klinesReport, klinesReportText } from './klines-report'
import { KLINES_USAGE } from './klines-usage'
import { utcTimeOption } from './utc-time-option'

const OPTIONS = {
  symbol: { type: 'string' },
  interval: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'base-url': { type: 'string' },
  cache: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean' }
} as const

/** Runs `gridkeeper klines download` and returns its exit code. */
export async function klinesDownloadCommand(args: readonly string[], io: CliIo): Promise<number> {
  let values: OptionValues
  try {
    values = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message.split('\n')[0]} (gridkeeper klines --help lists the options)`, { cause: error })
  }
  if (values['help'] === true) {
    io.stdout(`${KLINES_USAGE}\n`)
    return EXIT.ok
  }
  const symbol = requiredText(values, 'symbol').toUpperCase()
  const interval = requiredText(values, 'interval')
  if (intervalMsOf(interval) === undefined) throw new CliUsageError(`--interval must be one of ${Object.keys(KLINE_INTERVALS).join(', ')}, got "${interval}"`)
  const fromMs = utcTimeOption(values, 'from', true) as number
  const toMs = utcTimeOption(values, 'to', true) as number
  if (toMs <= fromMs) throw new CliUsageError(`--to (${isoTime(toMs)}) must be after --from (${isoTime(fromMs)})`)
  const baseUrl = typeof values['base-url'] === 'string' ? values['base-url'] : DEFAULT_BASE_URL
  if (!/^https?:\/\/[^/]/.test(baseUrl)) throw new CliUsageError(`--base-url must be an http or https URL, got "${baseUrl}"`)
  const cacheDir = typeof values['cache'] === 'string' ? values['cache'] : defaultCacheDir(io.env ?? {})
  if (cacheDir === undefined) throw new CliUsageError('--cache is required: the environment names no home or cache folder')
  const out = typeof values['out'] === 'string' ? values['out'] : undefined

  const controller = new AbortController()
  let stoppedBy: string | undefined
  void io.untilStopped?.().then((signal) => {
    stoppedBy = signal
    controller.abort()
  })
  try {
    const summary = await downloadKlines({
      symbol,
      interval,
      fromMs,
      toMs,
      cacheDir,
      baseUrl,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.monthDone) io.stderr(progressLine(progress))
      }
    })
    const csv = await cachedKlinesCsv({ cacheDir, symbol, interval, fromMs, toMs })
    if (out !== undefined) await atomicWriteFile(out, csv)
    if (csv === '') {
      io.stdout(`${symbol} ${interval}: no candles from ${isoTime(fromMs)} to ${isoTime(toMs)} (${summary.requests} requests)\n`)
      return EXIT.ok
    }
    const series = parseKlines(csv, out ?? cacheDir, { symbol, interval })
    io.stdout(klinesReportText(klinesReport(series, out ?? cacheDir, 'binance-csv', false)))
    io.stdout(`${summary.requests} request${summary.requests === 1 ? '' : 's'} to ${baseUrl}${out === undefined ? '' : `; wrote ${series.length} rows to ${out}`}\n`)
    return EXIT.ok
  } catch (error) {
    if (controller.signal.aborted) {
      io.stderr(`gridkeeper klines download: stopped by ${stoppedBy ?? 'request'}; what was fetched is cached in ${cacheDir}, run the same command again to go on\n`)
      return EXIT.problems
    }
    if (isKlinesDownloadError(error)) {
      io.stderr(`gridkeeper klines download: ${error.message}; what was fetched is cached in ${cacheDir}, run the same command again to go on\n`)
      return EXIT.problems
    }
    if (isKlinesFileError(error)) throw new CliUsageError(`the cache holds a bad file: ${error.message}`, { cause: error })
    throw error
  }
}

/** Returns the stderr line of a finished month: its candles, where they came from and how far the download is. */
function progressLine(progress: DownloadProgress): string {
  const percent = progress.total === 0 ? 100 : Math.floor((progress.done / progress.total) * 100)
  const how = progress.fromCache ? 'already cached' : 'fetched'
  return `${progress.month}  ${String(progress.candles).padStart(6)} candles  ${how}  ${String(percent).padStart(3)}%\n`
}
