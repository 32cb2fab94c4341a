import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { clientOrderId, venueOrderId } from '../exchange/port/identifiers'
import type { FillRecord, IntentRecord } from '../journal'
import { fillRecord } from '../journal/stubs'
import type { Order } from './order'
import { OrderTracker } from './order-tracker'
import { executionEvent, orderWorld, TEST_BOT_ID, venueFill, venueReport, type OrderWorld } from './stubs'

const ID = 'bot-1_L3_B_1'
const d = (value: string) => new Decimal(value)
const text = (value: Decimal | undefined) => value?.toFixed()

/** The BUY 0.01 at 59000 after trades of 0.004 (trade 7) and then 0.006 (trade 8). */
const partly = venueReport({ status: 'PARTIALLY_FILLED', executedQty: d('0.004'), cumulativeQuoteQty: d('236') })
const full = venueReport({ status: 'FILLED', executedQty: d('0.01'), cumulativeQuoteQty: d('590') })
const trade7 = venueFill('7', '0.004')
const trade8 = venueFill('8', '0.006')

function events(world: OrderWorld, id = ID): string[] {
  return world.journal.listOrderEvents(id).map((event) => `${event.eventType} ${event.status} ${event.executedQty}`)
}

function intentOf(world: OrderWorld, id = ID): IntentRecord {
  const intent = world.journal.getIntent(id)
  if (intent === undefined) throw new Error(`no intent ${id}`)
  return intent
}

/** What a bot owns and has locked, as text: [BTC owned, USDT owned, BTC locked, USDT locked]. */
function book(world: OrderWorld): (string | undefined)[] {
  const { ledger } = world
  return [ledger.owned(TEST_BOT_ID, 'BTC'), ledger.owned(TEST_BOT_ID, 'USDT'), ledger.lockedBy(TEST_BOT_ID, 'BTC'), ledger.lockedBy(TEST_BOT_ID, 'USDT')].map(text)
}

function summary(order: Order | undefined) {
  return order === undefined
    ? undefined
    : { status: order.status, venueOrderId: order.venueOrderId, filled: text(order.filledQuantity), quote: text(order.filledQuote), trades: [...order.tradeIds].sort() }
}

/** Records every listener call of a tracker. */
function listen(world: OrderWorld) {
  const fills: FillRecord[] = []
  const closed: { status: string; intentStatus: string }[] = []
  world.tracker.addListener({
    onFill: (fill) => fills.push(fill),
    onClosed: (order, intent) => closed.push({ status: order.status, intentStatus: intent.status })
  })
  return { fills, closed }
}

