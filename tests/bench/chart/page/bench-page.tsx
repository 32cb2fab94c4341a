import { useSyncExternalStore } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { PriceChart } from '../../../../renderer/chart/price-chart'
import { CHART_BENCH_GLOBAL, type ChartBenchPage, type ChartBenchShape, type ChartDrawnState } from '../bench-protocol'
import { FrameRecorder } from './frame-recorder'
import { SyntheticMarket } from './synthetic-market'
import './bench-page.css'

/** Returns a whole number from the page address's query (`?candles=1000`), or `fallback`. */
function queryNumber(name: string, fallback: number): number {
  const value = Number(new URLSearchParams(location.search).get(name) ?? Number.NaN)
  return Number.isInteger(value) && value >= 0 ? value : fallback
}

/**
 * The product requirement's load: 50k candles, 200 price lines, 2k markers, 20 updates per second.
 * The page address can change each (`?candles=&levels=&markers=&rate=`) to see where time goes.
 */
const shape: ChartBenchShape = {
  candles: Math.max(1, queryNumber('candles', 50_000)),
  levels: queryNumber('levels', 200),
  markers: queryNumber('markers', 2_000),
  updatesPerSecond: Math.max(1, queryNumber('rate', 20)),
  simulatedSecondsPerUpdate: 1
}

const market = new SyntheticMarket({
  candles: shape.candles,
  levels: shape.levels,
  markers: shape.markers,
  simulatedSecondsPerUpdate: shape.simulatedSecondsPerUpdate,
  // A level changes kind every 2 s and a fill arrives every 5 s
  updatesPerLevelChange: 2 * shape.updatesPerSecond,
  updatesPerMarker: 5 * shape.updatesPerSecond
})

/** The chart as the app would mount it, fed from the synthetic market. */
function BenchChart() {
  const state = useSyncExternalStore(market.subscribe, market.snapshot)
  return <PriceChart candles={state.candles} levels={state.levels} markers={state.markers} stopLoss="59500.00" takeProfit="60500.00" label="BTCUSDT price chart" />
}

const cspViolations: string[] = []
document.addEventListener('securitypolicyviolation', (event) => cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`))

function drawnState(): ChartDrawnState {
  const chart = document.querySelector<HTMLElement>('[data-testid="price-chart"]')
  const data = chart?.dataset ?? {}
  return { candles: Number(data['candles']), levels: Number(data['levels']), markers: Number(data['markers']), lastClose: data['lastClose'] ?? '' }
}

const frames = new FrameRecorder()
let updateDurationsMs: number[] = []
let restartedAtMs = 0
let timer: ReturnType<typeof setInterval> | null = null

function update(): void {
  const startedMs = performance.now()
  // flushSync makes the React commit and the chart calls happen here, so they can be timed
  flushSync(() => market.step())
  updateDurationsMs.push(performance.now() - startedMs)
}

const page: ChartBenchPage = {
  shape,
  start() {
    if (timer !== null) return
    this.restartSamples()
    frames.start()
    timer = setInterval(update, 1000 / shape.updatesPerSecond)
  },
  restartSamples() {
    frames.take()
    updateDurationsMs = []
    market.resetCounts()
    restartedAtMs = performance.now()
  },
  stop() {
    if (timer !== null) clearInterval(timer)
    timer = null
    frames.stop()
    const samples = {
      frameDeltasMs: frames.take(),
      updateDurationsMs,
      elapsedMs: performance.now() - restartedAtMs,
      counts: market.counts(),
      drawn: drawnState(),
      cspViolations: [...cspViolations]
    }
    updateDurationsMs = []
    return samples
  }
}

const container = document.getElementById('root')
if (container === null) throw new Error('The bench page has no #root element')
flushSync(() => createRoot(container).render(<BenchChart />))
Object.defineProperty(globalThis, CHART_BENCH_GLOBAL, { value: page })
