import type { OrderSide } from '../rules/order-request'
import type { OrderType } from '../rules/symbol-rules'
import type { TimeInForce, VenueOrderStatus } from '../port/order-report'
import type { ExecutionType } from '../port/user-event'

// Each mapper returns undefined for a value Binance may add later; the caller decides what that means

/** Maps Binance's order status, or undefined for a status the port does not know. */
export function orderStatusOf(value: unknown): VenueOrderStatus | undefined {
  switch (value) {
    case 'NEW':
      return 'NEW'
    case 'PENDING_NEW':
      return 'PENDING_NEW'
    case 'PARTIALLY_FILLED':
      return 'PARTIALLY_FILLED'
    case 'FILLED':
      return 'FILLED'
    case 'CANCELED':
      return 'CANCELED'
    case 'PENDING_CANCEL':
      return 'PENDING_CANCEL'
    case 'REJECTED':
      return 'REJECTED'
    case 'EXPIRED':
      return 'EXPIRED'
    case 'EXPIRED_IN_MATCH':
      return 'EXPIRED_IN_MATCH'
    default:
      return undefined
  }
}

/** Maps Binance's order type, or undefined for a type the port does not know. */
export function orderTypeOf(value: unknown): OrderType | undefined {
  switch (value) {
    case 'LIMIT':
      return 'LIMIT'
    case 'LIMIT_MAKER':
      return 'LIMIT_MAKER'
    case 'MARKET':
      return 'MARKET'
    case 'STOP_LOSS':
      return 'STOP_LOSS'
    case 'STOP_LOSS_LIMIT':
      return 'STOP_LOSS_LIMIT'
    case 'TAKE_PROFIT':
      return 'TAKE_PROFIT'
    case 'TAKE_PROFIT_LIMIT':
      return 'TAKE_PROFIT_LIMIT'
    default:
      return undefined
  }
}

/** Maps Binance's order side, or undefined for anything else. */
export function orderSideOf(value: unknown): OrderSide | undefined {
  switch (value) {
    case 'BUY':
      return 'BUY'
    case 'SELL':
      return 'SELL'
    default:
      return undefined
  }
}

/** Maps Binance's time in force, or undefined (GTD and later additions are not the port's). */
export function timeInForceOf(value: unknown): TimeInForce | undefined {
  switch (value) {
    case 'GTC':
      return 'GTC'
    case 'IOC':
      return 'IOC'
    case 'FOK':
      return 'FOK'
    default:
      return undefined
  }
}

/** Maps an executionReport's execution type `x`, or undefined for a type the port does not know. */
export function executionTypeOf(value: unknown): ExecutionType | undefined {
  switch (value) {
    case 'NEW':
      return 'NEW'
    case 'CANCELED':
      return 'CANCELED'
    case 'REPLACED':
      return 'REPLACED'
    case 'REJECTED':
      return 'REJECTED'
    case 'TRADE':
      return 'TRADE'
    case 'EXPIRED':
      return 'EXPIRED'
    case 'TRADE_PREVENTION':
      return 'TRADE_PREVENTION'
    default:
      return undefined
  }
}
