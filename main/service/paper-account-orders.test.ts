import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { paperAccountOrders } from './paper-account-orders'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function file(content: string): string {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const folder = mkdtempSync(join(process.cwd(), '.tmp', 'paper-account-'))
  folders.push(folder)
  const path = join(folder, 'account.json')
  writeFileSync(path, content)
  return path
}

const header = { version: 2, balances: { USDT: '10000' }, prices: {}, makerFee: '0.001', takerFee: '0.001' }

describe('paperAccountOrders', () => {
  it('counts the orders and OCO lists placed on the account and names their bots', () => {
    const entries = [
      { k: 'bar', t: 1, s: 'BTCUSDT', o: '1', h: '1', l: '1', c: '1', v: '0', qv: '0', n: 1, tbv: '0', tqv: '0', lq: '0', m: false },
      { k: 'place', t: 2, order: { symbol: 'BTCUSDT', clientOrderId: 'gk-grid1-A-1', side: 'BUY', type: 'MARKET' } },
      { k: 'place', t: 3, order: { symbol: 'BTCUSDT', clientOrderId: 'gk-grid1-4B-1', side: 'BUY', type: 'LIMIT' } },
      { k: 'oco', t: 4, list: { s: 'BTCUSDT', id: 'gk-g2-X-1', side: 'SELL', q: '1', above: { clientOrderId: 'gk-g2-X-2' }, below: { clientOrderId: 'gk-g2-X-3' } } },
      { k: 'place', t: 5, order: { symbol: 'BTCUSDT', clientOrderId: 'by-hand-1', side: 'BUY', type: 'LIMIT' } },
      { k: 'cancel', t: 6, s: 'BTCUSDT', orderId: '2', cancelId: 'c' }
    ]
    expect(paperAccountOrders(file(JSON.stringify({ header, entries })))).toEqual({ kind: 'orders', count: 4, botIds: ['grid1', 'g2'] })
  })

  it('finds none in a missing account or one where only the market moved, and says when the file is not an account', () => {
    expect(paperAccountOrders('/nonexistent/account.json')).toEqual({ kind: 'none' })
    expect(paperAccountOrders(file(JSON.stringify({ header, entries: [{ k: 'trade', t: 1, s: 'BTCUSDT', p: '1', q: '1' }] })))).toEqual({ kind: 'none' })
    expect(paperAccountOrders(file('{"header": '))).toEqual({ kind: 'unreadable' })
    expect(paperAccountOrders(file('{"entries": 3}'))).toEqual({ kind: 'unreadable' })
  })
})
