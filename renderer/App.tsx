import { BacktestView } from './components/backtest-view'
import { Dashboard } from './components/dashboard'
import { Header } from './components/header'
import { KeysView } from './components/keys-view'
import { NoticeLine } from './components/notice-line'
import { OutOfServiceBanner } from './components/out-of-service-banner'
import { SetupView } from './components/setup-view'
import { useApiConnection } from './components/use-api-connection'
import { useAppStore } from './store/app-store'

/** The app: header with the EMERGENCY STOP, a status line, and the dashboard, the grid setup, backtests or the keys. */
export function App() {
  useApiConnection()
  const link = useAppStore((store) => store.link)
  const linkProblem = useAppStore((store) => store.linkProblem)
  const view = useAppStore((store) => store.view)
  const connection = useAppStore((store) => store.app?.connection)
  return (
    <div className="app">
      <Header />
      {link === 'unavailable' && <p className="app-status app-status-error">{linkProblem}</p>}
      {/* Mode and keys says it by the mode buttons */}
      {connection?.status === 'failed' && view !== 'keys' && (
        <p className="app-status app-status-error" role="alert">
          {connection.message}
        </p>
      )}
      <OutOfServiceBanner />
      <NoticeLine />
      <main className="main">{link === 'unavailable' ? null : view === 'setup' ? <SetupView /> : view === 'backtest' ? <BacktestView /> : view === 'keys' ? <KeysView /> : <Dashboard />}</main>
    </div>
  )
}
