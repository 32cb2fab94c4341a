import { describe, expect, it } from 'vitest'
import { Decimal } from '@shared/money/decimal'
import { clientOrderId, venueOrderId } from '../exchange/port/identifiers'
import type { NewOrder } from '../exchange/port/new-order'
import type { OrderStatusReport } from '../exchange/port/order-report'
import { limit, T0 } from '../exchange/sim/stubs'
import type { IntentRecord } from '../journal'
import type { Order } from './order'
import { newOrderOf, REROUNDED_STATE, type ExecuteOutcome } from './order-gateway'
import { backoffDelayMs, DEFAULT_RETRY_POLICY } from './retry-policy'
import { orderWorld, TEST_BOT_ID, venueReport, type OrderWorld } from './stubs'

const ID = 'bot-1_L3_B_1'
const TIMEOUT = 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.'
const RATE_LIMITED = 'Too many new orders; current limit is 50 orders per 10 SECOND.'
const INSUFFICIENT = 'Account has insufficient balance for requested action.'

/** The wait before retry number `attempt` with the world's fixed jitter. */
const backoff = (attempt: number): number => backoffDelayMs(DEFAULT_RETRY_POLICY, attempt, () => 0.5)

function intentOf(world: OrderWorld, id = ID): IntentRecord {
  const intent = world.journal.getIntent(id)
  if (intent === undefined) throw new Error(`no intent ${id}`)
  return intent
}

/** The intent's fields the gateway is responsible for. */
function progress(world: OrderWorld, id = ID) {
  const { status, attempts, lastError } = intentOf(world, id)
  return { status, attempts, lastError }
}

function placedOrder(outcome: ExecuteOutcome): Order {
  if (outcome.kind !== 'placed') throw new Error(`expected a placed order, got ${JSON.stringify(outcome)}`)
  return outcome.order
}

/** Our orders on the simulator with this client order id, open or not. */
async function onExchange(world: OrderWorld, id = ID): Promise<OrderStatusReport[]> {
  return (await world.sim.allOrders({ symbol: 'BTCUSDT' })).filter((order) => order.clientOrderId === id)
}

const text = (value: Decimal | undefined) => value?.toFixed()
const usdtAvailable = (world: OrderWorld) => text(world.ledger.available(TEST_BOT_ID, 'USDT'))
const usdtLocked = (world: OrderWorld) => text(world.ledger.lockedBy(TEST_BOT_ID, 'USDT'))
const sentIds = (world: OrderWorld) => world.calls.of('placeOrder').map((call) => (call.args[0] as NewOrder).clientOrderId)

