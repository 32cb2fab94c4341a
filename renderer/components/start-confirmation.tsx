import { useState } from 'react'
import type { BotConfigInput } from '@shared/config/bot-config'
import type { ConfirmedPlan, PlanPreview } from '@shared/api'
import { useAppStore } from '../store/app-store'
import { ConfirmDialog } from './confirm-dialog'

/** The orders of a previewed plan, as the start confirms them. */
export function confirmedPlanOf(plan: PlanPreview): ConfirmedPlan {
  return {
    levels: plan.levels.map((level) => ({ price: level.price, side: level.side as ConfirmedPlan['levels'][number]['side'], quantity: level.quantity })),
    acquisitionQuantity: plan.acquisition?.quantity ?? null
  }
}

/**
 * Asks the person to confirm a start, naming exactly what is sent: symbol, range, grids,
 * investment, the purchase of base, stop-loss and take-profit. The start sends this plan; when
 * the price moved and the plan at the new price differs, nothing is sent and the new plan is
 * shown here to be confirmed again.
 */
export function StartConfirmation(props: { readonly config: BotConfigInput; readonly plan: PlanPreview; readonly onClose: () => void; readonly onStarted: (botId: string) => void }) {
  const api = useAppStore((store) => store.api)
  const [plan, setPlan] = useState(props.plan)
  // How often the price moved between what was shown and the start (each time nothing was sent)
  const [moved, setMoved] = useState(0)
  const [busy, setBusy] = useState<string | null>(null)
  const { config } = props
  const start = async () => {
    if (api === null) return
    setBusy('Starting the grid: placing its orders…')
    const result = await api.startBot({ config, expected: confirmedPlanOf(plan) }).catch((error: unknown) => ({ ok: false as const, error: { code: 'failed', message: error instanceof Error ? error.message : String(error), details: undefined } }))
    setBusy(null)
    if (result.ok) {
      useAppStore.getState().tell('info', `${config.id} started on ${config.symbol}`)
      props.onStarted(result.value.botId)
      return
    }
    const newPlan = (result.error.details as { plan?: PlanPreview } | undefined)?.plan
    if (result.error.code === 'plan-changed' && newPlan !== undefined) {
      setPlan(newPlan)
      setMoved((count) => count + 1)
      return
    }
    useAppStore.getState().tell('error', `Start ${config.id} failed: ${result.error.message}`)
    props.onClose()
  }
  const orders = plan.levels.filter((level) => level.side !== 'NONE')
  const buys = orders.filter((level) => level.side === 'BUY').length
  return (
    <ConfirmDialog title={`Start ${config.id} on ${config.symbol}`} busy={busy} onClose={props.onClose} choices={[{ label: 'Start and place the orders', onChoose: () => void start() }]}>
      {moved > 0 && (
        <p className="notice" role="alert" data-moved={moved}>
          The price moved to {plan.price} and the plan changed; nothing was sent. Read it again before you start.
        </p>
      )}
      <dl className="facts" aria-label="What the start sends">
        <dt>Symbol</dt>
        <dd>{config.symbol}</dd>
        <dt>Range</dt>
        <dd>
          {plan.lower} to {plan.upper}, {plan.grids} grids ({plan.spacing})
        </dd>
        <dt>Investment</dt>
        <dd>{plan.investment}</dd>
        <dt>Orders</dt>
        <dd>
          {buys} buys and {orders.length - buys} sells, planned at {plan.price}
        </dd>
        <dt>Market purchase</dt>
        <dd>{plan.acquisition === null ? 'none' : `${plan.acquisition.method === 'MARKET' ? 'buys' : 'places a limit buy for'} ${plan.acquisition.quantity} at about ${plan.acquisition.price}, costing about ${plan.acquisition.quoteCost}, before the grid's sells`}</dd>
        <dt>Stop-loss</dt>
        <dd>{config.risk?.stopLoss ?? 'none'}</dd>
        <dt>Take-profit</dt>
        <dd>{config.risk?.takeProfit ?? 'none'}</dd>
      </dl>
    </ConfirmDialog>
  )
}
