import { useState } from 'react'
import type { EmergencyStopOutcome } from '@shared/api'
import { useAppStore } from '../store/app-store'
import { selectedBot } from '../store/selectors'
import { ConfirmDialog } from './confirm-dialog'
import { runCommand } from './run-command'

/**
 * The EMERGENCY STOP button, always in the header: one click opens the confirmation (cancel all,
 * or cancel all and sell the base); the progress shows until the exchange has answered, then what
 * was cancelled and anything still open.
 */
export function EmergencyStop() {
  const api = useAppStore((store) => store.api)
  const bot = useAppStore(selectedBot)
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<EmergencyStopOutcome | null>(null)
  const stop = async (sellBase: boolean) => {
    if (api === null || bot === undefined) return
    setBusy(sellBase ? `Cancelling every order of ${bot.botId} and selling its ${bot.baseAsset}; waiting for the exchange to confirm…` : `Cancelling every order of ${bot.botId}; waiting for the exchange to confirm…`)
    const result = await runCommand('Emergency stop', () => api.emergencyStop({ botId: bot.botId, sellBase }))
    setBusy(null)
    if (result !== undefined) setOutcome(result)
    else setOpen(false)
  }
  const close = () => {
    setOpen(false)
    setOutcome(null)
  }
  return (
    <>
      <button type="button" className="emergency-button" disabled={bot === undefined} title={bot === undefined ? 'No bot is running' : `Stop ${bot.botId} now`} onClick={() => setOpen(true)}>
        EMERGENCY STOP
      </button>
      {open && bot !== undefined && outcome === null && (
        <ConfirmDialog
          title={`Emergency stop ${bot.botId} (${bot.symbol})`}
          busy={busy}
          onClose={close}
          choices={[
            { label: 'Cancel all orders', danger: true, onChoose: () => void stop(false) },
            { label: `Cancel all and sell ${bot.baseAsset || 'base'}`, danger: true, onChoose: () => void stop(true) }
          ]}
        >
          <p>Every order of this bot, grid and OCO, is cancelled and the bot stays stopped, after a restart too, until you resume it.</p>
        </ConfirmDialog>
      )}
      {open && outcome !== null && (
        <ConfirmDialog title="Emergency stop done" onClose={close} choices={[]}>
          <p role="status">
            {outcome.cancelled.length} order(s) cancelled{outcome.soldBase !== null ? `, ${outcome.soldBase} sold` : ''}.
            {outcome.stillOpen.length > 0 ? ` Still open on the exchange: ${outcome.stillOpen.join(', ')}. Cancel them on the exchange or press the stop again.` : ' The exchange reports no open order of this bot.'}
          </p>
        </ConfirmDialog>
      )}
    </>
  )
}
