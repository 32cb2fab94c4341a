import type { BacktestPhase, BacktestUpdate } from '@shared/api'

const PHASES: Readonly<Record<BacktestPhase, string>> = { loading: 'Loading the candles', running: 'Running', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' }

/** How far the phase is, in whole percent: all of it once done. */
export function progressPercent(update: BacktestUpdate): number {
  if (update.phase === 'done') return 100
  return update.total > 0 ? Math.min(100, Math.floor((update.done * 100) / update.total)) : 0
}

/** Where a backtest stands: a progress bar of its phase, what it is doing (or why it stopped), and Cancel while it runs. */
export function BacktestProgress({ update, onCancel }: { readonly update: BacktestUpdate; readonly onCancel: () => void }) {
  const percent = progressPercent(update)
  const active = update.phase === 'loading' || update.phase === 'running'
  return (
    <section className="panel backtest-status" aria-label="Backtest status">
      <div className="backtest-status-row">
        <div className="progress-bar" role="progressbar" aria-label="Backtest progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={`${PHASES[update.phase]}: ${percent} %`}>
          <span className={`progress-bar-fill progress-${update.phase}`} style={{ width: `${percent}%` }} />
        </div>
        {active && (
          <button type="button" onClick={onCancel}>
            Cancel backtest
          </button>
        )}
      </div>
      <p className={update.phase === 'failed' ? 'problems' : 'hint'} role={update.phase === 'failed' ? 'alert' : 'status'}>
        {update.message}
      </p>
    </section>
  )
}
