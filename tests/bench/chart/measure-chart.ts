import { resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { chromium, type CDPSession, type Page } from '@playwright/test'
import { buildBenchPage } from './build-bench-page'
import { CHART_BENCH_GLOBAL, type ChartBenchCounts, type ChartBenchPage, type ChartBenchShape, type ChartDrawnState } from './bench-protocol'
import { summarizeDurations, type DurationSummary } from './frame-summary'
import { serveFolder } from './serve-folder'

/** A frame this long or longer is a visible stutter. */
const FRAME_BUDGET_MS = 50
/** An update this long takes most of a 60 Hz frame. */
const UPDATE_BUDGET_MS = 16
/** How often the heap is read (without a collection) for its peak. */
const HEAP_SAMPLE_MS = 5_000
const MIB = 2 ** 20

/** How to run the chart bench. */
export interface ChartBenchOptions {
  /** How long to measure, after the warm-up. */
  readonly seconds: number
  /** How long the updates run before measuring, so JIT and first layouts are left out. */
  readonly warmUpSeconds: number
  readonly chromiumPath: string
  /** Told about progress now and then, for a person watching a long run. */
  readonly onProgress?: (message: string) => void
}

/** The figures of one chart bench run. */
export interface ChartBenchFigures {
  readonly browser: string
  readonly shape: ChartBenchShape
  readonly seconds: number
  /** Time between animation frames; over budget means over 50 ms. */
  readonly frames: DurationSummary
  /** Time of each update (React commit and chart calls); over budget means over 16 ms. */
  readonly updates: DurationSummary
  readonly updatesPerSecond: number
  readonly counts: ChartBenchCounts
  /** Share of the measured time the page's main thread was busy. */
  readonly mainThreadBusy: number
  /** Used JS heap after a forced collection, at the start and at the end, and its highest reading between. */
  readonly heapStartMiB: number
  readonly heapEndMiB: number
  readonly heapPeakMiB: number
  /** What the chart said it had drawn at the end. */
  readonly drawn: ChartDrawnState
}

async function heapUsedBytes(cdp: CDPSession, collectFirst: boolean): Promise<number> {
  if (collectFirst) await cdp.send('HeapProfiler.collectGarbage')
  const usage = await cdp.send('Runtime.getHeapUsage')
  return usage.usedSize
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN
}

type PageAction = 'start' | 'restartSamples' | 'stop'

/** Calls one of the bench page's controls. */
async function callPage<Action extends PageAction>(page: Page, action: Action): Promise<ReturnType<ChartBenchPage[Action]>> {
  const result = await page.evaluate(
    ([name, key]) => {
      const bench = (globalThis as unknown as Record<string, ChartBenchPage | undefined>)[name]
      if (bench === undefined) throw new Error('The bench page did not expose its controls')
      return bench[key]()
    },
    [CHART_BENCH_GLOBAL, action] as const
  )
  return result as ReturnType<ChartBenchPage[Action]>
}

/**
 * Builds the bench page, opens it in Chromium (headless, no GPU) and measures the PriceChart under
 * the page's update load for `seconds`: frame times from requestAnimationFrame inside the page,
 * update times, and the JS heap after forced collections. Fails if the page reports an error, a
 * Content-Security-Policy violation, or a chart that did not draw what it was given.
 */
export async function measureChart(options: ChartBenchOptions): Promise<ChartBenchFigures> {
  const progress = options.onProgress ?? (() => undefined)
  const outDir = resolve(__dirname, '..', '..', '..', '.tmp', 'chart-bench-page')
  progress('building the bench page')
  await buildBenchPage(outDir)
  const server = await serveFolder(outDir)
  const browser = await chromium.launch({
    executablePath: options.chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--enable-precise-memory-info']
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      // Browsers ask for /favicon.ico on their own; the page has none to serve there
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(message.text())
    })
    progress(`loading ${server.url}`)
    await page.goto(server.url)
    await page.waitForFunction((name) => name in globalThis, CHART_BENCH_GLOBAL, { timeout: 120_000 })
    const shape = await page.evaluate((name) => (globalThis as unknown as Record<string, ChartBenchPage>)[name]?.shape, CHART_BENCH_GLOBAL)
    if (shape === undefined) throw new Error('The bench page did not expose its shape')
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')

    await callPage(page, 'start')
    progress(`warming up for ${options.warmUpSeconds} s`)
    await sleep(options.warmUpSeconds * 1000)
    const heapStart = await heapUsedBytes(cdp, true)
    const busyStart = await taskSeconds(cdp)
    await callPage(page, 'restartSamples')
    const startedMs = Date.now()
    progress(`measuring for ${options.seconds} s`)

    let heapPeak = heapStart
    let nextProgressMs = startedMs + 60_000
    const endMs = startedMs + options.seconds * 1000
    while (Date.now() < endMs) {
      await sleep(Math.min(HEAP_SAMPLE_MS, Math.max(0, endMs - Date.now())))
      heapPeak = Math.max(heapPeak, await heapUsedBytes(cdp, false))
      if (Date.now() >= nextProgressMs) {
        progress(`${Math.round((Date.now() - startedMs) / 1000)} s of ${options.seconds} s, heap ${(heapPeak / MIB).toFixed(1)} MiB at most so far`)
        nextProgressMs += 60_000
      }
    }

    const samples = await callPage(page, 'stop')
    const busyEnd = await taskSeconds(cdp)
    const busyWindowSeconds = (Date.now() - startedMs) / 1000
    const heapEnd = await heapUsedBytes(cdp, true)

    if (errors.length > 0) throw new Error(`The bench page reported errors: ${errors.join('; ')}`)
    if (samples.cspViolations.length > 0) throw new Error(`The chart broke the Content-Security-Policy: ${samples.cspViolations.join('; ')}`)
    // The warm-up's new candles are not counted, so the chart holds at least this many
    const expectedCandles = shape.candles + samples.counts.appendedCandles
    if (samples.drawn.candles < expectedCandles || samples.drawn.levels !== shape.levels || samples.drawn.markers !== shape.markers || samples.drawn.lastClose === '') {
      throw new Error(`The chart did not draw what it was given: ${JSON.stringify(samples.drawn)} for ${JSON.stringify(shape)}`)
    }

    const elapsedSeconds = samples.elapsedMs / 1000
    return {
      browser: `Chromium ${browser.version()}`,
      shape,
      seconds: elapsedSeconds,
      frames: summarizeDurations(samples.frameDeltasMs, FRAME_BUDGET_MS),
      updates: summarizeDurations(samples.updateDurationsMs, UPDATE_BUDGET_MS),
      updatesPerSecond: samples.counts.updates / elapsedSeconds,
      counts: samples.counts,
      mainThreadBusy: (busyEnd - busyStart) / busyWindowSeconds,
      heapStartMiB: heapStart / MIB,
      heapEndMiB: heapEnd / MIB,
      heapPeakMiB: heapPeak / MIB,
      drawn: samples.drawn
    }
  } finally {
    await browser.close()
    await server.close()
  }
}
