import { useEffect, useRef, useState } from 'react'
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
  // Why the latest Run did not start: shown in place of the run before it, which it would otherwise hide behind
  const [startProblem, setStartProblem] = useState<string | null>(null)
  const outcomeRef = useRef<HTMLDivElement>(null)
  const outcome = startProblem ?? (update === null || update.phase === 'loading' || update.phase === 'running' ? null : `${update.backtestId}:${update.phase}`)
  const shownOutcome = useRef(outcome)
  // A new result or error is brought into view: the person is likely scrolled down to the Run button
  useEffect(() => {
    if (outcome === shownOutcome.current) return
    shownOutcome.current = outcome
    const element = outcomeRef.current
    if (outcome === null || element === null) return
    // Below the sticky header, which would cover it otherwise
    const headerBottom = document.querySelector('.header')?.getBoundingClientRect().bottom ?? 0
    const top = element.getBoundingClientRect().top
    if (top < headerBottom || top > window.innerHeight / 2) window.scrollBy({ top: top - headerBottom - 8 })
  }, [outcome])
  if (api === null) return <p role="status">Connecting…</p>
  const form = edited ?? defaultBacktestForm(suggested, openedAtMs)
  const running = update?.phase === 'loading' || update?.phase === 'running'
  const { editBacktestForm, tell } = useAppStore.getState()
  const run = async () => {
    const request = backtestRequestOf(form)
    if (!request.ok) return
    setStarting(true)
    setStartProblem(null)
    const started = await api.startBacktest(request.request)
    setStarting(false)
    if (!started.ok) setStartProblem(`The backtest cannot start: ${started.error.message}`)
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
      <div className="setup-preview" ref={outcomeRef}>
        {startProblem !== null ? (
          <section className="panel backtest-status" aria-label="Backtest status">
            <p className="problems" role="alert">
              {startProblem}
            </p>
          </section>
        ) : update === null ? (
          <p className="panel hint">
            Runs the grid on the engine that trades, over historical candles, on a simulated exchange: a resting order fills at its own price when a later candle reaches it, never inside a gap.
          </p>
        ) : (
          <BacktestProgress update={update} onCancel={() => void cancel()} />
        )}
        {startProblem === null && update?.phase === 'done' && update.result !== undefined && <BacktestResultPanel result={update.result} />}
      </div>
    </div>
  )
}
