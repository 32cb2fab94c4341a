/** A fill drawn on the chart: an arrow below the bar for a BUY, above it for a SELL. */
export interface ChartMarker {
  /** When the fill happened, in epoch milliseconds; it is drawn on the candle open at that time. */
  readonly timeMs: number
  readonly side: 'BUY' | 'SELL'
  /** Exact decimal text of the fill price. */
  readonly price: string
  /** Shown next to the arrow. */
  readonly text: string
}
