import { useState } from 'react'
import type { ConnectionTest, KeyedMode, TradingMode } from '@shared/api'
import { useAppStore } from '../store/app-store'
import { NONE } from '../store/selectors'
import { ConfirmDialog } from './confirm-dialog'
import { runCommand } from './run-command'

const MODES: readonly { readonly mode: TradingMode; readonly label: string; readonly text: string }[] = [
  { mode: 'paper', label: 'Paper', text: 'the built-in paper exchange: simulated fills, no keys, no real money' },
  { mode: 'testnet', label: 'Testnet', text: "Binance Spot testnet: its own keys, balances and prices; no real money" },
  { mode: 'demo', label: 'Demo', text: 'Binance demo trading: live prices, simulated fills, keys from the demo site' },
  { mode: 'live', label: 'Live', text: 'your Binance account: REAL MONEY' }
]
const KEYED: readonly KeyedMode[] = ['testnet', 'demo', 'live']

/** The trading mode, and the API keys of the modes that need them (kept in the OS keychain; the secret is never shown again). */
export function KeysView() {
  const api = useAppStore((store) => store.api)
  const mode = useAppStore((store) => store.app?.mode)
  const keychainProblem = useAppStore((store) => store.app?.keychainProblem ?? null)
  const connection = useAppStore((store) => store.app?.connection)
  const [target, setTarget] = useState<TradingMode | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [switchProblem, setSwitchProblem] = useState<string | null>(null)
  if (api === null || mode === undefined) return <p role="status">Connecting…</p>
  const switchMode = async (next: TradingMode) => {
    setBusy(`Switching to ${next}: stopping this mode's bots (their orders stay) and opening the account…`)
    setSwitchProblem(null)
    await runCommand(`Switch to ${next}`, () => api.setMode({ mode: next }), setSwitchProblem)
    setBusy(null)
    setTarget(null)
  }
  return (
    <div className="keys-view">
      <section className="panel" aria-label="Trading mode">
        <h2 className="panel-title">Trading mode</h2>
        <ul className="mode-list">
          {MODES.map((entry) => (
            <li key={entry.mode}>
              <button type="button" aria-pressed={entry.mode === mode} className={entry.mode === 'live' ? 'mode-live' : undefined} onClick={() => (entry.mode === mode ? undefined : setTarget(entry.mode))}>
                {entry.label}
              </button>{' '}
              {entry.text}
            </li>
          ))}
        </ul>
        {/* Said here, by the mode buttons, and not again at the top of the page (App leaves it to this view) */}
        {(switchProblem !== null || connection?.status === 'failed') && (
          <p className="warning" role="alert" aria-label="Mode problem">
            {sentence(switchProblem ?? connection?.message ?? 'The exchange cannot be reached.')}
          </p>
        )}
      </section>
      {keychainProblem !== null && (
        <section className="panel" aria-label="OS keychain">
          <h2 className="panel-title">OS keychain</h2>
          <p className="warning" role="alert">
            {keychainProblem[0]?.toUpperCase()}
            {keychainProblem.slice(1)}.
          </p>
          <p>Paper mode needs no keys and works meanwhile.</p>
        </section>
      )}
      {KEYED.map((profile) => (
        <KeyProfile key={profile} profile={profile} />
      ))}
      {target !== null && (
        <ConfirmDialog
          title={`Switch to ${target === 'live' ? 'LIVE trading' : target}`}
          busy={busy}
          onClose={() => setTarget(null)}
          choices={[{ label: `Switch to ${target}`, danger: target === 'live', onChoose: () => void switchMode(target) }]}
        >
          <p>The bots of {mode} mode stop here; their orders stay on that exchange and they resume when you come back.</p>
          {target === 'live' && <p className="warning">In Live mode the bots trade your real Binance account with real money.</p>}
        </ConfirmDialog>
      )}
    </div>
  )
}

