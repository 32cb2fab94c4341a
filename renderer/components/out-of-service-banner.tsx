import { useState } from 'react'
import { useAppStore } from '../store/app-store'
import { ConfirmDialog } from './confirm-dialog'
import { runCommand } from './run-command'

const MODE_LABELS = { paper: 'Paper', testnet: 'Testnet', demo: 'Demo', live: 'Live' } as const

/**
 * The banner of a mode whose journal cannot be used: what was found and what to do, and, where
 * it is safe, Start a new journal, which (once confirmed) keeps the old files renamed with the
 * date and opens the mode on a new journal. The other modes stay a click away under Mode and keys.
 */
export function OutOfServiceBanner() {
  const api = useAppStore((store) => store.api)
  const connection = useAppStore((store) => store.app?.connection)
  const mode = useAppStore((store) => store.app?.mode)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  if (connection?.status !== 'out-of-service' || mode === undefined) return null
  const label = MODE_LABELS[mode]
  const startOver = async () => {
    if (api === null) return
    setBusy(`Setting the old journal aside and opening ${label} mode on a new one…`)
    await runCommand(`Start a new ${label} journal`, () => api.startNewJournal({ mode }))
    setBusy(null)
    setConfirming(false)
  }
  return (
    <div className="app-status app-status-error out-of-service" role="alert">
      <p>
        <strong>{label} mode is out of service.</strong> {connection.message}
      </p>
      {connection.problem?.newJournalAllowed === true && api !== null && (
        <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
          Start a new journal
        </button>
      )}
      {confirming && (
        <ConfirmDialog title={`Start ${label} mode over on a new journal?`} choices={[{ label: 'Start a new journal', danger: true, onChoose: () => void startOver() }]} onClose={() => setConfirming(false)} busy={busy}>
          <p>
            The old journal{mode === 'paper' ? ' and the paper account are' : ' is'} kept, renamed with the date, and {label} mode opens on a new, empty journal.
            {mode === 'paper'
              ? ' Paper mode starts over with a new paper account.'
              : ' The new journal does not know the old bots: their orders stay on the exchange until you cancel them there, and a new bot with one of their ids is refused.'}
          </p>
        </ConfirmDialog>
      )}
    </div>
  )
}
