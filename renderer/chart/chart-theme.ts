import { ColorType, CrosshairMode, LineStyle, type CandlestickSeriesPartialOptions, type ChartOptions, type DeepPartial, type LineWidth } from 'lightweight-charts'
import { chartPalette } from './chart-palette'
import type { PriceLineKind } from './price-line-spec'

/** Chart-wide options: dark background, muted text and grid, minute-resolution time axis. */
export const chartOptions: DeepPartial<ChartOptions> = {
  layout: {
    background: { type: ColorType.Solid, color: chartPalette.background },
    textColor: chartPalette.text,
    fontFamily: 'system-ui, sans-serif',
    // The built-in logo brings its own inline <style>, which the app's CSP blocks; PriceChart links to TradingView instead
    attributionLogo: false
  },
  grid: { vertLines: { color: chartPalette.grid }, horzLines: { color: chartPalette.grid } },
  crosshair: { mode: CrosshairMode.Normal },
  rightPriceScale: { borderColor: chartPalette.border },
  timeScale: { borderColor: chartPalette.border, timeVisible: true, secondsVisible: false }
}

/** Candle colours: green up, red down, as the rest of the app colours buys and sells. */
export const candlestickOptions: CandlestickSeriesPartialOptions = {
  upColor: chartPalette.up,
  downColor: chartPalette.down,
  borderUpColor: chartPalette.up,
  borderDownColor: chartPalette.down,
  wickUpColor: chartPalette.up,
  wickDownColor: chartPalette.down
}

/** How a price line of each kind is drawn. */
export interface PriceLineStyle {
  readonly color: string
  readonly lineStyle: LineStyle
  readonly lineWidth: LineWidth
}

/** Line styles by kind: working orders solid, idle levels dotted, the preview and the exits dashed. */
export const priceLineStyles: Readonly<Record<PriceLineKind, PriceLineStyle>> = {
  buy: { color: chartPalette.up, lineStyle: LineStyle.Solid, lineWidth: 1 },
  sell: { color: chartPalette.down, lineStyle: LineStyle.Solid, lineWidth: 1 },
  empty: { color: chartPalette.empty, lineStyle: LineStyle.Dotted, lineWidth: 1 },
  held: { color: chartPalette.held, lineStyle: LineStyle.Solid, lineWidth: 1 },
  failed: { color: chartPalette.failed, lineStyle: LineStyle.Solid, lineWidth: 2 },
  preview: { color: chartPalette.preview, lineStyle: LineStyle.LargeDashed, lineWidth: 1 },
  'stop-loss': { color: chartPalette.down, lineStyle: LineStyle.Dashed, lineWidth: 2 },
  'take-profit': { color: chartPalette.up, lineStyle: LineStyle.Dashed, lineWidth: 2 }
}