function KeyProfile({ profile }: { readonly profile: KeyedMode }) {
  const api = useAppStore((store) => store.api)
  const saved = useAppStore((store) => (store.app?.keys ?? NONE).find((entry) => entry.profile === profile))
  const [apiKey, setApiKey] = useState('')
  const [apiSecret, setApiSecret] = useState('')
  const [test, setTest] = useState<ConnectionTest | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [deleting, setDeleting] = useState(false)
  // What went wrong with this profile's last command, said beside its buttons
  const [problem, setProblem] = useState<string | null>(null)
  if (api === null) return null
  const save = async () => {
    setBusy('Saving in the OS keychain…')
    // The secret leaves the page once, here; the fields are emptied whatever the outcome
    setProblem(null)
    const result = await runCommand(`Save the ${profile} keys`, () => api.saveKeys({ profile, apiKey: apiKey.trim(), apiSecret: apiSecret.trim() }), setProblem)
    setApiSecret('')
    if (result !== undefined) setApiKey('')
    setTest(null)
    setBusy(null)
  }
  const check = async () => {
    setBusy('Asking the exchange…')
    setProblem(null)
    setTest((await runCommand(`Test the ${profile} connection`, () => api.testConnection({ profile }), setProblem)) ?? null)
    setBusy(null)
  }
  const remove = async () => {
    setProblem(null)
    await runCommand(`Delete the ${profile} keys`, () => api.deleteKeys({ profile }), setProblem)
    setDeleting(false)
    setTest(null)
  }
  return (
    <section className="panel" aria-label={`${profile} keys`}>
      <h2 className="panel-title">{profile[0]?.toUpperCase()}{profile.slice(1)} keys</h2>
      <p aria-label={`${profile} saved key`}>{saved === undefined ? 'No keys saved.' : saved.maskedKey !== null ? `Saved key: ${saved.maskedKey}` : `The saved entry cannot be read: ${saved.problem ?? ''}`}</p>
      <form className="inline-form" aria-label={`${profile} key form`} onSubmit={(event) => (event.preventDefault(), apiKey.trim() !== '' && apiSecret.trim() !== '' ? void save() : undefined)}>
        <label>
          API key <input value={apiKey} autoComplete="off" spellCheck={false} onChange={(event) => setApiKey(event.target.value)} />
        </label>
        <label>
          API secret <input type="password" value={apiSecret} autoComplete="new-password" spellCheck={false} onChange={(event) => setApiSecret(event.target.value)} />
        </label>
        <button type="submit" disabled={apiKey.trim() === '' || apiSecret.trim() === '' || busy !== null}>
          {saved === undefined ? 'Save keys' : 'Replace keys'}
        </button>
        <button type="button" disabled={saved?.maskedKey == null || busy !== null} onClick={() => void check()}>
          Test connection
        </button>
        <button type="button" disabled={saved === undefined} onClick={() => setDeleting(true)}>
          Delete keys
        </button>
      </form>
      {problem !== null && (
        <p className="warning" role="alert">
          {problem}
        </p>
      )}
      {busy !== null && (
        <p className="progress" role="status">
          <span className="spinner" aria-hidden="true" /> {busy}
        </p>
      )}
      {test !== null && (
        <div aria-label={`${profile} connection test`}>
          <p>
            {test.canTrade ? 'Can trade' : 'Cannot trade'}; withdrawals {test.canWithdraw ? 'ENABLED' : 'disabled'}; IP restriction{' '}
            {test.ipRestricted === null ? 'not reported by this exchange' : test.ipRestricted ? 'on' : 'OFF'}; permissions {test.permissions.join(', ') || 'none listed'}.
          </p>
          {test.warnings.map((warning) => (
            <p key={warning} className="warning" role="alert">
              {warning}
            </p>
          ))}
        </div>
      )}
      {deleting && (
        <ConfirmDialog title={`Delete the ${profile} keys`} onClose={() => setDeleting(false)} choices={[{ label: 'Delete them', danger: true, onChoose: () => void remove() }]}>
          <p>The key and secret are removed from the OS keychain. The exchange keeps the key itself: delete it there too if you no longer use it.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}

/** Starts a message with a capital, as a sentence on its own. */
function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`
}
