import { PriceChart, type ChartLevel, type ChartMarker } from '../chart/price-chart'
import { useAppStore } from '../store/app-store'
import { chartCandles } from '../store/selectors'

/** The live chart of a symbol: its candles from the store, with the levels, fill markers and stop lines given. */
export function MarketChart(props: { readonly symbol: string; readonly levels: readonly ChartLevel[]; readonly markers: readonly ChartMarker[]; readonly stopLoss: string | null; readonly takeProfit: string | null }) {
  const candles = useAppStore((store) => chartCandles(store, props.symbol))
  return (
    <div className="chart-frame">
      <PriceChart candles={candles} levels={props.levels} markers={props.markers} stopLoss={props.stopLoss} takeProfit={props.takeProfit} label={`${props.symbol} price chart`} />
      {candles.length === 0 && <p className="chart-empty">Waiting for the first trades of {props.symbol}…</p>}
    </div>
  )
}
