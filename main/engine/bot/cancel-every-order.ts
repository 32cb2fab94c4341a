import type { Clock } from '../clock/clock'
import type { Exchange } from '../exchange/port/exchange'
import { parseOrderId } from '../grid/trader/client-order-ids'
import type { Journal } from '../journal/journal'
import type { OrderGateway } from '../orders/order-gateway'

/** What cancelling a bot's orders needs. */
export interface CancelEveryOrderDeps {
  readonly botId: string
  readonly symbol: string
  readonly exchange: Exchange
  readonly journal: Journal
  readonly clock: Clock
  readonly gateway: OrderGateway
  /** Sweeps of the exchange's open orders at most: each cancels what the one before left. */
  readonly sweeps: number
  /** Pause between two sweeps, for the exchange to show what the last one did. */
  readonly pauseMs: number
}

/**
 * Cancels every order of the bot the exchange itself shows open (so it works while the stream is
 * down and after a restart), in a few bounded sweeps, through the gateway; orders the journal does
 * not know are cancelled by their client order id. Returns what was cancelled and what stays open.
 */
export async function cancelEveryOrder(deps: CancelEveryOrderDeps): Promise<{ readonly cancelled: string[]; readonly remaining: string[] }> {
  const { journal, clock, exchange, gateway, botId, symbol } = deps
  const cancelled: string[] = []
  let remaining: string[] = []
  for (let sweep = 0; sweep < deps.sweeps; sweep += 1) {
    remaining = (await exchange.openOrders(symbol)).map((order) => order.clientOrderId as string).filter((id) => parseOrderId(id)?.botId === botId)
    if (remaining.length === 0) break
    for (const id of remaining) {
      const done = journal.getIntent(id) === undefined ? await gateway.cancelUntracked(symbol, id) : (await gateway.cancel(id)).kind !== 'failed'
      if (done) cancelled.push(id)
    }
    if (sweep > 0) await clock.sleep(deps.pauseMs)
  }
  return { cancelled, remaining }
}
