import { useState } from 'react'
import { useAppStore } from '../store/app-store'
import { ConfirmDialog } from './confirm-dialog'
import { runCommand } from './run-command'

/** "While you were away": what happened while the app was closed or asleep, with resume, cancel-all and sell-all choices. */
export function AwayPanel() {
  const api = useAppStore((store) => store.api)
  const away = useAppStore((store) => store.app?.away ?? null)
  const [stopping, setStopping] = useState<'cancel' | 'sell' | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  if (api === null || away === null) return null
  const stop = async (sellBase: boolean) => {
    setBusy(sellBase ? 'Cancelling every order and selling the base; waiting for the exchange…' : 'Cancelling every order; waiting for the exchange…')
    const done = await runCommand(sellBase ? 'Cancel all and sell' : 'Cancel all', () => api.stopAll({ sellBase }))
    setBusy(null)
    setStopping(null)
    if (done !== undefined) await api.dismissAway()
  }
  return (
    <section className="panel away" aria-label="While you were away">
      <h2 className="panel-title">While you were away (since {new Date(away.sinceMs).toLocaleString()})</h2>
      <ol className="events">
        {away.items.map((item, index) => (
          <li key={`${item.atMs}-${index}`} className={item.kind === 'incident' ? 'incident-critical' : undefined}>
            <time dateTime={new Date(item.atMs).toISOString()}>{new Date(item.atMs).toLocaleString()}</time> <span className="event-type">{item.botId}</span> — {item.text}
          </li>
        ))}
      </ol>
      <div className="summary-actions">
        <button type="button" className="button-primary" onClick={() => void runCommand('Resume', () => api.dismissAway())}>
          Resume
        </button>
        <button type="button" className="button-danger" onClick={() => setStopping('cancel')}>
          Cancel all orders
        </button>
        <button type="button" className="button-danger" onClick={() => setStopping('sell')}>
          Cancel all and sell
        </button>
      </div>
      {stopping !== null && (
        <ConfirmDialog
          title={stopping === 'sell' ? 'Cancel every order and sell the base of every bot' : 'Cancel every order of every bot'}
          busy={busy}
          onClose={() => setStopping(null)}
          choices={[{ label: stopping === 'sell' ? 'Cancel all and sell' : 'Cancel all orders', danger: true, onChoose: () => void stop(stopping === 'sell') }]}
        >
          <p>Every bot of this mode stops and stays stopped, after a restart too, until you resume it.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
