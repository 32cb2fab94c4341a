import { useState } from 'react'
import { useAppStore } from '../store/app-store'
import { NONE } from '../store/selectors'
import { ConfirmDialog } from './confirm-dialog'
import { runCommand } from './run-command'
import { StopOutcomes, type BotStopOutcome } from './stop-outcome'

/**
 * The EMERGENCY STOP button, always in the header, for the whole account: one click opens the
 * confirmation (cancel every order of every bot of the mode, or also sell their base); the
 * progress shows until the exchange has answered, then, bot by bot, what was cancelled and
 * anything still open. Every bot stays stopped, after a restart too, until it is resumed.
 */
export function EmergencyStop() {
  const api = useAppStore((store) => store.api)
  const bots = useAppStore((store) => store.app?.bots ?? NONE)
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  const [outcomes, setOutcomes] = useState<readonly BotStopOutcome[] | null>(null)
  const bases = [...new Set(bots.map((bot) => bot.baseAsset).filter((asset) => asset !== ''))]
  const stop = async (sellBase: boolean) => {
    if (api === null) return
    setBusy(sellBase ? `Cancelling every order of every bot and selling their ${bases.join(', ') || 'base'}; waiting for the exchange to confirm…` : 'Cancelling every order of every bot; waiting for the exchange to confirm…')
    const result = await runCommand('Emergency stop', () => api.stopAll({ sellBase }))
    setBusy(null)
    if (result !== undefined) setOutcomes(result)
    else setOpen(false)
  }
  const close = () => {
    setOpen(false)
    setOutcomes(null)
  }
  const all = bots.length === 1 ? 'the bot' : `all ${bots.length} bots`
  return (
    <>
      <button
        type="button"
        className="emergency-button"
        aria-label="EMERGENCY STOP: stop all bots"
        disabled={bots.length === 0}
        title={bots.length === 0 ? 'No bot is running' : `Stop ${all} of this mode now: every order cancelled`}
        onClick={() => setOpen(true)}
      >
        EMERGENCY STOP
      </button>
      {open && outcomes === null && (
        <ConfirmDialog
          title={`Emergency stop: ${all}`}
          busy={busy}
          onClose={close}
          choices={[
            { label: 'Cancel all orders', danger: true, onChoose: () => void stop(false) },
            { label: `Cancel all and sell ${bases.join(', ') || 'base'}`, danger: true, onChoose: () => void stop(true) }
          ]}
        >
          <p>Every order of {bots.length === 1 ? 'this bot' : 'these bots'}, grid and OCO, is cancelled, and each bot stays stopped, after a restart too, until you resume it:</p>
          <ul aria-label="Bots to stop">
            {bots.map((bot) => (
              <li key={bot.botId}>
                {bot.botId} ({bot.symbol}), {bot.openOrders.length === 1 ? '1 open order' : `${bot.openOrders.length} open orders`}
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
      {open && outcomes !== null && (
        <ConfirmDialog title="Emergency stop done" onClose={close} choices={[]}>
          <StopOutcomes outcomes={outcomes} bots={bots} />
        </ConfirmDialog>
      )}
    </>
  )
}
