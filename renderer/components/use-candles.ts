import { useEffect } from 'react'
import { CHART_INTERVAL, useAppStore } from '../store/app-store'

/** How many candles the chart loads when it opens a symbol. */
const HISTORY = 500

/** Loads a symbol's recent candles when it is shown; the live ones then arrive as events. */
export function useCandles(symbol: string | undefined): void {
  const api = useAppStore((store) => store.api)
  const link = useAppStore((store) => store.link)
  const ready = useAppStore((store) => store.app?.connection.status === 'ready')
  useEffect(() => {
    if (api === null || symbol === undefined || link !== 'open' || !ready) return
    let active = true
    void api.getCandles({ symbol, interval: CHART_INTERVAL, limit: HISTORY }).then((result) => {
      if (!active) return
      if (result.ok) useAppStore.getState().receiveCandles(symbol, CHART_INTERVAL, result.value)
      else useAppStore.getState().tell('error', `The chart could not load ${symbol}: ${result.error.message}`)
    })
    return () => {
      active = false
    }
  }, [api, symbol, link, ready])
}
