/** What a grid level line stands for, which sets its colour and style. */
export type ChartLevelKind = 'buy' | 'sell' | 'empty' | 'held' | 'failed' | 'preview'

/** A horizontal price line of the chart: a grid level, or a planned level of the setup preview. */
export interface ChartLevel {
  /** Exact decimal text. */
  readonly price: string
  readonly kind: ChartLevelKind
  /** Shown on the line's price-axis label. */
  readonly title: string
}
