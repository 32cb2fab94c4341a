import type { Result } from '@shared/api/result'
import { Decimal } from '@shared/money/decimal'
import type { AccountSnapshot } from '../exchange/port/account'
import type { InsufficientFunds } from './insufficient-funds'

const ZERO = new Decimal(0)

/** Funds set aside for an order intent between the check and the exchange's answer. */
interface Reservation {
  readonly botId: string
  readonly asset: string
  readonly amount: Decimal
}

/** Funds an open order holds on the exchange. */
interface OrderLock {
  readonly botId: string
  readonly asset: string
  amount: Decimal
}

/** A bot's own share of the account: what it owns of each asset. */
interface BotBook {
  readonly owned: Map<string, Decimal>
}

/** A fill as the ledger books it. */
export interface LedgerFill {
  readonly side: 'BUY' | 'SELL'
  readonly baseAsset: string
  readonly quoteAsset: string
  readonly price: Decimal
  readonly quantity: Decimal
  readonly commission: Decimal
  readonly commissionAsset: string
  /** The order's limit price, for a BUY whose quote was locked at that price; absent for MARKET. */
  readonly orderPrice?: Decimal
}

/** One asset where the ledger and the exchange disagree. */
export interface BalanceDrift {
  readonly asset: string
  readonly ledgerFree: Decimal
  readonly ledgerLocked: Decimal
  readonly exchangeFree: Decimal
  readonly exchangeLocked: Decimal
}

/**
 * The account's funds as the engine books them, shared by every bot on the account: the free and
 * locked balance of each asset, reservations of intents in flight, the locks of open orders, and
 * each bot's own share. A reservation succeeds only when both the bot's share and the account's
 * free balance cover it, so no bot spends another's funds and no two intents spend the same coin.
 * It is kept exact from our own actions and fills; `compare` checks it against the exchange.
 * Callers serialise check → reserve → send with the account's AsyncLock.
 */
export class FundsLedger {
  private readonly free = new Map<string, Decimal>()
  private readonly locked = new Map<string, Decimal>()
  private readonly reservations = new Map<string, Reservation>()
  private readonly locks = new Map<string, OrderLock>()
  private readonly bots = new Map<string, BotBook>()

  /** Starts the account side from the exchange's balances. */
  constructor(snapshot: AccountSnapshot) {
    this.adopt(snapshot)
  }

  /** Gives a bot its share of the account (what it owns of each asset now, locked in orders included). */
  registerBot(botId: string, owned: Readonly<Record<string, Decimal>>): void {
    this.bots.set(botId, { owned: new Map(Object.entries(owned)) })
  }

  /** Returns what a bot owns of an asset (free and locked in its orders). */
  owned(botId: string, asset: string): Decimal {
    return this.book(botId).owned.get(asset) ?? ZERO
  }

  /** Returns the account's free balance of an asset as booked. */
  accountFree(asset: string): Decimal {
    return this.free.get(asset) ?? ZERO
  }

  /** Returns the account's locked balance of an asset as booked. */
  accountLocked(asset: string): Decimal {
    return this.locked.get(asset) ?? ZERO
  }

  /** Returns what a bot may still commit of an asset: its own unlocked, unreserved share, capped by the account. */
  available(botId: string, asset: string): Decimal {
    return Decimal.min(this.botAvailable(botId, asset), this.accountAvailable(asset))
  }

  /** Sets funds aside for an intent, or says whose funds are short. One reservation per intent. */
  reserve(intentId: string, botId: string, asset: string, amount: Decimal): Result<void, InsufficientFunds> {
    if (this.reservations.has(intentId)) throw new Error(`intent ${intentId} already holds a reservation`)
    const forBot = this.botAvailable(botId, asset)
    if (forBot.lt(amount)) return { ok: false, error: { scope: 'bot', asset, needed: amount, available: forBot } }
    const forAccount = this.accountAvailable(asset)
    if (forAccount.lt(amount)) return { ok: false, error: { scope: 'account', asset, needed: amount, available: forAccount } }
    this.reservations.set(intentId, { botId, asset, amount })
    return { ok: true, value: undefined }
  }

  /** Drops an intent's reservation (refused, failed, or nothing to send); no effect if it has none. */
  release(intentId: string): void {
    this.reservations.delete(intentId)
  }

  /** Returns true while an intent holds a reservation. */
  isReserved(intentId: string): boolean {
    return this.reservations.has(intentId)
  }

  /**
   * The exchange accepted an intent's order: its reservation ends and, for a resting order, the
   * exchange now holds `lockAmount` of the asset in the order (free → locked).
   */
  orderAccepted(intentId: string, clientOrderId: string, botId: string, asset: string, lockAmount: Decimal): void {
    this.reservations.delete(intentId)
    this.trackOpenOrder(clientOrderId, botId, asset, lockAmount)
  }

