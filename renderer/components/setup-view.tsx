import { useEffect, useState } from 'react'
import type { PlanPreview } from '@shared/api'
import type { BotConfigInput } from '@shared/config/bot-config'
import { useAppStore } from '../store/app-store'
import type { ChartLevel } from '../chart/price-chart'
import { NONE } from '../store/selectors'
import { ConfirmDialog } from './confirm-dialog'
import { MarketChart } from './market-chart'
import { runCommand } from './run-command'
import { useCandles } from './use-candles'

/** The setup form's fields, as typed (text until the configuration schema checks them). */
export interface SetupDraft {
  readonly id: string
  readonly symbol: string
  readonly lower: string
  readonly upper: string
  readonly grids: string
  readonly spacing: 'arithmetic' | 'geometric'
  readonly investment: string
  readonly stopLoss: string
  readonly takeProfit: string
  readonly stopOutcome: 'keep' | 'cancel' | 'sell-all'
  readonly ocoBackstop: boolean
  readonly noBuysInDowntrend: boolean
  readonly pauseBuysWhenVolatile: boolean
  readonly recenter: boolean
}

/** Fills the form from a configuration. */
export function draftOf(config: BotConfigInput): SetupDraft {
  return {
    id: config.id,
    symbol: config.symbol,
    lower: config.grid.lower,
    upper: config.grid.upper,
    grids: String(config.grid.grids),
    spacing: config.grid.spacing ?? 'arithmetic',
    investment: config.grid.investment,
    stopLoss: config.risk?.stopLoss ?? '',
    takeProfit: config.risk?.takeProfit ?? '',
    stopOutcome: config.risk?.stopOutcome ?? 'cancel',
    ocoBackstop: config.risk?.ocoBackstop ?? true,
    noBuysInDowntrend: config.protective?.noBuysInDowntrend ?? true,
    pauseBuysWhenVolatile: config.protective?.pauseBuysWhenVolatile ?? false,
    recenter: config.recenter?.enabled ?? true
  }
}

/** Builds the configuration the form describes (the schema in main decides whether it is valid). */
export function configOf(draft: SetupDraft): BotConfigInput {
  return {
    id: draft.id.trim(),
    symbol: draft.symbol,
    grid: { lower: draft.lower.trim(), upper: draft.upper.trim(), grids: Number(draft.grids), spacing: draft.spacing, investment: draft.investment.trim(), baseHeld: '0' },
    risk: {
      ...(draft.stopLoss.trim() === '' ? {} : { stopLoss: draft.stopLoss.trim() }),
      ...(draft.takeProfit.trim() === '' ? {} : { takeProfit: draft.takeProfit.trim() }),
      stopOutcome: draft.stopOutcome,
      ocoBackstop: draft.ocoBackstop
    },
    protective: { noBuysInDowntrend: draft.noBuysInDowntrend, pauseBuysWhenVolatile: draft.pauseBuysWhenVolatile },
    recenter: { enabled: draft.recenter }
  }
}

const PREVIEW_DELAY_MS = 250

type PreviewState = { readonly kind: 'none' } | { readonly kind: 'plan'; readonly plan: PlanPreview } | { readonly kind: 'invalid'; readonly problems: readonly string[] }

/** Bot setup: the form, and a live preview of the plan (levels on the chart, profit per grid, every problem) before anything is sent. */
export function SetupView() {
  const api = useAppStore((store) => store.api)
  const symbols = useAppStore((store) => store.app?.symbols ?? NONE)
  const suggested = useAppStore((store) => store.app?.suggestedConfig ?? null)
  const botCount = useAppStore((store) => store.app?.bots.length ?? 0)
  const [draft, setDraft] = useState<SetupDraft | null>(suggested === null ? null : draftOf(suggested))
  const [preview, setPreview] = useState<PreviewState>({ kind: 'none' })
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  useEffect(() => {
    if (draft === null && suggested !== null) setDraft(draftOf(suggested))
  }, [draft, suggested])
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
      useAppStore.getState().selectBot(started.botId)
      useAppStore.getState().show('dashboard')
    }
  }
  const text = (name: keyof SetupDraft, label: string, hint?: string) => (
    <label className="field">
      <span>{label}</span>
      <input value={String(draft[name])} inputMode={name === 'id' ? 'text' : 'decimal'} onChange={(event) => change({ [name]: event.target.value } as Partial<SetupDraft>)} aria-describedby={hint === undefined ? undefined : `${name}-hint`} />
      {hint !== undefined && (
        <small id={`${name}-hint`} className="hint">
          {hint}
        </small>
      )}
    </label>
  )
  return (
    <div className="setup">
      <form className="panel setup-form" aria-label="Grid setup" onSubmit={(event) => (event.preventDefault(), startable ? setConfirming(true) : undefined)}>
        <h2 className="panel-title">{botCount === 0 ? 'Your first grid' : 'New grid'}</h2>
        {text('id', 'Bot id', '1 to 8 letters or digits')}
        <label className="field">
          <span>Symbol</span>
          <select value={draft.symbol} onChange={(event) => change({ symbol: event.target.value })}>
            {symbols.map((symbol) => (
              <option key={symbol}>{symbol}</option>
            ))}
          </select>
        </label>
        {text('lower', 'Lower price')}
        {text('upper', 'Upper price')}
        {text('grids', 'Grids', 'N grids make N + 1 levels')}
        <label className="field">
          <span>Spacing</span>
          <select value={draft.spacing} onChange={(event) => change({ spacing: event.target.value as SetupDraft['spacing'] })}>
            <option value="arithmetic">arithmetic (equal steps)</option>
            <option value="geometric">geometric (equal percentages)</option>
          </select>
        </label>
        {text('investment', 'Investment (quote)')}
        {text('stopLoss', 'Stop-loss', 'empty for none')}
        {text('takeProfit', 'Take-profit', 'empty for none')}
        <label className="field">
          <span>When a stop triggers</span>
          <select value={draft.stopOutcome} onChange={(event) => change({ stopOutcome: event.target.value as SetupDraft['stopOutcome'] })}>
            <option value="cancel">cancel the orders, keep the assets</option>
            <option value="keep">keep the orders and assets, stop the bot</option>
            <option value="sell-all">cancel and sell all base</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.ocoBackstop} onChange={(event) => change({ ocoBackstop: event.target.checked })} /> OCO backstop on the exchange (protects while the app is closed)
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.noBuysInDowntrend} onChange={(event) => change({ noBuysInDowntrend: event.target.checked })} /> No new buys in a confirmed downtrend
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.pauseBuysWhenVolatile} onChange={(event) => change({ pauseBuysWhenVolatile: event.target.checked })} /> Pause buys when the market is volatile
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.recenter} onChange={(event) => change({ recenter: event.target.checked })} /> Recenter after the price stays outside the range
        </label>
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
