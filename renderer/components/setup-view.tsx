import { useEffect, useState } from 'react'
import type { PlanPreview } from '@shared/api'
import { useAppStore } from '../store/app-store'
import type { ChartLevel } from '../chart/price-chart'
import { NONE } from '../store/selectors'
import { ConfirmDialog } from './confirm-dialog'
import { DraftTextField } from './draft-text-field'
import { GridSettingsFields } from './grid-settings-fields'
import { MarketChart } from './market-chart'
import { runCommand } from './run-command'
import { configOf, draftOf, type SetupDraft } from './setup-draft'
import { useCandles } from './use-candles'

const PREVIEW_DELAY_MS = 250

type PreviewState = { readonly kind: 'none' } | { readonly kind: 'plan'; readonly plan: PlanPreview } | { readonly kind: 'invalid'; readonly problems: readonly string[] }

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
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
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
        if (result.ok) setPreview({ kind: 'plan', plan: result.value })
        else setPreview({ kind: 'invalid', problems: result.error.message.split('; ') })
      })
    }, PREVIEW_DELAY_MS)
    return () => {
      active = false
      clearTimeout(timer)
    }
  }, [api, draft])
  if (draft === null || api === null) return <p role="status">Waiting for the exchange…</p>
  const change = (patch: Partial<SetupDraft>) => setDraft({ ...draft, ...patch })
  const plan = preview.kind === 'plan' ? preview.plan : null
  const startable = plan !== null && plan.problems.length === 0
  const lines: readonly ChartLevel[] = plan?.levels.map((level) => ({ price: level.price, kind: 'preview' as const, title: `${level.side} ${level.quantity}` })) ?? NONE
  const start = async () => {
    setBusy('Starting the grid: placing its orders…')
    const started = await runCommand(`Start ${draft.id}`, () => api.startBot({ config: configOf(draft) }))
    setBusy(null)
    setConfirming(false)
    if (started !== undefined) {
      useAppStore.getState().clearSetupPrefill()
      useAppStore.getState().selectBot(started.botId)
      useAppStore.getState().show('dashboard')
    }
  }
  return (
    <div className="setup">
      <form className="panel setup-form" aria-label="Grid setup" onSubmit={(event) => (event.preventDefault(), startable ? setConfirming(true) : undefined)}>
        <h2 className="panel-title">{botCount === 0 ? 'Your first grid' : 'New grid'}</h2>
        <DraftTextField draft={draft} name="id" label="Bot id" hint="1 to 8 letters or digits" onChange={change} />
        <label className="field">
          <span>Symbol</span>
          <select value={draft.symbol} onChange={(event) => change({ symbol: event.target.value })}>
            {symbols.map((symbol) => (
              <option key={symbol}>{symbol}</option>
            ))}
          </select>
        </label>
        <GridSettingsFields draft={draft} onChange={change} />
        <button type="submit" className="button-primary" disabled={!startable}>
          Start grid
        </button>
      </form>
      <div className="setup-preview">
        <MarketChart symbol={draft.symbol} levels={lines} markers={[]} stopLoss={draft.stopLoss.trim() || null} takeProfit={draft.takeProfit.trim() || null} />
        <PlanSummary preview={preview} />
      </div>
      {confirming && plan !== null && (
        <ConfirmDialog title={`Start ${draft.id} on ${draft.symbol}`} busy={busy} onClose={() => setConfirming(false)} choices={[{ label: 'Start and place the orders', onChoose: () => void start() }]}>
          <p>
            {plan.levels.filter((level) => level.side !== 'NONE').length} orders between {plan.lower} and {plan.upper}, {plan.investment} invested
            {plan.acquisition !== null ? `; first ${plan.acquisition.side} ${plan.acquisition.quantity} for the sell side` : ''}.
          </p>
        </ConfirmDialog>
      )}
    </div>
  )
}

function PlanSummary({ preview }: { readonly preview: PreviewState }) {
  if (preview.kind === 'none') return <p role="status">Planning…</p>
  if (preview.kind === 'invalid') {
    return (
      <section className="panel" aria-label="Plan problems">
        <h2 className="panel-title">Fix these first</h2>
        <ul className="problems">
          {preview.problems.map((problem) => (
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
      {plan.problems.length > 0 && (
        <ul className="problems" aria-label="Problems">
          {plan.problems.map((problem) => (
            <li key={`${problem.level}-${problem.code}`}>
              {problem.level === null ? '' : `Level ${problem.level}: `}
              {problem.message}
            </li>
          ))}
        </ul>
      )}
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