  /** Records an open order's lock as the exchange holds it (at start, or after an accepted order). */
  trackOpenOrder(clientOrderId: string, botId: string, asset: string, lockAmount: Decimal): void {
    if (this.locks.has(clientOrderId) || lockAmount.isZero()) return
    this.locks.set(clientOrderId, { botId, asset, amount: lockAmount })
    this.move(this.free, this.locked, asset, lockAmount)
  }

  /** Books one fill of an order: the account and the bot each pay and receive what the trade moved. */
  applyFill(clientOrderId: string, botId: string, fill: LedgerFill): void {
    const lock = this.locks.get(clientOrderId)
    const quote = fill.price.mul(fill.quantity)
    if (fill.side === 'BUY') {
      // A resting BUY paid from quote locked at its own price; a better fill price frees the difference
      const fromLock = lock !== undefined && fill.orderPrice !== undefined ? Decimal.min(fill.orderPrice.mul(fill.quantity), lock.amount) : ZERO
      this.spendLocked(lock, fill.quoteAsset, fromLock)
      this.add(this.free, fill.quoteAsset, fromLock.sub(quote))
      this.add(this.free, fill.baseAsset, fill.quantity)
      this.addOwned(botId, fill.quoteAsset, quote.neg())
      this.addOwned(botId, fill.baseAsset, fill.quantity)
    } else {
      const fromLock = lock !== undefined ? Decimal.min(fill.quantity, lock.amount) : ZERO
      this.spendLocked(lock, fill.baseAsset, fromLock)
      this.add(this.free, fill.baseAsset, fromLock.sub(fill.quantity))
      this.add(this.free, fill.quoteAsset, quote)
      this.addOwned(botId, fill.baseAsset, fill.quantity.neg())
      this.addOwned(botId, fill.quoteAsset, quote)
    }
    this.add(this.free, fill.commissionAsset, fill.commission.neg())
    this.addOwned(botId, fill.commissionAsset, fill.commission.neg())
  }

  /** An order ended (filled, cancelled, expired): what it still locked is free again. */
  orderClosed(clientOrderId: string): void {
    const lock = this.locks.get(clientOrderId)
    if (lock === undefined) return
    this.move(this.locked, this.free, lock.asset, lock.amount)
    this.locks.delete(clientOrderId)
  }

  /** Returns the assets where the booked balances differ from the exchange's. */
  compare(snapshot: AccountSnapshot): BalanceDrift[] {
    const assets = new Set([...this.free.keys(), ...this.locked.keys(), ...snapshot.balances.keys()])
    const drifts: BalanceDrift[] = []
    for (const asset of [...assets].sort()) {
      const exchange = snapshot.balances.get(asset)
      const drift = {
        asset,
        ledgerFree: this.accountFree(asset),
        ledgerLocked: this.accountLocked(asset),
        exchangeFree: exchange?.free ?? ZERO,
        exchangeLocked: exchange?.locked ?? ZERO
      }
      if (!drift.ledgerFree.eq(drift.exchangeFree) || !drift.ledgerLocked.eq(drift.exchangeLocked)) drifts.push(drift)
    }
    return drifts
  }

  /** Takes the exchange's balances as the account's booked balances (bot shares are unchanged). */
  adopt(snapshot: AccountSnapshot): void {
    this.free.clear()
    this.locked.clear()
    for (const balance of snapshot.balances.values()) {
      this.free.set(balance.asset, balance.free)
      this.locked.set(balance.asset, balance.locked)
    }
  }

  private botAvailable(botId: string, asset: string): Decimal {
    let committed = ZERO
    for (const lock of this.locks.values()) if (lock.botId === botId && lock.asset === asset) committed = committed.add(lock.amount)
    for (const reservation of this.reservations.values()) {
      if (reservation.botId === botId && reservation.asset === asset) committed = committed.add(reservation.amount)
    }
    return this.owned(botId, asset).sub(committed)
  }

  private accountAvailable(asset: string): Decimal {
    let reserved = ZERO
    for (const reservation of this.reservations.values()) if (reservation.asset === asset) reserved = reserved.add(reservation.amount)
    return this.accountFree(asset).sub(reserved)
  }

  private spendLocked(lock: OrderLock | undefined, asset: string, amount: Decimal): void {
    if (lock === undefined || amount.isZero()) return
    lock.amount = lock.amount.sub(amount)
    this.add(this.locked, asset, amount.neg())
  }

  private book(botId: string): BotBook {
    const book = this.bots.get(botId)
    if (book === undefined) throw new Error(`bot ${botId} has no share in the funds ledger`)
    return book
  }

  private addOwned(botId: string, asset: string, amount: Decimal): void {
    const owned = this.book(botId).owned
    owned.set(asset, (owned.get(asset) ?? ZERO).add(amount))
  }

  private add(target: Map<string, Decimal>, asset: string, amount: Decimal): void {
    target.set(asset, (target.get(asset) ?? ZERO).add(amount))
  }

  private move(from: Map<string, Decimal>, to: Map<string, Decimal>, asset: string, amount: Decimal): void {
    this.add(from, asset, amount.neg())
    this.add(to, asset, amount)
  }
}
