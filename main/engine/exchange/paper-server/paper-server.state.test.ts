import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Decimal } from '@shared/money/decimal'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startPaperServer, type PaperServer } from './paper-server'
import { publicRequest, signedRequest, TEST_KEY } from './stubs'

let folder: string
let server: PaperServer | undefined

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'paper-state-'))
})

afterEach(async () => {
  await server?.close()
  server = undefined
  await rm(folder, { recursive: true, force: true })
})

const start = (stateFile: string) =>
  startPaperServer({ apiKeys: [TEST_KEY], stateFile, sim: { balances: { USDT: '10000', BTC: '1' }, prices: { BTCUSDT: '100.00', ETHUSDT: '10.00' } } })

async function snapshot(paper: PaperServer): Promise<unknown[]> {
  const read = async (path: string, params: Record<string, string>) => (await signedRequest(paper, 'GET', path, params)).body
  return [
    await read('/api/v3/account', {}),
    await read('/api/v3/allOrders', { symbol: 'BTCUSDT' }),
    await read('/api/v3/myTrades', { symbol: 'BTCUSDT' }),
    await read('/api/v3/allOrderList', {}),
    (await publicRequest(paper, 'GET', '/api/v3/klines', { symbol: 'BTCUSDT', interval: '1m' })).body
  ]
}

describe('paper server state file', () => {
  it('rebuilds the account after a restart: balances, orders, fills, lists, cancel ids and klines', async () => {
    const file = join(folder, 'paper.json')
    const first = await start(file)
    server = first
    const buy = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.5', price: '99.00' }
    await signedRequest(first, 'POST', '/api/v3/order', { ...buy, newClientOrderId: 's1' })
    await signedRequest(first, 'POST', '/api/v3/order', { ...buy, price: '95.00', newClientOrderId: 's2' })
    first.trade('BTCUSDT', new Decimal('98.00'), new Decimal('1'))
    await signedRequest(first, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 's2', newClientOrderId: 's2-x' })
    await signedRequest(first, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.1' })
    await signedRequest(first, 'POST', '/api/v3/orderList/oco', {
      symbol: 'BTCUSDT', side: 'SELL', quantity: '0.3', listClientOrderId: 'L1', aboveType: 'LIMIT_MAKER', abovePrice: '120.00', belowType: 'STOP_LOSS', belowStopPrice: '80.00'
    })
    await new Promise((resolve) => setImmediate(resolve))
    const before = await snapshot(first)
    await first.close()

    const second = await start(file)
    server = second
    expect(await snapshot(second)).toEqual(before)
    const cancelled = (await signedRequest(second, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 's2' })).body
    expect(cancelled).toMatchObject({ status: 'CANCELED' })
    // The restored account keeps trading, and its new actions are kept too
    second.trade('BTCUSDT', new Decimal('121.00'), new Decimal('1'))
    await second.close()
    const third = await start(file)
    server = third
    const lists = (await signedRequest(third, 'GET', '/api/v3/allOrderList', {})).body as Record<string, unknown>[]
    expect(lists.map((list) => `${list['listClientOrderId']} ${list['listOrderStatus']}`)).toEqual(['L1 ALL_DONE'])
  })
})
