import { tradeId, venueOrderId, type TradeId, type VenueOrderId } from '../port/identifiers'

/** The simulator's counters: order ids, order list ids, trade ids and book priority, each increasing. */
export class IdSequence {
  private order = 0
  private list = 0
  private trade = 0
  private priority = 0

  /** Returns the next order id ("1", "2", …). */
  nextOrderId(): VenueOrderId {
    this.order += 1
    return venueOrderId(String(this.order))
  }

  /** Returns how many order ids were handed out: every order numbered at most this exists already. */
  orderCount(): number {
    return this.order
  }

  /** Returns the next order list id. */
  nextListId(): string {
    this.list += 1
    return String(this.list)
  }

  /** Returns the next trade id, global across symbols. */
  nextTradeId(): TradeId {
    this.trade += 1
    return tradeId(String(this.trade))
  }

  /** Returns the next time-priority number. */
  nextPriority(): number {
    this.priority += 1
    return this.priority
  }
}
