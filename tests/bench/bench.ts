import { measureOrderRoundTrips } from '../../main/engine/exchange/paper-server/order-round-trip-bench'
import { measureFillToCounter } from './fill-latency-bench'

/**
 * `npm run bench`: the speed figures of the exchange path on loopback. Prints them; asserts
 * nothing (the machines are noisy, and tests never assert wall-clock speed).
 */
async function main(): Promise<void> {
  const trips = await measureOrderRoundTrips(1000)
  process.stdout.write(`signed order round trips per second on loopback (place + cancel, HMAC): raw fetch ${trips.rawFetchPerSecond.toFixed(0)}/s, binance SDK ${trips.sdkPerSecond.toFixed(0)}/s\n`)
  const latency = await measureFillToCounter(200)
  const ms = (value: number) => `${value.toFixed(1)} ms`
  process.stdout.write(
    `fill → counter-order through the engine and BinanceExchange (${latency.samples} fills): p50 ${ms(latency.p50)}, p90 ${ms(latency.p90)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)}\n`
  )
  process.stdout.write(`resident memory after the run: ${latency.rssMiB.toFixed(0)} MiB\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
