import type { TimeInForce } from '../port/order-report'
import type { OrderType } from '../rules'
import { venueErrors } from './venue-errors'

const NEEDS_TIME_IN_FORCE: ReadonlySet<OrderType> = new Set(['LIMIT', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'])

/**
 * Checks timeInForce the way Binance does: required for LIMIT, STOP_LOSS_LIMIT and
 * TAKE_PROFIT_LIMIT (-1102), not taken by any other type (-1106). `parameter` names it in the
 * error (e.g. aboveTimeInForce for an OCO leg).
 */
export function checkTimeInForce(type: OrderType, timeInForce: TimeInForce | undefined, parameter = 'timeInForce'): void {
  const needed = NEEDS_TIME_IN_FORCE.has(type)
  if (needed && timeInForce === undefined) throw venueErrors.mandatoryParameter(parameter)
  if (!needed && timeInForce !== undefined) throw venueErrors.parameterNotRequired(parameter)
}
