import { Decimal } from '@shared/money/decimal'
import { afterEach, describe, expect, it } from 'vitest'
import { startPaperServer, type PaperServer } from './paper-server'
import { openSocket, publicRequest } from './stubs'

let server: PaperServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('price sources', () => {
  it('a synthetic market moves prices on the server’s clock and streams its trades', async () => {
    server = await startPaperServer({ priceSource: { kind: 'synthetic', intervalMs: 5 }, seed: 3 })
    const socket = await openSocket(`${server.wsUrl}/ws/btcusdt@trade`)
    try {
      const first = await socket.waitFor((frame) => frame['e'] === 'trade')
      expect(first).toMatchObject({ s: 'BTCUSDT' })
      await socket.waitFor((frame) => frame['e'] === 'trade' && (frame['t'] as number) >= (first['t'] as number) + 3)
    } finally {
      socket.close()
    }
  })

  it('replays klines at a speed factor', async () => {
    const minute = 60_000
    const start = Date.UTC(2025, 0, 1)
    const candle = (index: number, close: string) => ({
      symbol: 'BTCUSDT',
      openTimeMs: start + index * minute,
      closeTimeMs: start + (index + 1) * minute - 1,
      open: new Decimal('100'),
      high: new Decimal('105'),
      low: new Decimal('95'),
      close: new Decimal(close),
      volume: new Decimal('4'),
      closed: true
    })
    server = await startPaperServer({ priceSource: { kind: 'replay', candles: [candle(0, '101'), candle(1, '99')], speed: 6000 } })
    const deadline = Date.now() + 3000
    let price = ''
    while (Date.now() < deadline && price !== '99.00000000') {
      price = ((await publicRequest(server, 'GET', '/api/v3/ticker/price', { symbol: 'BTCUSDT' })).body as { price: string }).price
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(price).toBe('99.00000000')
  })
})
