import { useEffect } from 'react'
import { connectApi } from '../api/connect-api'
import { useAppStore } from '../store/app-store'

/** Connects to the app once: finds the transport, subscribes to the events, and loads the info and the state. */
export function useApiConnection(): void {
  useEffect(() => {
    const store = useAppStore.getState()
    const connection = connectApi((status) => useAppStore.getState().setLink(status))
    if (connection.api === null) {
      store.setLink('unavailable', connection.reason)
      return
    }
    const { api } = connection
    store.connected(api)
    const stops = [api.on('state', (app) => useAppStore.getState().receiveState(app)), api.on('candle', (update) => useAppStore.getState().receiveCandle(update)), api.on('backtest', (update) => useAppStore.getState().receiveBacktest(update))]
    void api.getInfo().then((result) => (result.ok ? useAppStore.getState().setInfo(result.value) : useAppStore.getState().setLink('unavailable', result.error.message)))
    void api.getState().then((result) => (result.ok ? useAppStore.getState().receiveState(result.value) : useAppStore.getState().tell('error', result.error.message)))
    return () => {
      for (const stop of stops) stop()
    }
  }, [])
}
