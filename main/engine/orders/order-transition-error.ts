import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/** Why an event cannot be applied to an order. */
export type OrderTransitionProblem = 'invalid-transition' | 'duplicate-trade' | 'overfill' | 'wrong-order'

/** An event that does not apply to an order; the engine logs it and keeps the order as it was. */
export class OrderTransitionError extends GridkeeperError {
  override readonly name = 'OrderTransitionError' as const
  readonly problem: OrderTransitionProblem

  constructor(problem: OrderTransitionProblem, message: string) {
    super('ORDER_TRANSITION', message)
    this.problem = problem
  }
}
