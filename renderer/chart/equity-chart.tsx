import { useLayoutEffect, useRef } from 'react'
import type { EquityPoint } from '@shared/api'
import { EquityChartController } from './equity-chart-controller'
import './price-chart.css'

/**
 * Draws an equity curve as a line. The chart is created once per mount and fed incrementally as
 * the points change; it fills and follows its parent's size. The chart element (role img,
 * `data-testid="equity-chart"`) exposes `data-points` and `data-last-value` for tests.
 */
export function EquityChart({ points, label }: { readonly points: readonly EquityPoint[]; readonly label: string }) {
  const containerRef = useRef<HTMLDivElement>(null)
  const controllerRef = useRef<EquityChartController | null>(null)

  // Declared first so that, on mount, the chart exists before the effect below feeds it
  useLayoutEffect(() => {
    const container = containerRef.current
    if (container === null) throw new Error('The equity chart has no container element')
    const controller = new EquityChartController(container)
    controllerRef.current = controller
    return () => {
      controllerRef.current = null
      controller.dispose()
    }
  }, [])

  useLayoutEffect(() => {
    controllerRef.current?.setPoints(points)
  }, [points])

  return (
    <div className="price-chart">
      <div ref={containerRef} className="price-chart-canvas" role="img" aria-label={label} data-testid="equity-chart" />
      {/* The attribution lightweight-charts' Apache-2.0 licence asks for: a link to TradingView on the chart */}
      <a className="price-chart-attribution" href="https://www.tradingview.com/" target="_blank" rel="noreferrer" title="TradingView Lightweight Charts™, Copyright (c) TradingView, Inc.">
        Charting by TradingView
      </a>
    </div>
  )
}
