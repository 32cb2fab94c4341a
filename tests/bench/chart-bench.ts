import { measureChart } from './chart/measure-chart'

/** How long the chart bench measures unless told otherwise: the product requirement's 10 minutes. */
const DEFAULT_SECONDS = 600

function benchSeconds(): number {
  const text = process.env['GRIDKEEPER_CHART_BENCH_SECONDS']
  if (text === undefined || text === '') return DEFAULT_SECONDS
  const seconds = Number(text)
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`GRIDKEEPER_CHART_BENCH_SECONDS must be a positive number of seconds, not '${text}'`)
  return seconds
}

/**
 * The chart part of `npm run bench`: the PriceChart with 50k candles, 200 price lines and 2k
 * markers under 20 updates per second in Debian's Chromium, for 10 minutes
 * (GRIDKEEPER_CHART_BENCH_SECONDS shortens it for a try-out; CHROMIUM_PATH picks the browser).
 * Prints frame-time percentiles and heap growth; asserts no speed (machines are noisy).
 */
async function main(): Promise<void> {
  const figures = await measureChart({
    seconds: benchSeconds(),
    warmUpSeconds: 5,
    chromiumPath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    onProgress: (message) => process.stderr.write(`chart bench: ${message}\n`)
  })
  const ms = (value: number) => `${value.toFixed(1)} ms`
  const mib = (value: number) => `${value.toFixed(1)} MiB`
  const count = (value: number) => value.toLocaleString('en-US')
  const { shape, frames, updates, counts } = figures
  process.stdout.write(
    `chart frame time (${count(shape.candles)} 1m candles, ${shape.levels} price lines, ${count(shape.markers)} markers, ${shape.updatesPerSecond} updates/s for ${figures.seconds.toFixed(0)} s; ${figures.browser} headless, no GPU): p50 ${ms(frames.p50)}, p90 ${ms(frames.p90)}, p99 ${ms(frames.p99)}, max ${ms(frames.max)}, ${count(frames.overBudget)} of ${count(frames.count)} frames over 50 ms\n`
  )
  process.stdout.write(
    `chart update (React commit + chart calls; ${count(counts.updates)} updates at ${figures.updatesPerSecond.toFixed(1)}/s: ${counts.appendedCandles} new candles, ${counts.levelChanges} level changes, ${counts.newMarkers} new markers): p50 ${ms(updates.p50)}, p99 ${ms(updates.p99)}, max ${ms(updates.max)}; page main thread busy ${(figures.mainThreadBusy * 100).toFixed(0)}%\n`
  )
  const growth = figures.heapEndMiB - figures.heapStartMiB
  process.stdout.write(
    `chart JS heap after a forced GC: ${mib(figures.heapStartMiB)} at start, ${mib(figures.heapEndMiB)} at end, growth ${growth >= 0 ? '+' : ''}${mib(growth)} (highest reading between: ${mib(figures.heapPeakMiB)})\n`
  )
}

main().catch((error: unknown) => {
  process.stderr.write(`chart bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
