import { parseArgs } from 'node:util'
import { detectKlinesFormat } from '../../klines/klines-format'
import { isKlinesFileError } from '../../klines/klines-file-error'
import { isoTime } from '../../klines/open-time'
import { parseKlines } from '../../klines/parse-klines'
import { sliceSeries } from '../../klines/slice-series'
import { symbolFromFileName } from '../../klines/symbol-from-file-name'
import { EXIT, type CliIo } from '../cli-io'
import { CliUsageError } from '../cli-usage-error'
import { readOptionText } from '../read-input-file'
import type { OptionValues } from '../read-option'
import { klinesReport, klinesReportText } from './klines-report'
import { KLINES_USAGE } from './klines-usage'
import { utcTimeOption } from './utc-time-option'

const OPTIONS = {
  interval: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' }
} as const

/** Runs `gridkeeper klines inspect FILE` and returns its exit code. */
export async function klinesInspectCommand(args: readonly string[], io: CliIo): Promise<number> {
  let parsed: { values: OptionValues; positionals: string[] }
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: true })
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message.split('\n')[0]} (gridkeeper klines --help lists the options)`, { cause: error })
  }
  const { values, positionals } = parsed
  if (values['help'] === true) {
    io.stdout(`${KLINES_USAGE}\n`)
    return EXIT.ok
  }
  const [path, ...extra] = positionals
  if (path === undefined) throw new CliUsageError('name the klines file to inspect (gridkeeper klines --help)')
  if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}" (gridkeeper klines --help)`)
  const interval = values['interval']
  const fromMs = utcTimeOption(values, 'from', false)
  const toMs = utcTimeOption(values, 'to', false)
  const text = await readOptionText(io, path, 'klines file')
  let series
  try {
    series = parseKlines(text, path, { symbol: symbolFromFileName(path), ...(typeof interval === 'string' ? { interval } : {}) })
  } catch (error) {
    if (isKlinesFileError(error)) throw new CliUsageError(error.message, { cause: error })
    throw error
  }
  const whole = series
  series = sliceSeries(series, { ...(fromMs === undefined ? {} : { fromMs }), ...(toMs === undefined ? {} : { toMs }) })
  if (series.length === 0) {
    const range = `from ${fromMs === undefined ? 'the start' : isoTime(fromMs)} to ${toMs === undefined ? 'the end' : isoTime(toMs)}`
    throw new CliUsageError(`${path} has no candles ${range}; it runs from ${isoTime(whole.openTimeMs[0] as number)} to ${isoTime(whole.openTimeMs[whole.length - 1] as number)}`)
  }
  const report = klinesReport(series, path, detectKlinesFormat(text) ?? null, typeof interval !== 'string')
  io.stdout(values['json'] === true ? `${JSON.stringify(report)}\n` : klinesReportText(report))
  return EXIT.ok
}
