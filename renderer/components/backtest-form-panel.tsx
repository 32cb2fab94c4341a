import { useId } from 'react'
import { BACKTEST_INTERVALS, type BacktestInterval } from '@shared/api'
import { backtestRequestOf, withSource, type BacktestForm } from './backtest-form-state'
import { GridSettingsFields } from './grid-settings-fields'
import type { SetupDraft } from './setup-draft'

/** The backtest's settings: where the candles come from (a Binance download or a file), the range, and the grid, with Run. */
export function BacktestFormPanel(props: {
  readonly form: BacktestForm
  readonly symbols: readonly string[]
  /** True while a backtest runs or starts: Run waits. */
  readonly busy: boolean
  readonly onChange: (form: BacktestForm) => void
  readonly onRun: () => void
}) {
  const { form, symbols, busy, onChange, onRun } = props
  const symbolsId = useId()
  const fieldId = useId()
  const request = backtestRequestOf(form)
  const edit = (patch: Partial<BacktestForm>) => onChange({ ...form, ...patch })
  const editGrid = (patch: Partial<SetupDraft>) => onChange({ ...form, grid: { ...form.grid, ...patch } })
  const download = form.source === 'download'
  return (
    <form className="panel setup-form" aria-label="Backtest settings" onSubmit={(event) => (event.preventDefault(), request.ok && !busy ? onRun() : undefined)}>
      <h2 className="panel-title">Backtest a grid</h2>
      <fieldset className="choices">
        <legend>Candles</legend>
        <label className="check">
          <input type="radio" name="backtest-source" checked={download} onChange={() => onChange(withSource(form, 'download', Date.now()))} /> Download from Binance
        </label>
        <label className="check">
          <input type="radio" name="backtest-source" checked={!download} onChange={() => onChange(withSource(form, 'file', Date.now()))} /> A klines file on the machine running Gridkeeper
        </label>
      </fieldset>
      <label className="field">
        <span>Symbol</span>
        <input value={form.grid.symbol} list={symbolsId} autoCapitalize="characters" spellCheck={false} onChange={(event) => editGrid({ symbol: event.target.value.toUpperCase() })} />
      </label>
      <datalist id={symbolsId}>
        {symbols.map((symbol) => (
          <option key={symbol} value={symbol} />
        ))}
      </datalist>
      {download ? (
        <label className="field">
          <span>Interval</span>
          <select value={form.interval} onChange={(event) => edit({ interval: event.target.value as BacktestInterval })}>
            {BACKTEST_INTERVALS.map((interval) => (
              <option key={interval}>{interval}</option>
            ))}
          </select>
        </label>
      ) : (
        <div className="field">
          <label htmlFor={`${fieldId}-path`}>Klines file</label>
          <input id={`${fieldId}-path`} value={form.path} spellCheck={false} placeholder="/home/me/klines/BTCUSDT-1m-2024-01.csv" aria-describedby={`${fieldId}-path-hint`} onChange={(event) => edit({ path: event.target.value })} />
          <small id={`${fieldId}-path-hint`} className="hint">
            Binance CSV or klines JSON, or freqtrade JSON; its full path
          </small>
        </div>
      )}
      <label className="field">
        <span>From (UTC)</span>
        <input type="date" value={form.from} onChange={(event) => edit({ from: event.target.value })} />
      </label>
      <div className="field">
        <label htmlFor={`${fieldId}-to`}>To (UTC)</label>
        <input id={`${fieldId}-to`} type="date" value={form.to} aria-describedby={`${fieldId}-to-hint`} onChange={(event) => edit({ to: event.target.value })} />
        <small id={`${fieldId}-to-hint`} className="hint">
          {download ? 'the whole day is included' : "the whole day is included; empty for the file's start or end"}
        </small>
      </div>
      <GridSettingsFields draft={form.grid} onChange={editGrid} />
      {!request.ok && <p className="problems">{request.problem}</p>}
      <button type="submit" className="button-primary" disabled={busy || !request.ok}>
        Run backtest
      </button>
    </form>
  )
}