describe('OrderGateway.execute', () => {
  it('places a pending intent once, having made it durable as sending before the send', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    const atSend: unknown[] = []
    world.calls.before('placeOrder', () => {
      atSend.push({ ...progress(world), reserved: world.ledger.isReserved(id), order: world.tracker.order(id)?.status })
    })

    const order = placedOrder(await world.run(world.gateway.execute(id)))

    expect(atSend).toEqual([{ status: 'sending', attempts: 1, lastError: null, reserved: true, order: 'SUBMITTED' }])
    const [placed, ...others] = await onExchange(world)
    expect(others).toEqual([])
    expect([placed?.status, text(placed?.price), text(placed?.origQty)]).toEqual(['NEW', '59000', '0.01'])
    expect([order.status, order.venueOrderId]).toEqual(['ACCEPTED', placed?.orderId])
    expect({ ...progress(world), venueOrderId: intentOf(world).venueOrderId }).toEqual({ status: 'placed', attempts: 1, lastError: null, venueOrderId: placed?.orderId })
    expect(world.calls.count('placeOrder')).toBe(1)
    expect(world.clock.nowMs()).toBe(T0)
    // The order's lock now stands for it in the bot's share; the reservation counts for the account until balances show the order
    expect([usdtLocked(world), usdtAvailable(world), world.ledger.isReserved(id)]).toEqual(['590', '410', true])
    world.ledger.observeSnapshot(await world.sim.account(), world.tracker.nextSeq())
    expect([world.ledger.isReserved(id), usdtAvailable(world), text(world.ledger.exchangeFree('USDT'))]).toEqual([false, '410', '9410'])
  })

  it('does not send a placed intent again', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    const first = placedOrder(await world.run(world.gateway.execute(id)))
    const again = placedOrder(await world.run(world.gateway.execute(id)))
    expect(again.venueOrderId).toBe(first.venueOrderId)
    expect(world.calls.count('placeOrder')).toBe(1)
    expect(await onExchange(world)).toHaveLength(1)
  })

  it('resolves a timeout after the exchange took the order by querying it, never by sending again', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    world.sim.faults.timeoutNextPlacement('after-accept')
    const atQuery: unknown[] = []
    world.calls.before('queryOrder', () => void atQuery.push({ ...progress(world), reserved: world.ledger.isReserved(id) }))

    const order = placedOrder(await world.run(world.gateway.execute(id)))

    expect(atQuery).toEqual([{ status: 'unknown', attempts: 1, lastError: TIMEOUT, reserved: true }])
    expect(world.calls.sequence(['placeOrder', 'queryOrder'])).toEqual(['placeOrder', 'queryOrder'])
    const exchangeOrders = await onExchange(world)
    expect(exchangeOrders.map((report) => report.orderId)).toEqual([order.venueOrderId])
    expect(progress(world)).toEqual({ status: 'placed', attempts: 1, lastError: TIMEOUT })
    expect([order.status, usdtLocked(world), world.ledger.isReserved(id)]).toEqual(['ACCEPTED', '590', true])
    expect(world.clock.nowMs()).toBe(T0)
  })

  it('sends again with the same client order id only after every query says a timed-out order is not there', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    world.sim.faults.timeoutNextPlacement('before-accept')

    const order = placedOrder(await world.run(world.gateway.execute(id)))

    // Binance can show an order late: the queries wait 0, 1, 3 and 10 s before giving up on it
    expect(world.calls.timesOf('queryOrder', T0)).toEqual([0, 1_000, 4_000, 14_000])
    expect(world.calls.timesOf('placeOrder', T0)).toEqual([0, 14_000])
    expect(sentIds(world)).toEqual([id, id])
    const exchangeOrders = await onExchange(world)
    expect(exchangeOrders.map((report) => report.orderId)).toEqual([order.venueOrderId])
    expect(progress(world)).toEqual({ status: 'placed', attempts: 2, lastError: TIMEOUT })
    expect(world.logger.lines.map((line) => line.message)).toContain('an unanswered order send did not reach the exchange; sending again')
  })

  it('queries a timed-out order after the delays of its bot\'s own policy, for sends, cancels and queries alike', async () => {
    const world = await orderWorld()
    world.gateway.setBotPolicy(TEST_BOT_ID, { ...DEFAULT_RETRY_POLICY, unknownQueryDelaysMs: [500, 2_000] })
    const id = world.addIntent()
    world.sim.faults.timeoutNextPlacement('before-accept')

    placedOrder(await world.run(world.gateway.execute(id)))
    expect(world.calls.timesOf('queryOrder', T0)).toEqual([500, 2_500])
    expect(world.calls.timesOf('placeOrder', T0)).toEqual([0, 2_500])

    // A cancel whose answer is lost is resolved by the same policy's queries
    const before = world.clock.nowMs()
    world.sim.faults.timeoutNextCancel('after-apply')
    expect((await world.run(world.gateway.cancel(id))).kind).toBe('closed')
    expect(world.calls.timesOf('queryOrder', before).filter((atMs) => atMs > 0)).toEqual([500])
  })

  it('keeps asking, never resending, when a burst of -1021 leaves a timed-out send unresolved, and finds the order afterwards', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    world.sim.faults.timeoutNextPlacement('after-accept')
    // Right after the send, every signed call is refused for 40 s: longer than two rounds of four queries
    world.calls.before('queryOrder', () => {
      if (world.calls.count('queryOrder') === 1) world.sim.world.timestampBurst(40_000)
    })

    const order = placedOrder(await world.run(world.gateway.execute(id)))

    expect(world.calls.count('placeOrder')).toBe(1)
    expect((await onExchange(world)).map((report) => report.orderId)).toEqual([order.venueOrderId])
    expect(progress(world).status).toBe('placed')
  })

  it('spaces its sends by the backoff through a burst of -1021, which asks for no wait, instead of spending them at once', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    world.sim.world.timestampBurst(5_000)

    placedOrder(await world.run(world.gateway.execute(id)))

    const times = world.calls.timesOf('placeOrder', T0)
    expect(times.length).toBeGreaterThan(2)
    expect(new Set(times).size).toBe(times.length)
    expect(times.at(-1)).toBeGreaterThanOrEqual(5_000)
  })

  it('waits the Retry-After of a 429 on the clock before sending again, holding no funds meanwhile', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    world.sim.faults.rateLimitNextPlacement(7_000)

    const work = world.gateway.execute(id)
    await world.clock.advance(6_999)
    expect([world.calls.count('placeOrder'), world.ledger.isReserved(id), usdtAvailable(world)]).toEqual([1, false, '1000'])
    expect(progress(world)).toEqual({ status: 'pending', attempts: 1, lastError: RATE_LIMITED })
    const order = placedOrder(await world.run(work))

    expect(world.calls.timesOf('placeOrder', T0)).toEqual([0, 7_000])
    expect(progress(world)).toEqual({ status: 'placed', attempts: 2, lastError: RATE_LIMITED })
    expect((await onExchange(world)).map((report) => report.orderId)).toEqual([order.venueOrderId])
  })

  it('re-reads the account after an insufficient-balance refusal and then stops sending what the account cannot pay', async () => {
    const world = await orderWorld()
    // Spent outside the ledger's view: the ledger's balances still say 10000 USDT are free
    await world.sim.placeOrder(limit('BUY', '59000', '0.16', 'outsider-1'))
    const id = world.addIntent()
    world.calls.reset()

    const outcome = await world.run(world.gateway.execute(id, { maxAttempts: 3 }))

    const short = 'the account needs 590 USDT, has 560 available'
    expect(outcome).toEqual({ kind: 'failed', reason: short })
    expect(world.calls.sequence(['placeOrder', 'account'])).toEqual(['placeOrder', 'account', 'account', 'account'])
    expect(text(world.ledger.exchangeFree('USDT'))).toBe('560')
    expect(progress(world)).toEqual({ status: 'failed', attempts: 1, lastError: short })
    expect([world.ledger.isReserved(id), await onExchange(world)]).toEqual([false, []])
    expect(world.clock.nowMs() - T0).toBe(backoff(1) + backoff(2))
  })

  it('sends again after re-reading the account when an insufficient-balance refusal was a passing disagreement', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    world.sim.faults.rejectNextPlacement(-2010, INSUFFICIENT)

    const order = placedOrder(await world.run(world.gateway.execute(id)))

    expect(world.calls.sequence(['placeOrder', 'account'])).toEqual(['placeOrder', 'account', 'placeOrder'])
    expect(world.calls.timesOf('placeOrder', T0)).toEqual([0, backoff(1)])
    expect((await onExchange(world)).map((report) => report.orderId)).toEqual([order.venueOrderId])
    expect(progress(world)).toEqual({ status: 'placed', attempts: 2, lastError: INSUFFICIENT })
  })

  it('refreshes the rules once after a -1013 and rejects the order for good when the exchange refuses it again', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    world.sim.faults.rejectNextPlacement(-1013, 'Filter failure: LOT_SIZE')
    world.sim.faults.rejectNextPlacement(-1013, 'Filter failure: LOT_SIZE')

    const outcome = await world.run(world.gateway.execute(id))

    const reason = '-1013 Filter failure: LOT_SIZE'
    expect(outcome).toEqual({ kind: 'rejected', reason })
    expect(world.calls.sequence(['placeOrder', 'exchangeInfo'])).toEqual(['placeOrder', 'exchangeInfo', 'placeOrder'])
    expect(progress(world)).toEqual({ status: 'rejected', attempts: 2, lastError: reason })
    expect(world.tracker.order(id)?.status).toBe('REJECTED')
    expect([world.ledger.isReserved(id), usdtAvailable(world), await onExchange(world)]).toEqual([false, '1000', []])
  })

  it('places the order after a -1013 when the refreshed rules let it through', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    world.sim.faults.rejectNextPlacement(-1013, 'Filter failure: LOT_SIZE')

    placedOrder(await world.run(world.gateway.execute(id)))

    expect(world.calls.sequence(['placeOrder', 'exchangeInfo'])).toEqual(['placeOrder', 'exchangeInfo', 'placeOrder'])
    expect(await onExchange(world)).toHaveLength(1)
  })

  it('lets an order the exchange refuses for the price band wait, pending, with nothing reserved, instead of rejecting it', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    world.sim.faults.rejectNextPlacement(-1013, 'Filter failure: PERCENT_PRICE_BY_SIDE')

    const outcome = await world.run(world.gateway.execute(id))

    expect(outcome).toEqual({ kind: 'waiting', reason: '-1013 Filter failure: PERCENT_PRICE_BY_SIDE' })
    expect(progress(world)).toEqual({ status: 'pending', attempts: 1, lastError: '-1013 Filter failure: PERCENT_PRICE_BY_SIDE' })
    expect([world.ledger.isReserved(id), usdtAvailable(world), await onExchange(world)]).toEqual([false, '1000', []])
    // Later, when the exchange takes it, it is placed as usual
    placedOrder(await world.run(world.gateway.execute(id)))
  })

  it('checks the band against the exchange\'s average price before sending: a BUY far above it waits without a send', async () => {
    const world = await orderWorld()
    // The last trade is far above where the average has been: the BUY priced off it breaks the band
    const id = world.addIntent({ price: '350000', quantity: '0.001' })
    const outcome = await world.run(world.gateway.execute(id))
    expect(outcome.kind).toBe('waiting')
    expect(outcome.kind === 'waiting' ? outcome.reason : '').toMatch(/^PERCENT_PRICE_BY_SIDE: price 350000 is above/)
    expect(world.calls.sequence(['placeOrder'])).toEqual([])
    expect(world.calls.sequence(['avgPrice']).length).toBeGreaterThan(0)
  })

  it('refuses without a send a stop order beyond MAX_NUM_ALGO_ORDERS, counting the open ones it knows', async () => {
    const world = await orderWorld()
    // Five stop-limit SELLs of the account are open (the symbol allows five)
    for (let index = 1; index <= 5; index += 1) {
      const stopId = world.addIntent({ intentId: `gk-t-S${index}`, side: 'SELL', type: 'STOP_LOSS_LIMIT', price: '50000', stopPrice: '50100', quantity: '0.001', status: 'placed' })
      world.tracker.applyReport(venueReport({ orderId: venueOrderId(String(2000 + index)), clientOrderId: clientOrderId(stopId), side: 'SELL', type: 'STOP_LOSS_LIMIT', price: new Decimal('50000'), origQty: new Decimal('0.001') }))
    }
    const id = world.addIntent({ intentId: 'gk-t-S6', side: 'SELL', type: 'STOP_LOSS_LIMIT', price: '50000', stopPrice: '50100', quantity: '0.001' })

    const outcome = await world.run(world.gateway.execute(id))

    expect(outcome.kind).toBe('rejected')
    expect(outcome.kind === 'rejected' ? outcome.reason : '').toMatch(/^MAX_NUM_ALGO_ORDERS: this order would make 6 open stop\/take-profit orders on this symbol, more than 5/)
    expect(world.calls.count('placeOrder')).toBe(0)
  })

  it('refuses without a send a MARKET order below the minimum notional at the average price', async () => {
    const world = await orderWorld()
    const id = world.addIntent({ type: 'MARKET', price: null, quantity: '0.00005' })

    const outcome = await world.run(world.gateway.execute(id))

    expect(outcome.kind).toBe('rejected')
    expect(outcome.kind === 'rejected' ? outcome.reason : '').toMatch(/^NOTIONAL: /)
    expect(world.calls.count('placeOrder')).toBe(0)
  })

  it('lets an order wait while the market is not trading, and places it once the market is back', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    world.sim.world.setSymbolStatus('BTCUSDT', 'BREAK')
    // The exchange says so once; the rules read then say so too, and no more orders are sent meanwhile
    expect(await world.run(world.gateway.execute(id))).toEqual({ kind: 'waiting', reason: '-2010 Market is closed.' })
    expect((await world.run(world.gateway.execute(id))).kind).toBe('waiting')
    expect(world.calls.sequence(['placeOrder'])).toEqual(['placeOrder'])
    expect(progress(world).status).toBe('pending')
    world.sim.world.setSymbolStatus('BTCUSDT', 'TRADING')
    placedOrder(await world.run(world.gateway.execute(id)))
  })

  it('puts an unsent order that is off the tick and lot step on them, towards the safe side, and places it', async () => {
    const world = await orderWorld()
    const id = world.addIntent({ price: '59000.005', quantity: '0.0100009' })

    placedOrder(await world.run(world.gateway.execute(id)))

    const [sent] = await onExchange(world)
    expect([sent?.price.toFixed(), sent?.origQty.toFixed()]).toEqual(['59000', '0.01'])
    expect(intentOf(world).lastError).toBe("put on the exchange's new tick and lot step: 0.0100009 @ 59000.005 → 0.01 @ 59000")
    // Kept where a later error cannot overwrite it, as it was planned
    expect(JSON.parse(world.journal.getBotState(TEST_BOT_ID, REROUNDED_STATE) ?? '{}')).toEqual({ [id]: { quantity: '0.0100009', price: '59000.005' } })
  })

  it('puts an order off the lot step on it while the market is in BREAK, and waits for trading instead of rejecting it', async () => {
    const world = await orderWorld()
    const id = world.addIntent({ quantity: '0.0100009' })
    world.sim.world.setSymbolStatus('BTCUSDT', 'BREAK')

    expect((await world.run(world.gateway.execute(id))).kind).toBe('waiting')
    expect([progress(world).status, intentOf(world).quantity]).toEqual(['pending', '0.01'])
    expect(world.calls.count('placeOrder')).toBe(0)

    world.sim.world.setSymbolStatus('BTCUSDT', 'TRADING')
    placedOrder(await world.run(world.gateway.execute(id)))
    const [sent] = await onExchange(world)
    expect(sent?.origQty.toFixed()).toBe('0.01')
  })

  it('refreshes the rules once for an order they refuse, then rejects it without sending or reserving', async () => {
    const world = await orderWorld()
    const id = world.addIntent({ quantity: '9500' })

    const outcome = await world.run(world.gateway.execute(id))

    const reason = 'LOT_SIZE: quantity 9500 is above maxQty 9000; NOTIONAL: notional 560500000 (price × quantity) is above maxNotional 9000000'
    expect(outcome).toEqual({ kind: 'rejected', reason })
    expect([world.calls.count('exchangeInfo'), world.calls.count('placeOrder')]).toEqual([1, 0])
    expect(progress(world)).toEqual({ status: 'rejected', attempts: 0, lastError: reason })
    expect(world.tracker.order(id)?.status).toBe('REJECTED')
    expect([world.ledger.isReserved(id), usdtAvailable(world)]).toEqual([false, '1000'])
  })

  it('takes a final refusal as final: rejected, funds released, no retry', async () => {
    const world = await orderWorld()
    // A LIMIT_MAKER BUY above the last price would take
    const id = world.addIntent({ type: 'LIMIT_MAKER', price: '61000' })

    const outcome = await world.run(world.gateway.execute(id))

    const reason = '-2010 Order would immediately match and take.'
    expect(outcome).toEqual({ kind: 'rejected', reason })
    expect(world.calls.count('placeOrder')).toBe(1)
    expect(progress(world)).toEqual({ status: 'rejected', attempts: 1, lastError: reason })
    expect(world.tracker.order(id)?.status).toBe('REJECTED')
    expect(world.journal.listOrderEvents(id).map((event) => event.eventType)).toEqual(['OrderSubmitted', 'OrderRejected'])
    expect([world.ledger.isReserved(id), usdtAvailable(world), await onExchange(world)]).toEqual([false, '1000', []])
    expect(world.clock.nowMs()).toBe(T0)
  })

  it('treats "Duplicate order sent." as already placed: it queries the order and sends no second one', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    // An earlier send reached the exchange, but the journal never learned of it
    const earlier = await world.sim.placeOrder(newOrderOf(intentOf(world)))
    world.calls.reset()

    const order = placedOrder(await world.run(world.gateway.execute(id)))

    expect(order.venueOrderId).toBe(earlier.orderId)
    expect(world.calls.sequence(['placeOrder', 'queryOrder'])).toEqual(['placeOrder', 'queryOrder'])
    expect((await onExchange(world)).map((report) => report.orderId)).toEqual([earlier.orderId])
    expect({ ...progress(world), venueOrderId: intentOf(world).venueOrderId }).toEqual({ status: 'placed', attempts: 1, lastError: null, venueOrderId: earlier.orderId })
    expect(usdtLocked(world)).toBe('590')
  })

  it('writes a retry\'s detail at debug: an order that needed several sends leaves no info, warning or error line', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    world.sim.faults.rateLimitNextPlacement(1_000)
    world.sim.faults.timeoutNextPlacement('before-accept')
    world.sim.faults.rateLimitNextPlacement(1_000)

    placedOrder(await world.run(world.gateway.execute(id)))
    expect(world.calls.timesOf('placeOrder', T0).length).toBe(4)
    expect(world.logger.lines.filter((line) => line.level !== 'debug')).toEqual([])
    expect(world.logger.lines.length).toBeGreaterThan(0)
  })

  it('writes one error line, not one per send, when an order cannot be placed within its budget', async () => {
    const world = await orderWorld({ policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 5 } })
    const id = world.addIntent()
    for (let send = 0; send < 5; send += 1) world.sim.faults.rateLimitNextPlacement(100)

    expect((await world.run(world.gateway.execute(id))).kind).toBe('failed')
    expect(world.logger.lines.filter((line) => line.level !== 'debug').map((line) => `${line.level} ${line.message}`)).toEqual(['error order could not be placed within its retry budget'])
  })

  it('gives up after maxAttempts sends when every one is rate limited, and marks the intent failed', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    world.sim.faults.configure({ rateLimitRate: 1, rateLimitRetryAfterMs: 1_000 })

    const outcome = await world.run(world.gateway.execute(id, { maxAttempts: 4 }))

    expect(outcome).toEqual({ kind: 'failed', reason: RATE_LIMITED })
    expect(world.calls.timesOf('placeOrder', T0)).toEqual([0, 1_000, 2_000, 3_000])
    expect(progress(world)).toEqual({ status: 'failed', attempts: 4, lastError: RATE_LIMITED })
    expect([world.ledger.isReserved(id), usdtAvailable(world), await onExchange(world)]).toEqual([false, '1000', []])
    expect(world.logger.lines.filter((line) => line.level === 'error').map((line) => line.message)).toEqual([
      'order could not be placed within its retry budget'
    ])
  })

  it('never sends before a Retry-After has passed, even when the wait does not fit in the budget', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    world.sim.faults.rateLimitNextPlacement(20_000)

    const outcome = await world.run(world.gateway.execute(id, { budgetMs: 10_000 }))

    expect(outcome).toEqual({ kind: 'failed', reason: RATE_LIMITED })
    expect(world.calls.timesOf('placeOrder', T0)).toEqual([0])
    expect(progress(world)).toEqual({ status: 'failed', attempts: 1, lastError: RATE_LIMITED })
    expect([world.ledger.isReserved(id), await onExchange(world)]).toEqual([false, []])
  })


  it('gives up after maxAttempts sends that all time out, and fails the intent once a last query finds none of them', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    world.sim.faults.configure({ timeoutBeforeAcceptRate: 1 })

    const outcome = await world.run(world.gateway.execute(id, { maxAttempts: 3 }))

    expect(outcome).toEqual({ kind: 'failed', reason: TIMEOUT })
    expect(world.calls.timesOf('placeOrder', T0)).toEqual([0, 14_000, 28_000])
    expect(sentIds(world)).toEqual([id, id, id])
    // Nothing reached the exchange, so the intent has failed for good and its funds are free
    expect(progress(world)).toEqual({ status: 'failed', attempts: 3, lastError: TIMEOUT })
    expect([world.ledger.isReserved(id), await onExchange(world)]).toEqual([false, []])
  })

  it('finds by a last query an order whose final send timed out after the exchange took it', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    world.sim.faults.configure({ timeoutBeforeAcceptRate: 1 })
    const running = world.run(world.gateway.execute(id, { maxAttempts: 2 }))
    // The second and last send is taken by the exchange, but its answer is lost
    await world.clock.advance(1)
    world.sim.faults.configure({ timeoutBeforeAcceptRate: 0, timeoutAfterAcceptRate: 1 })

    const outcome = await running

    expect(outcome.kind).toBe('placed')
    expect(sentIds(world)).toEqual([id, id])
    expect((await onExchange(world)).length).toBe(1)
    expect(progress(world).status).toBe('placed')
  })

  it('does not send what the bot share cannot pay: it waits with backoff, then fails', async () => {
    const world = await orderWorld({ share: { USDT: '100', BTC: '0' } })
    const id = world.addIntent()

    const outcome = await world.run(world.gateway.execute(id, { maxAttempts: 3 }))

    const short = 'bot bot-1 needs 590 USDT, has 100 available'
    expect(outcome).toEqual({ kind: 'failed', reason: short })
    expect([world.calls.count('placeOrder'), world.calls.count('account')]).toEqual([0, 0])
    expect(world.clock.nowMs() - T0).toBe(backoff(1) + backoff(2))
    expect(progress(world)).toEqual({ status: 'failed', attempts: 0, lastError: short })
    expect(world.ledger.isReserved(id)).toBe(false)
  })

  it('sends as soon as a retry finds the bot share grown enough', async () => {
    const world = await orderWorld({ share: { USDT: '100', BTC: '0' } })
    const id = world.addIntent()

    const work = world.gateway.execute(id)
    await world.clock.advance(1)
    expect([world.calls.count('placeOrder'), progress(world).lastError]).toEqual([0, 'bot bot-1 needs 590 USDT, has 100 available'])
    world.ledger.addToBot(TEST_BOT_ID, 'USDT', new Decimal('900'))
    placedOrder(await world.run(work))

    expect(world.calls.timesOf('placeOrder', T0)).toEqual([backoff(1)])
    expect(usdtAvailable(world)).toBe('410')
  })

  it('lets only one of two concurrent executes take funds that cover one', async () => {
    const world = await orderWorld()
    const first = world.addIntent()
    const second = world.addIntent({ intentId: 'bot-1_L4_B_1', level: 4 })
    world.calls.before('placeOrder', () => world.clock.sleep(50))

    const [won, lost] = await world.run(Promise.all([world.gateway.execute(first, { maxAttempts: 2 }), world.gateway.execute(second, { maxAttempts: 2 })]))

    expect(placedOrder(won).status).toBe('ACCEPTED')
    expect(lost).toEqual({ kind: 'failed', reason: 'bot bot-1 needs 590 USDT, has 410 available' })
    expect(sentIds(world)).toEqual([first])
    expect((await world.sim.openOrders('BTCUSDT')).map((report) => report.clientOrderId)).toEqual([first])
    expect([world.ledger.isReserved(second), progress(world, second).status, usdtAvailable(world)]).toEqual([false, 'failed', '410'])
  })

  it('holds the account lock across a send, so two executes never have sends under way at once', async () => {
    const world = await orderWorld({ share: { USDT: '2000', BTC: '0' } })
    const first = world.addIntent()
    const second = world.addIntent({ intentId: 'bot-1_L4_B_1', level: 4, price: '58000' })
    world.calls.before('placeOrder', () => world.clock.sleep(50))

    const outcomes = await world.run(Promise.all([world.gateway.execute(first), world.gateway.execute(second)]))

    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['placed', 'placed'])
    expect(world.calls.maxInFlight('placeOrder')).toBe(1)
    expect(world.calls.timesOf('placeOrder', T0)).toEqual([0, 50])
    expect(sentIds(world)).toEqual([first, second])
    expect(usdtLocked(world)).toBe('1170')
  })
})

