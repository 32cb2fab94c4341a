import { Decimal } from '@shared/money/decimal'
import { tradeId } from '../../main/engine/exchange/port/identifiers'
import { parseOrderId } from '../../main/engine/grid/trader/client-order-ids'
import type { Journal } from '../../main/engine/journal'
import type { FundsLedger } from '../../main/engine/funds/funds-ledger'
import type { SimExchange } from '../../main/engine/exchange/sim/sim-exchange'

/** One bot the invariants check. */
export interface BotUnderTest {
  readonly botId: string
  readonly symbol: string
  readonly baseAsset: string
  readonly quoteAsset: string
  /** What the bot was given: its investment in quote and base held. */
  readonly allocation: Readonly<Record<string, string>>
}

/** What the invariants look at, after a run has settled. */
export interface InvariantInput {
  readonly exchange: SimExchange
  readonly journal: Journal
  readonly ledger: FundsLedger
  readonly bots: readonly BotUnderTest[]
  readonly startingBalances: Readonly<Record<string, string>>
}

const LIVE = new Set(['NEW', 'PARTIALLY_FILLED'])

/**
 * Checks the engine's promises against the exchange, which is the truth. Returns one line per
 * violation: a fill the journal lacks, a grid fill with neither a live or filled counter-order nor
 * a note nor an open incident, two live orders on one level, one client order id on two orders,
 * balances that differ from the starting ones plus the journal's fills, booked balances that
 * differ from the exchange's, or an open order of ours the journal does not know.
 */
export async function checkInvariants(input: InvariantInput): Promise<string[]> {
  const violations: string[] = []
  for (const bot of input.bots) violations.push(...(await checkBot(input, bot)).map((line) => `${bot.botId}: ${line}`))
  violations.push(...(await checkBalances(input)))
  return violations
}

async function checkBot(input: InvariantInput, bot: BotUnderTest): Promise<string[]> {
  const { exchange, journal } = input
  const { botId, symbol } = bot
  const violations: string[] = []
  const allOrders = await allOrdersOf(exchange, symbol)
  const ours = allOrders.filter((order) => parseOrderId(order.clientOrderId)?.botId === botId)
  const statusById = new Map(ours.map((order) => [order.clientOrderId as string, order.status]))
  const allTrades = await allTradesOf(exchange, symbol)
  const ourOrderIds = new Set(ours.map((order) => order.orderId as string))

  for (const trade of allTrades.filter((entry) => ourOrderIds.has(entry.orderId))) {
    if (journal.getFill(symbol, trade.tradeId) === undefined) violations.push(`fill ${trade.tradeId} of order ${trade.orderId} is on the exchange but not in the journal`)
  }

  const incidentOpen = journal.listIncidents({ openOnly: true, botId }).length > 0
  for (const fill of journal.listFills(botId)) {
    const intent = journal.getIntent(fill.clientOrderId)
    if (intent === undefined || (intent.purpose !== 'grid' && intent.purpose !== 'counter')) continue
    if (fill.hedgeNote !== null) continue
    const counter = fill.counterIntentId === null ? undefined : journal.getIntent(fill.counterIntentId)
    const counterStatus = counter === undefined ? undefined : statusById.get(counter.intentId)
    const hedged = counterStatus !== undefined && (LIVE.has(counterStatus) || counterStatus === 'FILLED')
    if (!hedged && !incidentOpen) {
      const level = counter?.level === null || counter === undefined ? undefined : journal.listLevels(botId).find((entry) => entry.level === counter.level)
      violations.push(
        `fill ${fill.tradeId} (${fill.side} ${fill.quantity} @ ${fill.price}, ${fill.clientOrderId}) has no live or filled counter-order ` +
          `(counter ${fill.counterIntentId ?? 'none'}: ${counter?.status ?? '-'} after ${counter?.attempts ?? 0} sends, last error ${counter?.lastError ?? 'none'}/` +
          `${counterStatus ?? 'not on the exchange'}; its level: ${level?.stateJson ?? 'none'}; the level's order: ${describeActive(journal, level?.stateJson)})`
      )
    }
  }

  const liveByLevel = new Map<number, string[]>()
  for (const order of ours.filter((entry) => LIVE.has(entry.status))) {
    const tag = parseOrderId(order.clientOrderId)?.tag
    if (tag?.kind === 'level') liveByLevel.set(tag.level, [...(liveByLevel.get(tag.level) ?? []), order.clientOrderId])
    if (journal.getIntent(order.clientOrderId) === undefined) violations.push(`open order ${order.clientOrderId} is unknown to the journal`)
  }
  for (const [level, ids] of liveByLevel) if (ids.length > 1) violations.push(`level ${level} has ${ids.length} live orders: ${ids.join(', ')}`)

  const lists = (await exchange.openOrderLists()).filter((list) => list.symbol === symbol && parseOrderId(list.listClientOrderId)?.botId === botId)
  if (lists.length > 1) violations.push(`${lists.length} OCO lists are open: ${lists.map((list) => list.listClientOrderId).join(', ')} (at most one per bot)`)

  const seen = new Map<string, number>()
  for (const order of ours) seen.set(order.clientOrderId, (seen.get(order.clientOrderId) ?? 0) + 1)
  for (const [id, count] of seen) if (count > 1) violations.push(`client order id ${id} was used by ${count} orders`)

  return violations
}