describe('OrderTracker reports and events', () => {
  it('ends an order the exchange reports FILLED short of its quantity (the rest prevented from a self-trade) as expired, by report and by event', async () => {
    // Self-trade prevention (DECREMENT) took 0.006 out of the book; the 0.004 traded is all the order did
    const short = venueReport({ status: 'FILLED', executedQty: d('0.004'), cumulativeQuoteQty: d('236'), preventedQuantity: d('0.006') })
    const byReport = await orderWorld()
    byReport.addIntent()
    byReport.tracker.markSubmitted(ID)
    const closed = listen(byReport).closed
    byReport.tracker.applyReport({ ...short, fills: [trade7] })
    expect(summary(byReport.tracker.order(ID))).toMatchObject({ status: 'EXPIRED', filled: '0.004' })
    expect(closed.map((entry) => entry.status)).toEqual(['EXPIRED'])

    const byEvent = await orderWorld()
    byEvent.addIntent()
    byEvent.tracker.markSubmitted(ID)
    byEvent.tracker.applyExecution(executionEvent('NEW', venueReport()))
    byEvent.tracker.applyExecution(executionEvent('TRADE', short, trade7))
    expect(summary(byEvent.tracker.order(ID))).toMatchObject({ status: 'EXPIRED', filled: '0.004' })
    expect(intentOf(byEvent).status).toBe('done')
  })

  it('applies a report through the transition table, stores its events once and keeps the intent in step', async () => {
    const world = await orderWorld()
    world.addIntent()

    world.tracker.markSubmitted(ID)
    const order = world.tracker.applyReport(venueReport())

    expect(summary(order)).toEqual({ status: 'ACCEPTED', venueOrderId: '1000', filled: '0', quote: '0', trades: [] })
    expect(events(world)).toEqual(['OrderSubmitted SUBMITTED 0', 'OrderAccepted ACCEPTED 0'])
    expect([intentOf(world).status, intentOf(world).venueOrderId]).toEqual(['placed', '1000'])
    // The response and the stream both report the acceptance; a query repeats it
    world.tracker.applyExecution(executionEvent('NEW', venueReport()))
    world.tracker.applyReport(venueReport())
    world.tracker.markSubmitted(ID)
    expect(events(world)).toHaveLength(2)
    expect(world.tracker.order(ID)?.status).toBe('ACCEPTED')
  })

  it('records a fill once and books it to the bot share once, however often and by whatever route it is reported', async () => {
    const world = await orderWorld()
    world.addIntent()
    const { fills } = listen(world)
    world.tracker.applyReport(venueReport())

    world.tracker.applyExecution(executionEvent('TRADE', partly, trade7))
    world.tracker.applyExecution(executionEvent('TRADE', partly, trade7))
    world.tracker.applyFills([trade7])
    world.tracker.applyReport({ ...partly, fills: [trade7] })

    expect(summary(world.tracker.order(ID))).toEqual({ status: 'PARTIALLY_FILLED', venueOrderId: '1000', filled: '0.004', quote: '236', trades: ['7'] })
    expect(world.journal.listFills(TEST_BOT_ID).map((fill) => [fill.tradeId, fill.clientOrderId, fill.side, fill.price, fill.quantity, fill.quoteQuantity, fill.commission])).toEqual([
      ['7', ID, 'BUY', '59000', '0.004', '236', '0.000004']
    ])
    expect(events(world)).toEqual(['OrderAccepted ACCEPTED 0', 'OrderFilled PARTIALLY_FILLED 0.004'])
    expect(fills.map((fill) => fill.tradeId)).toEqual(['7'])
    // 0.05 + 0.004 - 0.000004 commission; 1000 - 236; the rest 0.006 × 59000 stays locked
    expect(book(world)).toEqual(['0.053996', '764', '0', '354'])
  })

  it('neither books nor announces a fill the journal already holds', async () => {
    const world = await orderWorld()
    world.addIntent()
    const { fills } = listen(world)
    world.tracker.applyReport(venueReport())
    // Recorded by an earlier process that stopped before it stored the order's event
    world.journal.recordFill(fillRecord({ tradeId: '7', orderId: '1000', clientOrderId: ID, price: '59000', quantity: '0.004', quoteQuantity: '236', commission: '0.000004' }))

    const order = world.tracker.applyExecution(executionEvent('TRADE', partly, trade7))

    expect([order?.status, text(order?.filledQuantity)]).toEqual(['PARTIALLY_FILLED', '0.004'])
    expect([world.journal.listFills(TEST_BOT_ID).length, fills]).toEqual([1, []])
    expect(book(world)).toEqual(['0.05', '1000', '0', '354'])
  })

  it('books a SELL fill the other way round: base out, quote in, commission in quote', async () => {
    const world = await orderWorld()
    const id = world.addIntent({ intentId: 'bot-1_L5_S_1', level: 5, side: 'SELL', price: '61000' })
    const sell = { clientOrderId: clientOrderId('bot-1_L5_S_1'), side: 'SELL' as const, price: d('61000') }
    world.tracker.applyReport(venueReport({ ...sell, orderId: venueOrderId('1001') }))
    world.tracker.applyFills([venueFill('9', '0.01', { ...sell, orderId: venueOrderId('1001'), commission: d('0.61'), commissionAsset: 'USDT' })])

    expect(world.tracker.order(id)?.status).toBe('FILLED')
    expect(book(world)).toEqual(['0.04', '1609.39', '0', '0'])
    expect(intentOf(world, id).status).toBe('done')
  })

  it('books a commission paid in BNB to no bot, and records its value in the quote asset when BNB\'s price is known', async () => {
    const world = await orderWorld()
    const tracker = new OrderTracker({
      journal: world.journal, ledger: world.ledger, rules: world.rules, logger: world.logger, nowMs: () => world.clock.nowMs(),
      feeValue: (asset, quote, amount) => (asset === 'BNB' && quote === 'USDT' ? amount.mul('600') : undefined)
    })
    world.addIntent()
    tracker.applyReport(venueReport())
    tracker.applyFills([venueFill('7', '0.004', { clientOrderId: clientOrderId(ID), commission: d('0.0003'), commissionAsset: 'BNB' })])

    // 0.004 BTC in, 236 USDT out; the BNB came from the account, not from the bot's share
    expect(book(world).slice(0, 2)).toEqual(['0.054', '764'])
    expect(text(world.ledger.owned(TEST_BOT_ID, 'BNB'))).toBe('0')
    expect(world.journal.getFill('BTCUSDT', '7')?.commissionQuote).toBe('0.18')
  })

  it('keeps the lock of an open order at its unfilled rest: price × quantity of quote for a BUY, base for a SELL', async () => {
    const world = await orderWorld()
    world.addIntent()
    const sellId = world.addIntent({ intentId: 'bot-1_L5_S_1', level: 5, side: 'SELL', price: '61000' })
    const sell = venueReport({ clientOrderId: clientOrderId(sellId), orderId: venueOrderId('1001'), side: 'SELL', price: d('61000') })

    world.tracker.markSubmitted(ID)
    expect(book(world)).toEqual(['0.05', '1000', '0', '0'])
    world.tracker.applyReport(venueReport())
    world.tracker.applyReport(sell)
    expect(book(world)).toEqual(['0.05', '1000', '0.01', '590'])

    world.tracker.applyExecution(executionEvent('TRADE', partly, trade7))
    world.tracker.applyExecution(
      executionEvent('TRADE', { ...sell, status: 'PARTIALLY_FILLED', executedQty: d('0.004') }, venueFill('9', '0.004', { clientOrderId: sell.clientOrderId, orderId: sell.orderId, side: 'SELL', price: d('61000') }))
    )
    expect(book(world).slice(2)).toEqual(['0.006', '354'])

    world.tracker.applyExecution(executionEvent('TRADE', full, trade8))
    world.tracker.applyExecution(executionEvent('CANCELED', { ...sell, status: 'CANCELED', executedQty: d('0.004') }))
    expect(book(world).slice(2)).toEqual(['0', '0'])
    expect([intentOf(world).status, intentOf(world, sellId).status]).toEqual(['done', 'done'])
  })

  it('holds no lock for a MARKET order, whose cost is not known until it fills', async () => {
    const world = await orderWorld()
    world.addIntent({ type: 'MARKET', price: null })
    world.tracker.applyReport(venueReport({ type: 'MARKET', price: d('0') }))
    expect([world.tracker.order(ID)?.status, ...book(world).slice(2)]).toEqual(['ACCEPTED', '0', '0'])
  })

  it('marks a reservation accepted only once the exchange took the order, and by which route', async () => {
    const world = await orderWorld({ share: { USDT: '2000', BTC: '0' } })
    const viaResponse = world.addIntent()
    const viaEvent = world.addIntent({ intentId: 'bot-1_L4_B_1', level: 4 })
    const { ledger, tracker } = world
    for (const id of [viaResponse, viaEvent]) {
      expect(ledger.reserve(id, TEST_BOT_ID, 'USDT', d('590')).ok).toBe(true)
      tracker.markSubmitted(id)
    }
    const snapshot = await world.sim.account()
    const balances = [...snapshot.balances.values()]

    // Sent but not taken: no observation releases the reservations
    ledger.observeSnapshot(snapshot, tracker.nextSeq())
    expect([ledger.isReserved(viaResponse), ledger.isReserved(viaEvent)]).toEqual([true, true])

    const beforeAcceptance = tracker.nextSeq()
    tracker.applyReport(venueReport())
    tracker.applyExecution(executionEvent('NEW', venueReport({ clientOrderId: clientOrderId(viaEvent), orderId: venueOrderId('1001') })))
    // Accepted orders hold the bot's funds by their locks now, not twice
    expect(text(ledger.available(TEST_BOT_ID, 'USDT'))).toBe('820')

    // Balances observed before the acceptance cannot show the orders
    ledger.observeSnapshot(snapshot, beforeAcceptance)
    expect([ledger.isReserved(viaResponse), ledger.isReserved(viaEvent)]).toEqual([true, true])
    // A balances event shows only what the stream reported before it
    ledger.observeBalances(balances, tracker.nextSeq())
    expect([ledger.isReserved(viaResponse), ledger.isReserved(viaEvent)]).toEqual([true, false])
    ledger.observeSnapshot(snapshot, tracker.nextSeq())
    expect([ledger.isReserved(viaResponse), ledger.isReserved(viaEvent)]).toEqual([false, false])
  })

  it('closes a rejected order: REJECTED, intent rejected, reservation released, no acceptance', async () => {
    const world = await orderWorld()
    world.addIntent()
    const { closed } = listen(world)
    world.ledger.reserve(ID, TEST_BOT_ID, 'USDT', d('590'))
    world.tracker.markSubmitted(ID)

    world.tracker.markRejected(ID, '-2010 Order would immediately match and take.')

    expect(events(world)).toEqual(['OrderSubmitted SUBMITTED 0', 'OrderRejected REJECTED 0'])
    expect([world.tracker.order(ID)?.status, intentOf(world).status, world.ledger.isReserved(ID)]).toEqual(['REJECTED', 'rejected', false])
    expect(closed).toEqual([{ status: 'REJECTED', intentStatus: 'rejected' }])
  })

  it('closes an order the stream reports REJECTED without taking it as accepted', async () => {
    const world = await orderWorld()
    world.addIntent()
    world.tracker.markSubmitted(ID)

    const order = world.tracker.applyExecution(executionEvent('REJECTED', venueReport({ status: 'REJECTED' })))

    expect([order?.status, order?.venueOrderId, intentOf(world).status]).toEqual(['REJECTED', undefined, 'rejected'])
    expect(book(world).slice(2)).toEqual(['0', '0'])
  })

  it('closes an order the exchange expired, with its reason', async () => {
    const world = await orderWorld()
    world.addIntent()
    world.tracker.applyReport(venueReport({ status: 'EXPIRED', expiryReason: 'TIME_IN_FORCE' }))
    expect([world.tracker.order(ID)?.status, intentOf(world).status, book(world)[3]]).toEqual(['EXPIRED', 'done', '0'])
    expect(world.tracker.order(ID)?.events.at(-1)).toMatchObject({ type: 'OrderExpired', reason: 'TIME_IN_FORCE' })
  })

  it('ignores, with a warning, an event that names another exchange order', async () => {
    const world = await orderWorld()
    world.addIntent()
    world.tracker.applyReport(venueReport())

    world.tracker.applyExecution(executionEvent('TRADE', { ...partly, orderId: venueOrderId('2000') }, venueFill('7', '0.004', { orderId: venueOrderId('2000') })))

    expect([world.tracker.order(ID)?.status, world.journal.listFills(TEST_BOT_ID)]).toEqual(['ACCEPTED', []])
    expect(events(world)).toEqual(['OrderAccepted ACCEPTED 0'])
    // Both the event's acceptance and its fill name order 2000
    expect(world.logger.lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
      'order event ignored: bot-1_L3_B_1: event for exchange order 2000, but this order is 1000',
      'order event ignored: bot-1_L3_B_1: event for exchange order 2000, but this order is 1000'
    ])
  })

  it('returns undefined for an order that is not ours and writes nothing', async () => {
    const world = await orderWorld()
    world.addIntent()
    const { fills, closed } = listen(world)
    const stranger = venueReport({ clientOrderId: clientOrderId('stranger-1'), status: 'FILLED', executedQty: d('0.01') })

    expect(world.tracker.applyReport(stranger)).toBeUndefined()
    expect(world.tracker.applyExecution(executionEvent('TRADE', stranger, venueFill('9', '0.01', { clientOrderId: stranger.clientOrderId })))).toBeUndefined()
    world.tracker.applyFills([venueFill('10', '0.01', { clientOrderId: stranger.clientOrderId })])

    expect([world.tracker.order('stranger-1'), world.journal.getIntent('stranger-1')]).toEqual([undefined, undefined])
    expect([world.journal.listOrderEvents('stranger-1'), world.journal.listFills(TEST_BOT_ID), fills, closed]).toEqual([[], [], [], []])
    expect(book(world)).toEqual(['0.05', '1000', '0', '0'])
  })

  it('lists a bot’s orders that are not closed', async () => {
    const world = await orderWorld()
    world.addIntent()
    const other = world.addIntent({ intentId: 'bot-1_L4_B_1', level: 4 })
    world.tracker.applyReport(venueReport())
    world.tracker.applyReport(venueReport({ clientOrderId: clientOrderId(other), orderId: venueOrderId('1001'), status: 'CANCELED' }))
    expect(world.tracker.openOrders(TEST_BOT_ID).map((order) => order.command.clientOrderId)).toEqual([ID])
  })
})