describe('OrderGateway.cancel', () => {
  async function placedWorld() {
    const world = await orderWorld()
    const id = world.addIntent()
    placedOrder(await world.run(world.gateway.execute(id)))
    world.calls.reset()
    return { world, id }
  }

  it('cancels an open order: closed CANCELED, its lock cleared, its intent done', async () => {
    const { world, id } = await placedWorld()

    const outcome = await world.run(world.gateway.cancel(id))

    expect(outcome.kind === 'closed' ? outcome.order.status : outcome.kind).toBe('CANCELED')
    expect((await onExchange(world)).map((report) => report.status)).toEqual(['CANCELED'])
    expect([world.calls.count('cancelOrder'), intentOf(world).status, usdtLocked(world)]).toEqual([1, 'done', '0'])
    expect(world.journal.listOrderEvents(id).map((event) => event.eventType)).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderCanceled'])
  })

  it('reports an order that filled before the cancel as FILLED, with its fill fetched and booked', async () => {
    const { world, id } = await placedWorld()
    world.sim.trade('BTCUSDT', new Decimal('58990'), new Decimal('0.01'))

    const outcome = await world.run(world.gateway.cancel(id))

    expect(outcome.kind === 'closed' ? [outcome.order.status, text(outcome.order.filledQuantity)] : outcome.kind).toEqual(['FILLED', '0.01'])
    expect(world.calls.sequence(['cancelOrder', 'queryOrder', 'myTrades'])).toEqual(['cancelOrder', 'queryOrder', 'myTrades'])
    const fills = world.journal.listFills(TEST_BOT_ID)
    expect(fills.map((fill) => [fill.clientOrderId, fill.side, fill.price, fill.quantity, fill.commission, fill.commissionAsset])).toEqual([
      [id, 'BUY', '59000', '0.01', '0.00001', 'BTC']
    ])
    expect([text(world.ledger.owned(TEST_BOT_ID, 'BTC')), text(world.ledger.owned(TEST_BOT_ID, 'USDT')), usdtLocked(world)]).toEqual(['0.05999', '410', '0'])
    expect(intentOf(world).status).toBe('done')
  })

  it('reports a partly filled order as CANCELED with the fill it had recorded', async () => {
    const { world, id } = await placedWorld()
    world.sim.trade('BTCUSDT', new Decimal('58990'), new Decimal('0.004'))

    const outcome = await world.run(world.gateway.cancel(id))

    expect(outcome.kind === 'closed' ? [outcome.order.status, text(outcome.order.filledQuantity)] : outcome.kind).toEqual(['CANCELED', '0.004'])
    expect(world.journal.listFills(TEST_BOT_ID).map((fill) => [fill.clientOrderId, fill.quantity])).toEqual([[id, '0.004']])
    expect([text(world.ledger.owned(TEST_BOT_ID, 'BTC')), text(world.ledger.owned(TEST_BOT_ID, 'USDT')), usdtLocked(world)]).toEqual(['0.053996', '764', '0'])
  })

  it('ends an order the exchange took and then forgot as EXPIRED when its cancel finds it unknown, asking the exchange through one round of queries', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    placedOrder(await world.run(world.gateway.execute(id)))
    world.sim.world.forgetOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId(id) })
    world.calls.reset()

    const outcome = await world.run(world.gateway.cancel(id))

    expect(outcome.kind === 'closed' ? outcome.order.status : outcome.kind).toBe('EXPIRED')
    expect([world.calls.count('cancelOrder'), world.calls.count('queryOrder')]).toEqual([1, 4])
    expect(usdtLocked(world)).toBe('0')
  })

  it('reports an order the exchange never had as not found', async () => {
    const world = await orderWorld()
    const id = world.addIntent()

    const outcome = await world.run(world.gateway.cancel(id))

    expect(outcome).toEqual({ kind: 'not-found' })
    expect([world.calls.count('cancelOrder'), world.calls.count('queryOrder')]).toEqual([1, 4])
    expect(progress(world)).toEqual({ status: 'pending', attempts: 0, lastError: null })
  })

  it('resolves a cancel that timed out after it was applied by querying the order', async () => {
    const { world } = await placedWorld()
    world.sim.faults.timeoutNextCancel('after-apply')

    const outcome = await world.run(world.gateway.cancel(ID))

    expect(outcome.kind === 'closed' ? outcome.order.status : outcome.kind).toBe('CANCELED')
    expect(world.calls.sequence(['cancelOrder', 'queryOrder'])).toEqual(['cancelOrder', 'queryOrder'])
    expect([intentOf(world).status, usdtLocked(world)]).toEqual(['done', '0'])
  })

  it('cancels again after backoff when a timed-out cancel left the order open', async () => {
    const { world } = await placedWorld()
    world.sim.faults.timeoutNextCancel('before-apply')

    const outcome = await world.run(world.gateway.cancel(ID))

    expect(outcome.kind === 'closed' ? outcome.order.status : outcome.kind).toBe('CANCELED')
    expect(world.calls.sequence(['cancelOrder', 'queryOrder'])).toEqual(['cancelOrder', 'queryOrder', 'cancelOrder'])
    expect(world.calls.timesOf('cancelOrder', T0)).toEqual([0, backoff(1)])
  })
})

