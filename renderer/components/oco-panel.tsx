import { useState } from 'react'
import type { BotView } from '@shared/api'
import { useAppStore } from '../store/app-store'
import { ConfirmDialog } from './confirm-dialog'
import { runCommand } from './run-command'

const DECIMAL = /^\d+(\.\d+)?$/

/** The exchange-side OCO backstop: what it covers, and moving or cancelling it. */
export function OcoPanel({ bot }: { readonly bot: BotView }) {
  const api = useAppStore((store) => store.api)
  const [stopLoss, setStopLoss] = useState(bot.config.risk.stopLoss ?? '')
  const [takeProfit, setTakeProfit] = useState(bot.config.risk.takeProfit ?? '')
  const [pending, setPending] = useState<'move' | 'cancel' | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  if (api === null) return null
  const valid = DECIMAL.test(stopLoss) && DECIMAL.test(takeProfit)
  const act = async () => {
    setBusy(pending === 'move' ? 'Moving the OCO…' : 'Cancelling the OCO…')
    if (pending === 'move') await runCommand('Move the OCO', () => api.moveOco({ botId: bot.botId, stopLoss, takeProfit }))
    else await runCommand('Cancel the OCO', () => api.cancelOco({ botId: bot.botId }))
    setBusy(null)
    setPending(null)
  }
  return (
    <section className="panel" aria-label="OCO backstop">
      <h2 className="panel-title">OCO backstop</h2>
      {bot.oco === null ? (
        <p>No OCO on the exchange{bot.config.risk.ocoBackstop ? ' (nothing uncovered to protect, or no stop-loss and take-profit set)' : ' (turned off in the configuration)'}.</p>
      ) : (
        <p>
          Covers {bot.oco.quantity} {bot.baseAsset}: stop-loss <strong>{bot.oco.stopPrice ?? '–'}</strong>, take-profit <strong>{bot.oco.takeProfitPrice ?? '–'}</strong>{' '}
          <span className="mono">({bot.oco.listClientOrderId})</span>
        </p>
      )}
      <form className="inline-form" onSubmit={(event) => (event.preventDefault(), valid ? setPending('move') : undefined)}>
        <label>
          Stop-loss <input value={stopLoss} inputMode="decimal" onChange={(event) => setStopLoss(event.target.value.trim())} />
        </label>
        <label>
          Take-profit <input value={takeProfit} inputMode="decimal" onChange={(event) => setTakeProfit(event.target.value.trim())} />
        </label>
        <button type="submit" disabled={!valid}>
          Move OCO
        </button>
        <button type="button" disabled={bot.oco === null} onClick={() => setPending('cancel')}>
          Cancel OCO
        </button>
      </form>
      {pending !== null && (
        <ConfirmDialog
          title={pending === 'move' ? `Move the OCO to stop-loss ${stopLoss}, take-profit ${takeProfit}` : 'Cancel the OCO backstop'}
          busy={busy}
          onClose={() => setPending(null)}
          choices={[{ label: pending === 'move' ? 'Move it' : 'Cancel it', danger: pending === 'cancel', onChoose: () => void act() }]}
        >
          <p>
            {pending === 'move'
              ? "The bot's stop-loss and take-profit move too, and the OCO is placed again at the new prices."
              : 'The bot keeps watching its stop-loss and take-profit while it runs, but nothing protects the position on the exchange while the app is closed.'}
          </p>
        </ConfirmDialog>
      )}
    </section>
  )
}
