import { Decimal } from '@shared/money/decimal'
import type { UserEvent } from '../port/user-event'
import { STOP_TYPES } from '../sim/stop-trigger'
import type { OrderJsonContext } from './order-json'
import { isWorking } from './order-json'
import { wireDecimal } from './wire-decimal'

type Json = Record<string, unknown>

const ZERO = new Decimal(0)

/** Numbers the execution reports (Binance's `I`, the execution id). */
export class ExecutionIdSequence {
  private value = 0

  /** Returns the next execution id. */
  next(): number {
    this.value += 1
    return this.value
  }
}

/**
 * Maps one of the simulator's venue-neutral user events back to Binance's wire event with its
 * short keys: an execution to `executionReport` (on a cancel `c` is the cancel request's id and
 * `C` the order's own; `eR` when expired), balances to `outboundAccountPosition`, a list change to
 * `listStatus`. The simulator's own stream notices have no wire form and give undefined.
 */
export function userDataEvent(event: UserEvent, context: OrderJsonContext, executionIds: ExecutionIdSequence): Json | undefined {
  switch (event.type) {
    case 'execution': {
      const report = event.report
      const fill = event.fill
      const cancelled = event.executionType === 'CANCELED'
      const cancelId = cancelled ? context.annotations.cancelId(report.orderId) : undefined
      const open = report.status === 'NEW' || report.status === 'PARTIALLY_FILLED'
      const working = isWorking(report)
      return {
        e: 'executionReport',
        E: event.eventTimeMs,
        s: report.symbol,
        c: cancelId ?? report.clientOrderId,
        S: report.side,
        o: report.type,
        f: report.timeInForce ?? 'GTC',
        q: wireDecimal(report.origQty),
        p: wireDecimal(report.price),
        P: wireDecimal(report.stopPrice ?? ZERO),
        F: wireDecimal(ZERO),
        g: report.orderListId === undefined ? -1 : Number(report.orderListId),
        C: cancelled ? report.clientOrderId : '',
        x: event.executionType,
        X: report.status,
        r: 'NONE',
        i: Number(report.orderId),
        l: wireDecimal(fill?.quantity ?? ZERO),
        z: wireDecimal(report.executedQty),
        L: wireDecimal(fill?.price ?? ZERO),
        n: fill === undefined ? '0' : wireDecimal(fill.commission),
        N: fill?.commissionAsset ?? null,
        T: fill?.timeMs ?? event.eventTimeMs,
        t: fill === undefined ? -1 : Number(fill.tradeId),
        I: executionIds.next(),
        w: open && working,
        m: fill?.isMaker ?? false,
        M: false,
        O: report.createdAtMs,
        Z: wireDecimal(report.cumulativeQuoteQty),
        Y: wireDecimal(fill?.quoteQuantity ?? ZERO),
        Q: wireDecimal(context.annotations.quoteOrderQty(report.orderId) ?? ZERO),
        ...(working || !STOP_TYPES.has(report.type) ? { W: report.createdAtMs } : {}),
        V: context.stpMode(report.symbol),
        ...(report.expiryReason !== undefined ? { eR: report.expiryReason } : {}),
        // Self-trade prevention: the quantity prevented over the order's life, and by this event
        ...(report.preventedQuantity !== undefined ? { A: wireDecimal(report.preventedQuantity) } : {}),
        ...(event.executionType === 'TRADE_PREVENTION' && report.preventedQuantity !== undefined ? { B: wireDecimal(report.preventedQuantity) } : {})
      }
    }
    case 'balances':
      return {
        e: 'outboundAccountPosition',
        E: event.eventTimeMs,
        u: event.eventTimeMs,
        B: event.balances.map((balance) => ({ a: balance.asset, f: wireDecimal(balance.free), l: wireDecimal(balance.locked) }))
      }
    case 'list-status': {
      const list = event.list
      return {
        e: 'listStatus',
        E: event.eventTimeMs,
        s: list.symbol,
        g: Number(list.orderListId),
        c: list.contingencyType,
        l: list.listStatusType,
        L: list.listOrderStatus,
        r: 'NONE',
        C: list.listClientOrderId,
        T: list.updatedAtMs,
        O: list.orders.map((order) => ({ s: order.symbol, i: Number(order.orderId), c: order.clientOrderId }))
      }
    }
    case 'stream':
      return undefined
  }
}
