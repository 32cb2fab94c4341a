import { useAppStore } from '../store/app-store'
import { EmergencyStop } from './emergency-stop'
import { HealthBadge } from './health-badge'

const MODE_LABELS = { paper: 'Paper', testnet: 'Testnet', demo: 'Demo', live: 'Live' } as const

/** The top bar: product, mode, the views, the bot shown, health, and the EMERGENCY STOP. */
export function Header() {
  const info = useAppStore((store) => store.info)
  const mode = useAppStore((store) => store.app?.mode ?? store.info?.mode)
  const bots = useAppStore((store) => store.app?.bots)
  const selectedBotId = useAppStore((store) => store.selectedBotId)
  const view = useAppStore((store) => store.view)
  const { show, selectBot } = useAppStore.getState()
  return (
    <header className="header">
      <h1 className="app-name">{info?.name ?? 'Gridkeeper'}</h1>
      {mode !== undefined && (
        <span className={`mode-badge mode-${mode}`} aria-label={`Mode: ${MODE_LABELS[mode]}`}>
          {MODE_LABELS[mode]}
        </span>
      )}
      <nav className="nav" aria-label="Views">
        <button type="button" aria-pressed={view === 'dashboard'} onClick={() => show('dashboard')}>
          Dashboard
        </button>
        <button type="button" aria-pressed={view === 'setup'} onClick={() => show('setup')}>
          New grid
        </button>
        <button type="button" aria-pressed={view === 'backtest'} onClick={() => show('backtest')}>
          Backtest
        </button>
        <button type="button" aria-pressed={view === 'keys'} onClick={() => show('keys')}>
          Mode and keys
        </button>
      </nav>
      {bots !== undefined && bots.length > 1 && (
        <label className="bot-picker">
          Bot shown{' '}
          <select value={selectedBotId ?? ''} onChange={(event) => selectBot(event.target.value)}>
            {bots.map((bot) => (
              <option key={bot.botId} value={bot.botId}>
                {bot.botId} · {bot.symbol}
              </option>
            ))}
          </select>
        </label>
      )}
      <span className="header-spacer" />
      <HealthBadge />
      {info !== null && <span className="version">v{info.version}</span>}
      <EmergencyStop />
    </header>
  )
}