describe('OrderTracker listeners', () => {
  it('calls onFill once per new fill, and onClosed once when the order closes', async () => {
    const world = await orderWorld()
    world.addIntent()
    const { fills, closed } = listen(world)
    world.tracker.applyReport(venueReport())

    world.tracker.applyExecution(executionEvent('TRADE', partly, trade7))
    world.tracker.applyExecution(executionEvent('TRADE', full, trade8))
    world.tracker.applyExecution(executionEvent('TRADE', full, trade8))
    world.tracker.applyReport({ ...full, fills: [trade7, trade8] })

    expect(fills.map((fill) => [fill.tradeId, fill.quantity])).toEqual([
      ['7', '0.004'],
      ['8', '0.006']
    ])
    expect(closed).toEqual([{ status: 'FILLED', intentStatus: 'done' }])
  })

  it('runs onFill inside the transaction that records the fill: a listener that throws leaves no trace, and the replay books once', async () => {
    const world = await orderWorld()
    world.addIntent()
    world.tracker.applyReport(venueReport())
    let failing = true
    world.tracker.addListener({
      onFill: () => {
        if (failing) throw new Error('listener failed')
      }
    })

    expect(() => world.tracker.applyExecution(executionEvent('TRADE', partly, trade7))).toThrow('listener failed')
    expect([world.journal.listFills(TEST_BOT_ID), events(world), world.tracker.order(ID)?.status]).toEqual([[], ['OrderAccepted ACCEPTED 0'], 'ACCEPTED'])
    expect(book(world)).toEqual(['0.05', '1000', '0', '590'])

    failing = false
    world.tracker.applyExecution(executionEvent('TRADE', partly, trade7))
    expect(world.journal.listFills(TEST_BOT_ID)).toHaveLength(1)
    expect(book(world)).toEqual(['0.053996', '764', '0', '354'])
  })


  it('keeps a cancelled order CANCELED when a late fill arrives, records the fill, and does not report the close again', async () => {
    const world = await orderWorld()
    world.addIntent()
    const { fills, closed } = listen(world)
    world.tracker.applyReport(venueReport())

    world.tracker.applyExecution(executionEvent('CANCELED', venueReport({ status: 'CANCELED' })))
    const late = world.tracker.applyExecution(executionEvent('TRADE', { ...partly, status: 'CANCELED' }, trade7))

    expect([late?.status, text(late?.filledQuantity)]).toEqual(['CANCELED', '0.004'])
    expect(world.journal.listFills(TEST_BOT_ID).map((fill) => fill.tradeId)).toEqual(['7'])
    expect(fills.map((fill) => fill.tradeId)).toEqual(['7'])
    expect(closed).toEqual([{ status: 'CANCELED', intentStatus: 'done' }])
    expect(events(world)).toEqual(['OrderAccepted ACCEPTED 0', 'OrderCanceled CANCELED 0', 'OrderFilled CANCELED 0.004'])
    expect(book(world)).toEqual(['0.053996', '764', '0', '0'])
  })

  it('holds back the end of an order whose reported trades it has not seen, until they are applied', async () => {
    const world = await orderWorld()
    world.addIntent()
    const { fills, closed } = listen(world)
    world.tracker.applyReport(venueReport())
    const cancelled = { ...partly, status: 'CANCELED' as const }

    // Cancelled after a trade the stream lost: closing it now would re-place the whole quantity
    expect(world.tracker.applyExecution(executionEvent('CANCELED', cancelled))?.status).toBe('ACCEPTED')
    expect(world.tracker.applyReport(cancelled)?.status).toBe('ACCEPTED')
    expect(closed).toEqual([])

    world.tracker.applyFills([{ ...trade7, clientOrderId: clientOrderId(ID) }])
    const ended = world.tracker.applyReport(cancelled)
    expect([ended?.status, text(ended?.filledQuantity)]).toEqual(['CANCELED', '0.004'])
    expect(fills.map((fill) => fill.tradeId)).toEqual(['7'])
    expect(closed).toEqual([{ status: 'CANCELED', intentStatus: 'done' }])
  })

  it('closes an order whose trades cannot be found when told to', async () => {
    const world = await orderWorld()
    world.addIntent()
    world.tracker.applyReport(venueReport())
    const ended = world.tracker.applyReport({ ...partly, status: 'CANCELED' }, { closeUncovered: true })
    expect([ended?.status, text(ended?.filledQuantity)]).toEqual(['CANCELED', '0'])
  })
})

