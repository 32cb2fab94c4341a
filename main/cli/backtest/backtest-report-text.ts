import type { BotConfig } from '@shared/config/bot-config'
import type { BacktestRecenter, BacktestReport } from '../../backtest/backtest-report'
import type { GapReport } from '../../klines/find-gaps'
import { formatTable } from '../format-table'

/** The report of `gridkeeper backtest` for a person: what was run, the figures, the exits, and each recenter with the fills its grid made. */
export function backtestReportText(report: BacktestReport, symbol: string, config: BotConfig, gaps: GapReport, recentered: readonly BacktestRecenter[] = []): string {
  const { grid, risk } = config
  const exits = [risk.stopLoss === undefined ? null : `stop-loss ${risk.stopLoss}`, risk.takeProfit === undefined ? null : `take-profit ${risk.takeProfit}`].filter((part) => part !== null)
  const lines = [
    `${symbol}: ${grid.grids} ${grid.spacing} grids from ${grid.lower} to ${grid.upper}, ${grid.investment} invested${exits.length > 0 ? `, ${exits.join(', ')} (${risk.stopOutcome})` : ''}`,
    `${report.candles} candles from ${report.from} to ${report.to}${gaps.totalMissing > 0 ? `; ${gaps.totalMissing} candles missing in ${gaps.gaps.length} gaps (nothing fills in a gap)` : ''}`,
    '',
    formatTable(
      ['Figure', 'Value'],
      [
        ['Fills (buy / sell)', `${report.fills.buy} / ${report.fills.sell}`],
        ['Round trips', String(report.roundTrips)],
        ['Grid profit', report.gridProfit],
        ['Fees', report.fees],
        ['Start value', report.startValue],
        ['Final value', report.finalValue],
        ['Buy and hold', report.buyAndHoldValue],
        ['Max drawdown', `${report.maxDrawdownPct} %`],
        ['Recenters', String(report.recenters)],
        ['Incidents', String(report.incidents)],
        ['Run time', `${report.elapsedMs} ms`]
      ],
      ['left', 'right']
    ),
    ...report.stops.map((stop) => `${stop.kind} at ${stop.at}: ${stop.outcome}`),
    ...recentered.map((move) => `recentered at ${new Date(move.timeMs).toISOString()}: ${move.from} → ${move.to}, ${move.fillsAfter} grid fill(s) before the ${move === recentered[recentered.length - 1] ? 'end' : 'next recenter'}`)
  ]
  return `${lines.join('\n')}\n`
}
