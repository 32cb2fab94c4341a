import { Decimal } from '@shared/money/decimal'
import type { FundsLedger } from '../../main/engine/funds/funds-ledger'
import type { BotView } from './bot-view'
import type { AccountTrade, ExchangeHistory } from './exchange-history'
import { isLive } from './level-orders'

const ZERO = new Decimal(0)

/**
 * Checks the funds, as they are, without reloading anything: the ledger's view of the account's
 * free and locked balances equals the exchange's; the exchange's balances equal the starting ones
 * plus every trade on the exchange (ours and anyone's); each bot's share in the ledger equals its
 * allocation plus its trades on the exchange, and what the ledger locks for its open orders equals
 * what those orders hold there; no bot owns less than nothing, and together they own no more than
 * the account holds.
 */
export function checkLedgerBalances(history: ExchangeHistory, ledger: FundsLedger, bots: readonly BotView[], startingBalances: Readonly<Record<string, string>>): string[] {
  const violations: string[] = []
  const expected = new Map<string, Decimal>(Object.entries(startingBalances).map(([asset, amount]) => [asset, new Decimal(amount)]))
  for (const [symbol, trades] of history.trades) {
    const rules = history.rules.symbols.get(symbol)
    if (rules !== undefined) addTrades(expected, trades, rules.baseAsset, rules.quoteAsset)
  }
  const owners = new Map<string, Decimal>()
  for (const asset of new Set([...expected.keys(), ...history.balances.keys()])) {
    const balance = history.balances.get(asset)
    const free = balance?.free ?? ZERO
    const locked = balance?.locked ?? ZERO
    const total = free.add(locked)
    const wanted = expected.get(asset) ?? ZERO
    if (!total.eq(wanted)) violations.push(`${asset}: the exchange holds ${total.toFixed()}, but the starting balance and every trade on the exchange make ${wanted.toFixed()}`)
    if (!ledger.exchangeFree(asset).eq(free) || !ledger.exchangeLocked(asset).eq(locked)) {
      violations.push(`${asset}: the ledger books ${ledger.exchangeFree(asset).toFixed()} free / ${ledger.exchangeLocked(asset).toFixed()} locked, the exchange holds ${free.toFixed()} / ${locked.toFixed()}`)
    }
  }
  for (const bot of bots) {
    const { baseAsset, quoteAsset } = bot.rules
    const share = new Map<string, Decimal>([[baseAsset, bot.allocation.base], [quoteAsset, bot.allocation.quote]])
    // A commission in a third asset (BNB) is paid from the account's own holding, which no bot was given
    addTrades(share, bot.trades, baseAsset, quoteAsset, false)
    const locks = locksOf(bot)
    for (const [asset, amount] of share) {
      owners.set(asset, (owners.get(asset) ?? ZERO).add(amount))
      const booked = ledger.owned(bot.botId, asset)
      if (!booked.eq(amount)) violations.push(`${bot.botId}: the ledger gives it ${booked.toFixed()} ${asset}, but its allocation and its trades on the exchange make ${amount.toFixed()}`)
      if (amount.isNegative()) violations.push(`${bot.botId}: its trades leave it ${amount.toFixed()} ${asset}: it spent more than its share`)
      const lockedByBot = ledger.lockedBy(bot.botId, asset)
      const held = locks.get(asset) ?? ZERO
      if (!lockedByBot.eq(held)) violations.push(`${bot.botId}: the ledger locks ${lockedByBot.toFixed()} ${asset} for its open orders, which hold ${held.toFixed()} on the exchange`)
    }
  }
  for (const [asset, owned] of owners) {
    const balance = history.balances.get(asset)
    const total = balance === undefined ? ZERO : balance.free.add(balance.locked)
    if (owned.gt(total)) violations.push(`${asset}: the bots own ${owned.toFixed()} together, more than the account's ${total.toFixed()}`)
  }
  return violations
}

function addTrades(target: Map<string, Decimal>, trades: readonly AccountTrade[], baseAsset: string, quoteAsset: string, thirdAssetFees = true): void {
  const add = (asset: string, amount: Decimal) => target.set(asset, (target.get(asset) ?? ZERO).add(amount))
  for (const trade of trades) {
    const sign = trade.side === 'BUY' ? 1 : -1
    add(baseAsset, trade.quantity.mul(sign))
    add(quoteAsset, trade.quoteQuantity.mul(-sign))
    if (thirdAssetFees || trade.commissionAsset === baseAsset || trade.commissionAsset === quoteAsset) add(trade.commissionAsset, trade.commission.neg())
  }
}

/** What a bot's open orders hold on the exchange: a BUY its remaining quote, a SELL its remaining base, an order list once. */
function locksOf(bot: BotView): Map<string, Decimal> {
  const locks = new Map<string, Decimal>()
  const lists = new Map<string, Decimal>()
  for (const order of bot.orders.filter(isLive)) {
    // What self-trade prevention took out of the book is no longer locked
    const remaining = order.origQty.sub(order.executedQty).sub(order.preventedQuantity ?? ZERO)
    if (order.orderListId !== undefined) {
      lists.set(order.orderListId, Decimal.max(lists.get(order.orderListId) ?? ZERO, remaining))
      continue
    }
    const [asset, amount] = order.side === 'BUY' ? [bot.rules.quoteAsset, remaining.mul(order.price)] : [bot.rules.baseAsset, remaining]
    locks.set(asset, (locks.get(asset) ?? ZERO).add(amount))
  }
  for (const amount of lists.values()) locks.set(bot.rules.baseAsset, (locks.get(bot.rules.baseAsset) ?? ZERO).add(amount))
  return locks
}
