import { measureOrderRoundTrips } from '../../main/engine/exchange/paper-server/order-round-trip-bench'
import { measureAppBacktest } from './app-backtest-bench'
import { measureBacktests } from './backtest-bench'
import { measureFillToCounter } from './fill-latency-bench'
import { median } from './median'
import { measureRestart } from './restart-bench'

const RUNS = Number(process.env['GRIDKEEPER_BENCH_RUNS'] ?? 3)

/**
 * `npm run bench`: the speed figures, each named, medians over several runs (GRIDKEEPER_BENCH_RUNS,
 * 3 by default). Prints them; asserts nothing (the machines are noisy, and tests never assert
 * wall-clock speed). The chart's frame times and the journal's write rate follow as their own steps.
 */
async function main(): Promise<void> {
  const write = (text: string) => void process.stdout.write(`${text}\n`)
  const count = (value: number) => Math.round(value).toLocaleString('en-US')
  await measureBacktests(RUNS, (figure) =>
    write(`backtest candles per second, ${figure.name}: ${count(figure.candlesPerSecond)}/s (${count(figure.candles)} candles, 10-level grid, ${figure.fills} fills, ${figure.incidents} incidents; median of ${figure.runs})`)
  )
  const app = await measureAppBacktest()
  write(
    `backtest in the app, a year of 1m candles from a local klines server (${count(app.candles)} candles, ${count(app.fills)} fills): ${(app.totalMs / 1000).toFixed(1)} s (download and reading ${(app.downloadAndReadMs / 1000).toFixed(1)} s, run and result ${(app.runMs / 1000).toFixed(1)} s), ${app.updates} updates, longest event-loop block ${app.longestBlockMs.toFixed(0)} ms`
  )
  const restart = await measureRestart(RUNS)
  write(`restart reconcile time with ${restart.openOrders} open orders: ${restart.medianMs.toFixed(0)} ms (median of ${RUNS})`)
  const trips: Awaited<ReturnType<typeof measureOrderRoundTrips>>[] = []
  for (let run = 0; run < RUNS; run += 1) trips.push(await measureOrderRoundTrips(1000))
  write(`paper-server signed order round trips per second on loopback (place + cancel, HMAC): raw fetch ${count(median(trips.map((trip) => trip.rawFetchPerSecond)))}/s, binance SDK ${count(median(trips.map((trip) => trip.sdkPerSecond)))}/s (median of ${RUNS})`)
  const latencies: Awaited<ReturnType<typeof measureFillToCounter>>[] = []
  for (let run = 0; run < RUNS; run += 1) latencies.push(await measureFillToCounter(200))
  const ms = (pick: (latency: (typeof latencies)[number]) => number) => `${median(latencies.map(pick)).toFixed(1)} ms`
  write(`fill → counter-order through the engine and BinanceExchange (${RUNS} runs of 200 fills, medians): p50 ${ms((l) => l.p50)}, p90 ${ms((l) => l.p90)}, p99 ${ms((l) => l.p99)}, max ${ms((l) => l.max)}`)
  write(`resident memory after the runs: ${Math.max(...latencies.map((latency) => latency.rssMiB)).toFixed(0)} MiB`)
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
