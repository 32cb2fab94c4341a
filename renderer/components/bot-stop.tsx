import { useState } from 'react'
import type { BotView } from '@shared/api'
import { useAppStore } from '../store/app-store'
import { NONE } from '../store/selectors'
import { ConfirmDialog } from './confirm-dialog'
import { runCommand } from './run-command'
import { StopOutcomes, type BotStopOutcome } from './stop-outcome'

/**
 * Stops one bot from its own panel: every order of this bot, grid and OCO, cancelled (and, if
 * asked, its base sold); the other bots keep trading. The bot stays stopped until it is resumed.
 */
export function BotStop({ bot }: { readonly bot: BotView }) {
  const api = useAppStore((store) => store.api)
  const bots = useAppStore((store) => store.app?.bots ?? NONE)
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<BotStopOutcome | null>(null)
  const base = bot.baseAsset || 'base'
  const stop = async (sellBase: boolean) => {
    if (api === null) return
    setBusy(sellBase ? `Cancelling every order of ${bot.botId} and selling its ${base}; waiting for the exchange to confirm…` : `Cancelling every order of ${bot.botId}; waiting for the exchange to confirm…`)
    const result = await runCommand(`Stop ${bot.botId}`, () => api.emergencyStop({ botId: bot.botId, sellBase }))
    setBusy(null)
    if (result !== undefined) setOutcome({ ...result, botId: bot.botId })
    else setOpen(false)
  }
  const close = () => {
    setOpen(false)
    setOutcome(null)
  }
  return (
    <>
      <button type="button" className="button-danger" aria-label={`Stop bot ${bot.botId}: cancel its orders`} onClick={() => setOpen(true)}>
        Stop this bot
      </button>
      {open && outcome === null && (
        <ConfirmDialog
          title={`Stop ${bot.botId} (${bot.symbol})`}
          busy={busy}
          onClose={close}
          choices={[
            { label: 'Cancel its orders', danger: true, onChoose: () => void stop(false) },
            { label: `Cancel its orders and sell ${base}`, danger: true, onChoose: () => void stop(true) }
          ]}
        >
          <p>Every order of {bot.botId}, grid and OCO, is cancelled and it stays stopped, after a restart too, until you resume it. Your other bots keep trading.</p>
        </ConfirmDialog>
      )}
      {open && outcome !== null && (
        <ConfirmDialog title={`${bot.botId} stopped`} onClose={close} choices={[]}>
          <StopOutcomes outcomes={[outcome]} bots={bots} />
        </ConfirmDialog>
      )}
    </>
  )
}
