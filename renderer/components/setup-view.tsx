import { useEffect, useState } from 'react'
import type { PlanPreview } from '@shared/api'
import { useAppStore } from '../store/app-store'
import type { ChartLevel } from '../chart/price-chart'
import { NONE } from '../store/selectors'
import { DraftTextField } from './draft-text-field'
import { sortConfigProblems, sortPlanProblems, type SortedProblems } from './field-problems'
import { GridSettingsFields } from './grid-settings-fields'
import { MarketChart } from './market-chart'
import { configOf, draftOf, type SetupDraft } from './setup-draft'
import { StartConfirmation } from './start-confirmation'
import { useCandles } from './use-candles'

const PREVIEW_DELAY_MS = 250

/** The last preview, with the draft it was planned from: a preview of an older draft starts nothing. */
type PreviewState = { readonly kind: 'none' } | { readonly kind: 'plan'; readonly plan: PlanPreview; readonly draft: SetupDraft } | { readonly kind: 'invalid'; readonly problems: readonly string[]; readonly draft: SetupDraft }

/** Bot setup: the form, and a live preview of the plan (levels on the chart, profit per grid, every problem) before anything is sent. */
export function SetupView() {
  const api = useAppStore((store) => store.api)
  const symbols = useAppStore((store) => store.app?.symbols ?? NONE)
  const suggested = useAppStore((store) => store.app?.suggestedConfig ?? null)
  // Settings carried over from a backtest come first
  const prefill = useAppStore((store) => store.setupPrefill)
  const botCount = useAppStore((store) => store.app?.bots.length ?? 0)
  const initial = prefill ?? suggested
  const [draft, setDraft] = useState<SetupDraft | null>(initial === null ? null : draftOf(initial))
  const [preview, setPreview] = useState<PreviewState>({ kind: 'none' })
  // What the confirmation shows and sends: the draft's configuration and its plan when Start was pressed
  const [confirming, setConfirming] = useState<{ readonly config: ReturnType<typeof configOf>; readonly plan: PlanPreview } | null>(null)
  useEffect(() => {
    if (draft === null && suggested !== null) setDraft(draftOf(suggested))
  }, [draft, suggested])
  useEffect(() => {
    if (prefill !== null) setDraft(draftOf(prefill))
  }, [prefill])
  useCandles(draft?.symbol)
  useEffect(() => {
    if (api === null || draft === null) return
    let active = true
    const timer = setTimeout(() => {
      void api.previewPlan({ config: configOf(draft) }).then((result) => {
        if (!active) return
        if (result.ok) setPreview({ kind: 'plan', plan: result.value, draft })
        else setPreview({ kind: 'invalid', problems: configErrors(result.error), draft })
      })
    }, PREVIEW_DELAY_MS)
    return () => {
      active = false
      clearTimeout(timer)
    }
  }, [api, draft])
  if (draft === null || api === null) return <p role="status">Waiting for the exchange…</p>
  const change = (patch: Partial<SetupDraft>) => setDraft({ ...draft, ...patch })
  const current = preview.kind !== 'none' && preview.draft === draft
  const plan = preview.kind === 'plan' ? preview.plan : null
  // Start waits for the preview of the fields as they are now
  const startable = current && plan !== null && plan.problems.length === 0
  const sorted: SortedProblems = preview.kind === 'plan' ? sortPlanProblems(preview.plan) : preview.kind === 'invalid' ? sortConfigProblems(preview.problems) : { atFields: {}, general: [] }
  const lines: readonly ChartLevel[] = plan?.levels.map((level) => ({ price: level.price, kind: 'preview' as const, title: `${level.side} ${level.quantity}` })) ?? NONE
  const started = (botId: string) => {
    setConfirming(null)
    useAppStore.getState().clearSetupPrefill()
    useAppStore.getState().selectBot(botId)
    useAppStore.getState().show('dashboard')
  }
  return (
    <div className="setup">
      <form className="panel setup-form" aria-label="Grid setup" onSubmit={(event) => (event.preventDefault(), startable ? setConfirming({ config: configOf(draft), plan }) : undefined)}>
        <h2 className="panel-title">{botCount === 0 ? 'Your first grid' : 'New grid'}</h2>
        <DraftTextField draft={draft} name="id" label="Bot id" hint="1 to 8 letters or digits" problems={sorted.atFields} onChange={change} />
        <label className="field">
          <span>Symbol</span>
          <select value={draft.symbol} onChange={(event) => change({ symbol: event.target.value })}>
            {symbols.map((symbol) => (
              <option key={symbol}>{symbol}</option>
            ))}
          </select>
        </label>
        <GridSettingsFields draft={draft} onChange={change} problems={sorted.atFields} />
        <button type="submit" className="button-primary" disabled={!startable}>
          Start grid
        </button>
      </form>
      <div className="setup-preview">
        <MarketChart symbol={draft.symbol} levels={lines} markers={[]} stopLoss={draft.stopLoss.trim() || null} takeProfit={draft.takeProfit.trim() || null} />
        <PlanSummary preview={preview} general={sorted.general} />
      </div>
      {confirming !== null && <StartConfirmation config={confirming.config} plan={confirming.plan} onClose={() => setConfirming(null)} onStarted={started} />}
    </div>
  )
}

function PlanSummary({ preview, general }: { readonly preview: PreviewState; readonly general: readonly string[] }) {
  if (preview.kind === 'none') return <p role="status">Planning…</p>
  if (preview.kind === 'invalid') {
    if (general.length === 0) return <p role="status">Fix the settings marked in the form first.</p>
    return (
      <section className="panel" aria-label="Plan problems">
        <h2 className="panel-title">Fix these first</h2>
        <ul className="problems">
          {general.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </section>
    )
  }
  const { plan } = preview
  return (
    <section className="panel" aria-label="Plan preview">
      <h2 className="panel-title">Plan at {plan.price}</h2>
      <dl className="facts">
        <dt>Profit per grid after fees</dt>
        <dd aria-label="Profit per grid">
          {plan.profitPerGrid.minPct} % – {plan.profitPerGrid.maxPct} %
        </dd>
        <dt>Quote per grid</dt>
        <dd>{plan.quotePerGrid}</dd>
        <dt>Minimum investment</dt>
        <dd>{plan.minInvestment}</dd>
        <dt>Needs</dt>
        <dd>
          {plan.quoteRequired} quote{plan.acquisition !== null ? `, of which ${plan.acquisition.quoteCost} buys ${plan.acquisition.quantity} base first` : ''}
        </dd>
      </dl>
      {general.length > 0 && (
        <ul className="problems" aria-label="Problems">
          {general.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {plan.problems.length > general.length && <p role="status">The settings marked in the form need changing before the grid can start.</p>}
      <table className="table">
        <caption>Planned levels</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Price</th>
            <th scope="col">Side</th>
            <th scope="col">Quantity</th>
          </tr>
        </thead>
        <tbody>
          {[...plan.levels].reverse().map((level) => (
            <tr key={level.index}>
              <td>{level.index}</td>
              <td>{level.price}</td>
              <td>{level.side}</td>
              <td>{level.quantity}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

/** The configuration's problems from a refused preview: a sentence each. */
function configErrors(error: { readonly message: string; readonly details?: unknown }): string[] {
  const errors = (error.details as { errors?: unknown } | undefined)?.errors
  return Array.isArray(errors) && errors.every((entry) => typeof entry === 'string') ? errors : [error.message]
}