/**
 * The account's balances equal the start plus every bot's recorded fills (so the journal holds the
 * whole truth), the ledger books what the exchange holds, and no bot owns less than nothing of
 * any asset (no bot spent another's funds).
 */
async function checkBalances(input: InvariantInput): Promise<string[]> {
  const violations: string[] = []
  const account = await input.exchange.account()
  const expected = new Map<string, Decimal>(Object.entries(input.startingBalances).map(([asset, amount]) => [asset, new Decimal(amount)]))
  const add = (target: Map<string, Decimal>, asset: string, amount: Decimal) => target.set(asset, (target.get(asset) ?? new Decimal(0)).add(amount))
  for (const bot of input.bots) {
    const owned = new Map<string, Decimal>(Object.entries(bot.allocation).map(([asset, amount]) => [asset, new Decimal(amount)]))
    for (const fill of input.journal.listFills(bot.botId)) {
      const sign = fill.side === 'BUY' ? 1 : -1
      for (const target of [expected, owned]) {
        add(target, bot.baseAsset, new Decimal(fill.quantity).mul(sign))
        add(target, bot.quoteAsset, new Decimal(fill.quoteQuantity).mul(-sign))
        add(target, fill.commissionAsset, new Decimal(fill.commission).neg())
      }
    }
    for (const [asset, amount] of owned) if (amount.isNegative()) violations.push(`${bot.botId} owns ${amount.toFixed()} ${asset}: it spent more than its share`)
  }
  for (const [asset, amount] of expected) {
    const balance = account.balances.get(asset)
    const total = balance === undefined ? new Decimal(0) : balance.free.add(balance.locked)
    if (!total.eq(amount)) violations.push(`${asset}: the exchange holds ${total.toFixed()}, the journal's fills say ${amount.toFixed()}`)
    if (balance !== undefined && (!input.ledger.exchangeFree(asset).eq(balance.free) || !input.ledger.exchangeLocked(asset).eq(balance.locked))) {
      violations.push(`${asset}: the ledger books ${input.ledger.exchangeFree(asset).toFixed()} free / ${input.ledger.exchangeLocked(asset).toFixed()} locked, the exchange ${balance.free.toFixed()} / ${balance.locked.toFixed()}`)
    }
  }
  return violations
}

async function allTradesOf(exchange: SimExchange, symbol: string) {
  const trades = []
  let fromTradeId = tradeId('0')
  for (let page = 0; page < 1000; page += 1) {
    const batch = await exchange.myTrades({ symbol, limit: 1000, fromTradeId })
    trades.push(...batch)
    if (batch.length < 1000) break
    fromTradeId = tradeId(String(BigInt(batch[batch.length - 1]?.tradeId ?? '0') + 1n))
  }
  return trades
}

async function allOrdersOf(exchange: SimExchange, symbol: string) {
  const orders = []
  const seen = new Set<string>()
  let startTimeMs = 0
  for (let page = 0; page < 1000; page += 1) {
    const batch = (await exchange.allOrders({ symbol, startTimeMs, limit: 1000 })).filter((order) => !seen.has(order.orderId))
    for (const order of batch) seen.add(order.orderId)
    orders.push(...batch)
    if (batch.length === 0) break
    startTimeMs = batch[batch.length - 1]?.createdAtMs ?? startTimeMs
  }
  return orders
}

function describeActive(journal: Journal, stateJson: string | undefined): string {
  if (stateJson === undefined) return 'none'
  const activeId = (JSON.parse(stateJson) as { activeIntentId: string | null }).activeIntentId
  const active = activeId === null ? undefined : journal.getIntent(activeId)
  return active === undefined ? 'none' : `${active.intentId} ${active.status} after ${active.attempts} sends (${active.lastError ?? 'no error'})`
}
