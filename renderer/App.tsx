import { useEffect, useState } from 'react'
import type { AppInfo, TradingMode } from '@shared/api'

const modeLabels: Readonly<Record<TradingMode, string>> = { paper: 'Paper', testnet: 'Testnet', demo: 'Demo', live: 'Live' }

type InfoState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly info: AppInfo }
  | { readonly status: 'unavailable'; readonly reason: string }

/** Shows the product name, version and trading mode reported by the main process. */
export function App() {
  const [state, setState] = useState<InfoState>({ status: 'loading' })

  useEffect(() => {
    const api = window.gridkeeper
    if (api === undefined) {
      setState({ status: 'unavailable', reason: 'Not connected to the Gridkeeper desktop app.' })
      return
    }
    let active = true
    api.getInfo().then(
      (result) => {
        if (!active) return
        setState(result.ok ? { status: 'ready', info: result.value } : { status: 'unavailable', reason: result.error.message })
      },
      (error: unknown) => {
        if (active) setState({ status: 'unavailable', reason: error instanceof Error ? error.message : String(error) })
      }
    )
    return () => {
      active = false
    }
  }, [])

  return (
    <main className="app">
      <h1 className="app-name">{state.status === 'ready' ? state.info.name : 'Gridkeeper'}</h1>
      {state.status === 'loading' && <p className="app-status">Connecting…</p>}
      {state.status === 'unavailable' && <p className="app-status app-status-error">{state.reason}</p>}
      {state.status === 'ready' && (
        <dl className="app-facts">
          <dt>Version</dt>
          <dd>{state.info.version}</dd>
          <dt>Mode</dt>
          <dd className="app-mode">{modeLabels[state.info.mode]}</dd>
        </dl>
      )}
    </main>
  )
}
