import { useMemo } from 'react'
import type { BacktestResultView } from '@shared/api'
import { EquityChart } from '../chart/equity-chart'
import { PriceChart, type ChartLevel, type ChartMarker } from '../chart/price-chart'
import { useAppStore } from '../store/app-store'
import { BacktestReportTable } from './backtest-report-table'

/** The gaps listed by their first and last missing candle. */
const GAPS_SHOWN = 10

/** Returns an epoch time as "YYYY-MM-DD HH:MM". */
function minuteText(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 16).replace('T', ' ')
}

/**
 * A finished backtest: the report, the equity curve, the candles with the grid as planned and
 * the fills as markers, the gaps in the candles and any warnings, and "Use these settings",
 * which opens the grid setup with the configuration the run used.
 */
export function BacktestResultPanel({ result }: { readonly result: BacktestResultView }) {
  // Arrows without labels: hundreds of labels over a chart of the whole run would hide it
  const markers = useMemo<readonly ChartMarker[]>(() => result.fills.map((fill) => ({ timeMs: fill.timeMs, side: fill.side, price: fill.price, text: '' })), [result])
  const levels = useMemo<readonly ChartLevel[]>(
    () => result.levels.map((level) => ({ price: level.price, kind: level.side === 'BUY' ? 'buy' : level.side === 'SELL' ? 'sell' : 'empty', title: `L${level.index}` })),
    [result]
  )
  const { config, report } = result
  const fillsText =
    result.totalFills > result.fills.length
      ? `The chart marks the last ${result.fills.length.toLocaleString('en-US')} of ${result.totalFills.toLocaleString('en-US')} fills.`
      : `The chart marks all ${result.totalFills.toLocaleString('en-US')} fills.`
  return (
    <section className="backtest-result" aria-label="Backtest result">
      <div className="panel backtest-result-head">
        <div>
          <h2 className="panel-title">
            {result.symbol}: {config.grid.grids} grids from {config.grid.lower} to {config.grid.upper}, {config.grid.investment} {result.quoteAsset}
          </h2>
          <p className="hint">{fillsText}</p>
        </div>
        <button type="button" className="button-primary" onClick={() => useAppStore.getState().setUpWith(config)}>
          Use these settings
        </button>
      </div>
      <div className="backtest-figures">
        <section className="panel" aria-label="Report">
          <BacktestReportTable report={report} quoteAsset={result.quoteAsset} interval={result.interval} />
        </section>
        <div className="chart-frame backtest-equity">
          <EquityChart points={result.equity} label={`Equity curve in ${result.quoteAsset}`} />
        </div>
      </div>
      <div className="chart-frame">
        <PriceChart candles={result.candles} levels={levels} markers={markers} stopLoss={config.risk.stopLoss ?? null} takeProfit={config.risk.takeProfit ?? null} label={`${result.symbol} backtest chart, ${result.chartInterval} candles`} fitAll />
      </div>
      <section className="panel" aria-label="Gaps">
        <h3 className="panel-title">Gaps</h3>
        {result.gapCount === 0 ? (
          <p className="hint">No candle is missing.</p>
        ) : (
          <>
            <p>
              {result.missingCandles.toLocaleString('en-US')} candles missing in {result.gapCount.toLocaleString('en-US')} gaps; no fill happens inside a gap.
            </p>
            <ul>
              {result.gaps.slice(0, GAPS_SHOWN).map((gap) => (
                <li key={gap.fromMs}>
                  {minuteText(gap.fromMs)} to {minuteText(gap.toMs)} UTC ({gap.missing.toLocaleString('en-US')})
                </li>
              ))}
              {result.gapCount > GAPS_SHOWN && <li>and {(result.gapCount - GAPS_SHOWN).toLocaleString('en-US')} more</li>}
            </ul>
          </>
        )}
      </section>
      {result.warnings.length > 0 && (
        <section className="panel" aria-label="Warnings">
          <h3 className="panel-title">Warnings</h3>
          <ul className="problems">
            {result.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </section>
      )}
    </section>
  )
}
