import { createHmac } from 'node:crypto'
import { MainClient } from 'binance'
import { startPaperServer } from './paper-server'

/** Figures of one benchmark run. */
export interface RoundTripFigures {
  readonly rawFetchPerSecond: number
  readonly sdkPerSecond: number
}

/**
 * Measures signed order round trips per second on loopback: a LIMIT placed then cancelled, each
 * request signed with HMAC, first with raw fetch (keep-alive), then with the `binance` SDK's
 * MainClient. Prints figures; it asserts nothing. Run: `tsx main/engine/exchange/paper-server/order-round-trip-bench.ts`.
 */
export async function measureOrderRoundTrips(pairs = 1000): Promise<RoundTripFigures> {
  const key = { apiKey: 'bench', secret: 'bench-secret' }
  const server = await startPaperServer({
    apiKeys: [key],
    weights: { ordersPer10Seconds: 1_000_000, ordersPerDay: 10_000_000, requestWeightPerMinute: 10_000_000 },
    sim: { balances: { USDT: '100000000', BTC: '0' }, prices: { BTCUSDT: '100.00', ETHUSDT: '10.00' } }
  })
  try {
    const signed = async (method: string, params: string) => {
      const payload = `${params}&timestamp=${Date.now()}`
      const signature = createHmac('sha256', key.secret).update(payload).digest('hex')
      const response = await fetch(`${server.restUrl}/api/v3/order?${payload}&signature=${signature}`, { method, headers: { 'X-MBX-APIKEY': key.apiKey } })
      if (response.status !== 200) throw new Error(`bench request failed: ${response.status} ${await response.text()}`)
      return (await response.json()) as { orderId: number }
    }
    let started = performance.now()
    for (let index = 0; index < pairs; index += 1) {
      const order = await signed('POST', `symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=90.00&newOrderRespType=ACK`)
      await signed('DELETE', `symbol=BTCUSDT&orderId=${order.orderId}`)
    }
    const rawFetchPerSecond = (2 * pairs) / ((performance.now() - started) / 1000)

    const client = new MainClient({ baseUrl: server.restUrl, api_key: key.apiKey, api_secret: key.secret, beautifyResponses: false })
    started = performance.now()
    for (let index = 0; index < pairs; index += 1) {
      const order = (await client.submitNewOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.1' as unknown as number, price: '90.00' as unknown as number, newOrderRespType: 'ACK' })) as { orderId: number }
      await client.cancelOrder({ symbol: 'BTCUSDT', orderId: order.orderId })
    }
    const sdkPerSecond = (2 * pairs) / ((performance.now() - started) / 1000)
    return { rawFetchPerSecond, sdkPerSecond }
  } finally {
    await server.close()
  }
}

if (process.argv[1]?.endsWith('order-round-trip-bench.ts') === true) {
  measureOrderRoundTrips().then(
    (figures) => process.stdout.write(`signed order round trips per second on loopback: raw fetch ${figures.rawFetchPerSecond.toFixed(0)}, binance SDK ${figures.sdkPerSecond.toFixed(0)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`)
      process.exitCode = 1
    }
  )
}
