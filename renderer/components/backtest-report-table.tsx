import type { BacktestReport } from '@shared/api'
import { Decimal } from '@shared/money/decimal'

/** Returns an ISO time as "YYYY-MM-DD HH:MM UTC". */
function utcText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

/** The final value against the start value, exactly, with its percentage to two decimals. */
function changeText(report: BacktestReport, quote: string): string {
  const start = new Decimal(report.startValue)
  const change = new Decimal(report.finalValue).sub(start)
  const sign = change.isPositive() && !change.isZero() ? '+' : ''
  const percent = start.isZero() ? '' : ` (${sign}${change.div(start).mul(100).toFixed(2)} %)`
  return `${sign}${change.toFixed()} ${quote}${percent}`
}

/** The figures of a finished backtest as a table: candles, fills, profit, fees, values, drawdown, exits. */
export function BacktestReportTable({ report, quoteAsset, interval }: { readonly report: BacktestReport; readonly quoteAsset: string; readonly interval: string }) {
  const money = (value: string) => `${value} ${quoteAsset}`
  const rows: readonly (readonly [string, string])[] = [
    ['Candles', `${report.candles.toLocaleString('en-US')} × ${interval}`],
    ['From', utcText(report.from)],
    ['To', utcText(report.to)],
    ['Fills', `${report.fills.buy} buys, ${report.fills.sell} sells`],
    ['Round trips', String(report.roundTrips)],
    ['Grid profit', money(report.gridProfit)],
    ['Fees', money(report.fees)],
    ['Start value', money(report.startValue)],
    ['Final value', money(report.finalValue)],
    ['Change', changeText(report, quoteAsset)],
    ['Buy and hold', money(report.buyAndHoldValue)],
    ['Max drawdown', `${report.maxDrawdownPct} %`],
    ['Stops', report.stops.length === 0 ? 'none' : report.stops.map((stop) => `${stop.kind} at ${utcText(stop.at)} (${stop.outcome})`).join('; ')],
    ['Recenters', String(report.recenters)],
    ['Incidents', String(report.incidents)],
    ['Run time', `${(report.elapsedMs / 1000).toFixed(1)} s`]
  ]
  return (
    <table className="table">
      <caption>Backtest report</caption>
      <tbody>
        {rows.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
