import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { openJournal } from '../engine/journal'
import type { FillRecord } from '../engine/journal/journal-records'
import { BotProfit } from './bot-profit'
import { splitProfit } from './profit'

const ASSETS = { baseAsset: 'BTC', quoteAsset: 'USDT' }
const START = { quote: new Decimal(1000), base: new Decimal(0), startPrice: new Decimal(100) }

function fill(tradeId: number, timeMs: number, side: 'BUY' | 'SELL', price: string): FillRecord {
  return {
    symbol: 'BTCUSDT', tradeId: String(tradeId), orderId: String(tradeId), clientOrderId: `c${tradeId}`, botId: 'b1', side, price, quantity: '1',
    quoteQuantity: price, commission: side === 'BUY' ? '0.001' : new Decimal(price).mul('0.001').toFixed(), commissionAsset: side === 'BUY' ? 'BTC' : 'USDT',
    isMaker: true, timeMs, counterIntentId: null, hedgeNote: null
  }
}

function journalWith() {
  const journal = openJournal(':memory:')
  journal.saveBot({ botId: 'b1', symbol: 'BTCUSDT', configJson: '{}', status: 'running', createdAtMs: 0, updatedAtMs: 0 })
  return journal
}

describe('BotProfit', () => {
  it('folds only the fills that arrived since the last view, and agrees with a fold of everything', () => {
    const journal = journalWith()
    const profit = new BotProfit()
    const recorded: FillRecord[] = []
    const add = (record: FillRecord) => {
      journal.recordFill(record)
      recorded.push(record)
    }
    add(fill(1, 1_000, 'BUY', '100'))
    add(fill(2, 2_000, 'SELL', '110'))
    const price = new Decimal('105')
    expect(profit.view(journal, 'b1', START, ASSETS, price)).toEqual(splitProfit(START, recorded, 'BTC', 'USDT', price))
    // Two more at the same time as each other, one at the time of the last one folded
    add(fill(3, 2_000, 'BUY', '104'))
    add(fill(4, 3_000, 'BUY', '99'))
    add(fill(5, 3_000, 'SELL', '101'))
    expect(profit.view(journal, 'b1', START, ASSETS, price)).toEqual(splitProfit(START, recorded, 'BTC', 'USDT', price))
    expect(profit.view(journal, 'b1', START, ASSETS, new Decimal(90))).toEqual(splitProfit(START, recorded, 'BTC', 'USDT', new Decimal(90)))
  })

  it('folds everything again when a fill arrives out of time order (found late by a reconciliation)', () => {
    const journal = journalWith()
    const profit = new BotProfit()
    journal.recordFill(fill(1, 1_000, 'BUY', '100'))
    journal.recordFill(fill(3, 3_000, 'SELL', '120'))
    profit.view(journal, 'b1', START, ASSETS, new Decimal(110))
    const late = fill(2, 2_000, 'BUY', '90')
    journal.recordFill(late)
    expect(profit.view(journal, 'b1', START, ASSETS, new Decimal(110))).toEqual(splitProfit(START, journal.listFills('b1'), 'BTC', 'USDT', new Decimal(110)))
  })

  it('starts again when the bot\'s starting holdings change', () => {
    const journal = journalWith()
    const profit = new BotProfit()
    journal.recordFill(fill(1, 1_000, 'BUY', '100'))
    profit.view(journal, 'b1', START, ASSETS, new Decimal(100))
    const other = { ...START, quote: new Decimal(2000) }
    expect(profit.view(journal, 'b1', other, ASSETS, new Decimal(100))).toEqual(splitProfit(other, journal.listFills('b1'), 'BTC', 'USDT', new Decimal(100)))
  })
})

describe('the journal\'s fill queries', () => {
  it('counts, gives the first, the latest and those from a time, in trade time order', () => {
    const journal = journalWith()
    for (const [id, time] of [[1, 3_000], [2, 1_000], [3, 2_000], [4, 2_000]] as const) journal.recordFill(fill(id, time, 'BUY', '100'))
    expect(journal.countFills('b1')).toBe(4)
    expect(journal.firstFill('b1')?.tradeId).toBe('2')
    expect(journal.listLatestFills('b1', 3).map((entry) => entry.tradeId)).toEqual(['3', '4', '1'])
    expect(journal.listFillsFrom('b1', 2_000).map((entry) => entry.tradeId)).toEqual(['3', '4', '1'])
    expect(journal.countFills('nobody')).toBe(0)
    expect(journal.firstFill('nobody')).toBeUndefined()
  })
})