describe('OrderGateway.track and refresh', () => {
  it('fetches the trades of a FILLED report it has not seen and records each fill once', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    placedOrder(await world.run(world.gateway.execute(id)))
    world.sim.trade('BTCUSDT', new Decimal('58990'), new Decimal('0.004'))
    world.sim.trade('BTCUSDT', new Decimal('58990'), new Decimal('0.006'))
    const report = await world.sim.queryOrder({ symbol: 'BTCUSDT', clientOrderId: clientOrderId(id) })
    world.calls.reset()

    const order = await world.gateway.track(report)
    const again = await world.gateway.track(report)

    expect([report.status, order.status, text(order.filledQuantity), text(order.filledQuote)]).toEqual(['FILLED', 'FILLED', '0.01', '590'])
    expect(again.status).toBe('FILLED')
    expect(world.calls.count('myTrades')).toBe(1)
    const fills = world.journal.listFills(TEST_BOT_ID)
    expect(fills.map((fill) => fill.quantity)).toEqual(['0.004', '0.006'])
    expect(new Set(fills.map((fill) => fill.tradeId)).size).toBe(2)
    expect(world.journal.listOrderEvents(id).filter((event) => event.eventType === 'OrderFilled')).toHaveLength(2)
    expect([text(world.ledger.owned(TEST_BOT_ID, 'BTC')), text(world.ledger.owned(TEST_BOT_ID, 'USDT'))]).toEqual(['0.05999', '410'])
  })

  it('refuses a report of an order that is not ours', async () => {
    const world = await orderWorld()
    const stranger = await world.sim.placeOrder(limit('BUY', '59000', '0.01', 'stranger-1'))
    await expect(world.gateway.track(stranger)).rejects.toThrow('report for stranger-1, which is not ours')
    expect(world.journal.listOrderEvents('stranger-1')).toEqual([])
  })

  it('refreshes an order from the exchange, fills included, and finds nothing for an intent never sent', async () => {
    const world = await orderWorld()
    const id = world.addIntent()
    const unsent = world.addIntent({ intentId: 'bot-1_L4_B_1', level: 4 })
    placedOrder(await world.run(world.gateway.execute(id)))
    world.sim.trade('BTCUSDT', new Decimal('58990'), new Decimal('0.004'))

    const order = await world.run(world.gateway.refresh(id))
    const missing = await world.run(world.gateway.refresh(unsent))

    expect([order?.status, text(order?.filledQuantity)]).toEqual(['PARTIALLY_FILLED', '0.004'])
    expect(world.journal.listFills(TEST_BOT_ID)).toHaveLength(1)
    expect(usdtLocked(world)).toBe('354')
    expect(missing).toBeUndefined()
  })
})
