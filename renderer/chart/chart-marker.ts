/** A fill drawn on the chart at its price: an arrow up to it for a BUY, down to it for a SELL. */
export interface ChartMarker {
  /** When the fill happened, in epoch milliseconds; it is drawn on the candle open at that time. */
  readonly timeMs: number
  readonly side: 'BUY' | 'SELL'
  /** Exact decimal text of the fill price, where the arrow points. */
  readonly price: string
  /** Shown next to the arrow. */
  readonly text: string
}