describe('OrderTracker after a restart', () => {
  it('rebuilds an order from the journal with the same status, fills and exchange id', async () => {
    const world = await orderWorld()
    world.addIntent()
    world.tracker.markSubmitted(ID)
    world.tracker.applyReport(venueReport())
    world.tracker.applyExecution(executionEvent('TRADE', partly, trade7))
    world.tracker.applyExecution(executionEvent('NEW', venueReport()))
    world.tracker.applyExecution(executionEvent('CANCELED', { ...partly, status: 'CANCELED' }))
    world.tracker.applyFills([trade8])
    const before = summary(world.tracker.order(ID))

    const restarted = new OrderTracker({ journal: world.journal, ledger: world.ledger, rules: world.rules, logger: world.logger, nowMs: () => world.clock.nowMs() })

    expect(summary(restarted.order(ID))).toEqual(before)
    expect(before).toEqual({ status: 'CANCELED', venueOrderId: '1000', filled: '0.01', quote: '590', trades: ['7', '8'] })
    // What the journal has seen stays seen: a replay stores nothing and books nothing
    const stored = events(world).length
    const booked = book(world)
    restarted.applyFills([trade7, trade8])
    expect([events(world).length, book(world)]).toEqual([stored, booked])
  })

  it('rebuilds an open order so that it still accepts the rest of its fills', async () => {
    const world = await orderWorld()
    world.addIntent()
    world.tracker.applyReport(venueReport())
    world.tracker.applyExecution(executionEvent('TRADE', partly, trade7))

    const restarted = new OrderTracker({ journal: world.journal, ledger: world.ledger, rules: world.rules, logger: world.logger, nowMs: () => world.clock.nowMs() })
    const order = restarted.applyExecution(executionEvent('TRADE', full, trade8))

    expect(summary(order)).toEqual({ status: 'FILLED', venueOrderId: '1000', filled: '0.01', quote: '590', trades: ['7', '8'] })
    expect(world.journal.listFills(TEST_BOT_ID)).toHaveLength(2)
  })
})
