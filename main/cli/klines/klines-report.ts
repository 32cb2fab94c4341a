import type { CandleSeries } from '../../klines/candle-series'
import { findGaps } from '../../klines/find-gaps'
import type { KlinesFormat } from '../../klines/klines-format'
import { isoTime } from '../../klines/open-time'

/** How many of the largest gaps a report lists. */
export const LARGEST_GAPS = 5

/** What `gridkeeper klines inspect` says about a series, and its `--json` shape. */
export interface KlinesReport {
  /** The file read, or the cache a download read back. */
  readonly source: string
  readonly format: KlinesFormat | null
  readonly symbol: string | null
  readonly rows: number
  readonly firstOpenTime: string
  readonly lastOpenTime: string
  readonly interval: string
  /** True when the interval was read from the spacing of the open times rather than given. */
  readonly intervalInferred: boolean
  readonly scale: number
  readonly gaps: {
    readonly count: number
    readonly totalMissing: number
    /** The largest gaps, most candles missing first: open times of the first and last missing candle. */
    readonly largest: readonly { readonly from: string; readonly to: string; readonly missing: number }[]
  }
}

/** Returns the report of a non-empty series. */
export function klinesReport(series: CandleSeries, source: string, format: KlinesFormat | null, intervalInferred: boolean): KlinesReport {
  const { gaps, totalMissing } = findGaps(series)
  const largest = [...gaps]
    .sort((a, b) => b.missing - a.missing || a.fromMs - b.fromMs)
    .slice(0, LARGEST_GAPS)
    .map((gap) => ({ from: isoTime(gap.fromMs), to: isoTime(gap.toMs), missing: gap.missing }))
  return {
    source,
    format,
    symbol: series.symbol,
    rows: series.length,
    firstOpenTime: isoTime(series.openTimeMs[0] as number),
    lastOpenTime: isoTime(series.openTimeMs[series.length - 1] as number),
    interval: series.interval,
    intervalInferred,
    scale: series.scale,
    gaps: { count: gaps.length, totalMissing, largest }
  }
}

/** Returns a report as lines of text for a person. */
export function klinesReportText(report: KlinesReport): string {
  const lines = [
    `${report.source}: ${report.symbol ?? 'no symbol'}, ${report.interval} candles${report.intervalInferred ? ' (interval from the spacing)' : ''}${report.format === null ? '' : `, ${report.format}`}`,
    `rows      ${report.rows}`,
    `first     ${report.firstOpenTime}`,
    `last      ${report.lastOpenTime}`,
    `scale     ${report.scale} decimals (prices are kept as integers × 10^${report.scale})`
  ]
  const { count, totalMissing, largest } = report.gaps
  if (count === 0) lines.push('gaps      none')
  else {
    lines.push(`gaps      ${count}, ${totalMissing} candle${totalMissing === 1 ? '' : 's'} missing in all`)
    lines.push(count > largest.length ? `largest ${largest.length}:` : 'all:')
    for (const gap of largest) lines.push(`  ${gap.from} to ${gap.to}  ${gap.missing} missing`)
  }
  return `${lines.join('\n')}\n`
}
