import { useLayoutEffect, useRef } from 'react'
import type { CandleView } from '@shared/api'
import type { ChartLevel } from './chart-level'
import type { ChartMarker } from './chart-marker'
import { PriceChartController } from './price-chart-controller'
import './price-chart.css'

export type { ChartLevel, ChartLevelKind } from './chart-level'
export type { ChartMarker } from './chart-marker'

/** What the price chart draws. Prices are exact decimal text; they become numbers only to be drawn. */
export interface PriceChartProps {
  /** Oldest first; the last one is updated in place as trades arrive, new ones are appended. */
  readonly candles: readonly CandleView[]
  /** Grid levels as horizontal price lines coloured by kind (or the setup preview's planned levels). */
  readonly levels: readonly ChartLevel[]
  /** Fill markers: an arrow up below the bar for a BUY, down above the bar for a SELL. */
  readonly markers: readonly ChartMarker[]
  /** The OCO or bot stop-loss price (red, dashed line). */
  readonly stopLoss: string | null
  /** The take-profit price (green, dashed line). */
  readonly takeProfit: string | null
  /** Accessible name of the chart, e.g. "BTCUSDT price chart". */
  readonly label: string
  /** Shows every candle at once (a backtest's history) instead of following the newest; read once, when the chart is created. */
  readonly fitAll?: boolean
}

/**
 * Draws a live candlestick chart with grid-level, stop-loss and take-profit lines and fill markers.
 * The chart is created once per mount and fed incrementally as props change; it fills and follows
 * its parent's size. The chart element (role img, `data-testid="price-chart"`) exposes
 * `data-candles`, `data-levels`, `data-markers`, `data-last-close`, `data-stop-loss` and
 * `data-take-profit` for tests.
 */
export function PriceChart({ candles, levels, markers, stopLoss, takeProfit, label, fitAll = false }: PriceChartProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const controllerRef = useRef<PriceChartController | null>(null)

  // Declared first so that, on mount, the chart exists before the effects below feed it; created once, so `fitAll` is read here only
  useLayoutEffect(() => {
    const container = containerRef.current
    if (container === null) throw new Error('The price chart has no container element')
    const controller = new PriceChartController(container, { fitAll })
    controllerRef.current = controller
    return () => {
      controllerRef.current = null
      controller.dispose()
    }
  }, [])

  useLayoutEffect(() => {
    controllerRef.current?.setCandles(candles)
  }, [candles])

  useLayoutEffect(() => {
    controllerRef.current?.setLines(levels, stopLoss, takeProfit)
  }, [levels, stopLoss, takeProfit])

  // After the candles effect, so markers are snapped to the candles of this render
  useLayoutEffect(() => {
    controllerRef.current?.setMarkers(markers)
  }, [markers])

  return (
    <div className="price-chart">
      <div ref={containerRef} className="price-chart-canvas" role="img" aria-label={label} data-testid="price-chart" />
      {/* The attribution lightweight-charts' Apache-2.0 licence asks for: a link to TradingView on the chart */}
      <a className="price-chart-attribution" href="https://www.tradingview.com/" target="_blank" rel="noreferrer" title="TradingView Lightweight Charts™, Copyright (c) TradingView, Inc.">
        Charting by TradingView
      </a>
    </div>
  )
}
