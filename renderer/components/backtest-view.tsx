import { useState } from 'react'
import { useAppStore } from '../store/app-store'
import { NONE } from '../store/selectors'
import { backtestRequestOf, defaultBacktestForm } from './backtest-form-state'
import { BacktestFormPanel } from './backtest-form-panel'
import { BacktestProgress } from './backtest-progress'
import { BacktestResultPanel } from './backtest-result-panel'
import './backtest-view.css'

/**
 * Backtests: the form, then the run's progress with Cancel, then its result. The run goes on
 * in the app while other views show, and its latest state is kept for when this view shows again.
 */
export function BacktestView() {
  const api = useAppStore((store) => store.api)
  const symbols = useAppStore((store) => store.app?.symbols ?? NONE)
  const suggested = useAppStore((store) => store.app?.suggestedConfig ?? null)
  const edited = useAppStore((store) => store.backtestForm)
  const update = useAppStore((store) => store.backtest)
  const [openedAtMs] = useState(() => Date.now())
  const [starting, setStarting] = useState(false)
  if (api === null) return <p role="status">Connecting…</p>
  const form = edited ?? defaultBacktestForm(suggested, openedAtMs)
  const running = update?.phase === 'loading' || update?.phase === 'running'
  const { editBacktestForm, tell } = useAppStore.getState()
  const run = async () => {
    const request = backtestRequestOf(form)
    if (!request.ok) return
    setStarting(true)
    const started = await api.startBacktest(request.request)
    setStarting(false)
    if (!started.ok) tell('error', `The backtest cannot start: ${started.error.message}`)
  }
  const cancel = async () => {
    if (update === null) return
    const cancelled = await api.cancelBacktest({ backtestId: update.backtestId })
    if (!cancelled.ok) tell('error', `The backtest cannot be cancelled: ${cancelled.error.message}`)
    // Not running any more, yet its end never arrived (the connection dropped meanwhile): the form is freed
    else if (!cancelled.value.cancelled) {
      const latest = useAppStore.getState().backtest
      if (latest?.backtestId === update.backtestId && (latest.phase === 'loading' || latest.phase === 'running')) {
        useAppStore.getState().receiveBacktest({ ...latest, phase: 'cancelled', message: 'This backtest had already ended, but its result did not arrive: run it again to see it.' })
      }
    }
  }
  return (
    <div className="setup backtest">
      <BacktestFormPanel form={form} symbols={symbols} busy={starting || running} onChange={editBacktestForm} onRun={() => void run()} />
      <div className="setup-preview">
        {update === null ? (
          <p className="panel hint">
            Runs the grid on the engine that trades, over historical candles, on a simulated exchange: a resting order fills at its own price when a later candle reaches it, never inside a gap.
          </p>
        ) : (
          <BacktestProgress update={update} onCancel={() => void cancel()} />
        )}
        {update?.phase === 'done' && update.result !== undefined && <BacktestResultPanel result={update.result} />}
      </div>
    </div>
  )
}
