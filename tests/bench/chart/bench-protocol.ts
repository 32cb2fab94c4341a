/** What the chart bench page and its Node driver exchange through `page.evaluate`; plain data only. */

/** The global the bench page installs once the chart is mounted. */
export const CHART_BENCH_GLOBAL = 'gridkeeperChartBench'

/** The size of the synthetic market the page draws, and how fast it changes. */
export interface ChartBenchShape {
  readonly candles: number
  readonly levels: number
  readonly markers: number
  readonly updatesPerSecond: number
  /** Simulated seconds each update moves the clock on; a new candle opens every simulated minute. */
  readonly simulatedSecondsPerUpdate: number
}

/** What the updates did since the samples were last restarted. */
export interface ChartBenchCounts {
  readonly updates: number
  readonly appendedCandles: number
  readonly levelChanges: number
  readonly newMarkers: number
}

/** What the chart reports it has drawn, read from its container's data attributes. */
export interface ChartDrawnState {
  readonly candles: number
  readonly levels: number
  readonly markers: number
  readonly lastClose: string
}

/** The raw samples of one measured stretch. */
export interface ChartBenchSamples {
  /** Time between consecutive animation frames, in milliseconds. */
  readonly frameDeltasMs: readonly number[]
  /** Time of each update: the React commit and the chart calls it makes, in milliseconds. */
  readonly updateDurationsMs: readonly number[]
  readonly elapsedMs: number
  readonly counts: ChartBenchCounts
  readonly drawn: ChartDrawnState
  /** Content-Security-Policy violations seen since the page loaded. */
  readonly cspViolations: readonly string[]
}

/** The controls the bench page exposes on `globalThis[CHART_BENCH_GLOBAL]`. */
export interface ChartBenchPage {
  readonly shape: ChartBenchShape
  /** Starts the updates and the frame recording. */
  start(): void
  /** Drops the samples and counts gathered so far (the warm-up) and keeps going. */
  restartSamples(): void
  /** Stops the updates and the frame recording and returns the samples since the last restart. */
  stop(): ChartBenchSamples
}
