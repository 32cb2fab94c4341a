import type { Result } from '@shared/api/result'
import { Decimal } from '@shared/money/decimal'
import type { AccountSnapshot, Balance } from '../exchange/port/account'
import type { InsufficientFunds } from './insufficient-funds'

const ZERO = new Decimal(0)

/** How the exchange's taking of an order was seen: on the user-data stream, or in a REST response. */
export type AcceptanceSource = 'event' | 'response'

/** Funds set aside for an intent until the exchange's balances show them taken. */
interface Reservation {
  readonly botId: string
  readonly asset: string
  readonly amount: Decimal
  accepted?: { readonly seq: number; readonly source: AcceptanceSource }
}

/** Funds an open order of a bot holds. */
interface OrderLock {
  readonly botId: string
  readonly asset: string
  readonly amount: Decimal
}

/**
 * The account's funds as every bot on it must see them, with no two intents able to spend the
 * same coin and no bot able to spend another's share.
 *
 * - The account side is the exchange's own balances as last observed (a snapshot, or a balances
 *   event), minus the reservations of intents whose effect those balances do not show yet.
 *   A reservation ends when it is released (refused, failed, nothing sent), or when balances
 *   observed after the exchange took the order arrive: a balances event after the order's first
 *   stream event, or a REST snapshot taken after the order was accepted by any route. Until then
 *   it keeps counting, so a lagging balance can only make the engine more careful.
 * - Each bot's share is what it owns (its allocation plus the effect of its recorded fills) minus
 *   the locks of its open orders and its own reservations.
 * Callers serialise check → reserve → send with the account's AsyncLock; `observationSeq` values
 * come from one counter that grows with every event and snapshot the engine processes.
 */
export class FundsLedger {
  private readonly balances = new Map<string, Balance>()
  private readonly reservations = new Map<string, Reservation>()
  private readonly locks = new Map<string, OrderLock>()
  private readonly owners = new Map<string, Map<string, Decimal>>()

  /** Starts from the exchange's balances. */
  constructor(snapshot: AccountSnapshot) {
    for (const balance of snapshot.balances.values()) this.balances.set(balance.asset, balance)
  }

  /** Gives a bot its share: what it owns of each asset now (free and locked in its orders). */
  registerBot(botId: string, owned: Readonly<Record<string, Decimal>>): void {
    this.owners.set(botId, new Map(Object.entries(owned)))
  }

  /** Whether a bot has been given its share (it has been created or restored in this process). */
  hasBot(botId: string): boolean {
    return this.owners.has(botId)
  }

  /** Adds a recorded fill's effect (or any change of ownership) to a bot's share. */
  addToBot(botId: string, asset: string, delta: Decimal): void {
    const owned = this.ownerOf(botId)
    owned.set(asset, (owned.get(asset) ?? ZERO).add(delta))
  }

  /** Returns what a bot owns of an asset (free and locked in its orders). */
  owned(botId: string, asset: string): Decimal {
    return this.ownerOf(botId).get(asset) ?? ZERO
  }

  /** Sets what an open order of a bot holds (its unfilled remainder); zero removes the lock. */
  setOrderLock(clientOrderId: string, botId: string, asset: string, amount: Decimal): void {
    if (amount.isZero()) this.locks.delete(clientOrderId)
    else this.locks.set(clientOrderId, { botId, asset, amount })
  }

  /** Removes an order's lock (it is closed). */
  clearOrderLock(clientOrderId: string): void {
    this.locks.delete(clientOrderId)
  }

  /** Returns what a bot's open orders hold of an asset. */
  lockedBy(botId: string, asset: string): Decimal {
    let total = ZERO
    for (const lock of this.locks.values()) if (lock.botId === botId && lock.asset === asset) total = total.add(lock.amount)
    return total
  }

  /** Returns the account's free balance of an asset as last observed on the exchange. */
  exchangeFree(asset: string): Decimal {
    return this.balances.get(asset)?.free ?? ZERO
  }

  /** Returns the account's locked balance of an asset as last observed on the exchange. */
  exchangeLocked(asset: string): Decimal {
    return this.balances.get(asset)?.locked ?? ZERO
  }

  /** Returns what a bot may commit of an asset now: its share's unlocked, unreserved part, capped by the account. */
  available(botId: string, asset: string): Decimal {
    return Decimal.min(this.botAvailable(botId, asset), this.accountAvailable(asset))
  }

  /**
   * Returns what of an asset no bot's share claims: the account's free balance less its pending
   * reservations and the unlocked part of every bot's share (a new bot can be given at most this).
   */
  unclaimed(asset: string): Decimal {
    let claimed = ZERO
    for (const botId of this.owners.keys()) claimed = claimed.add(Decimal.max(ZERO, this.botAvailable(botId, asset)))
    return Decimal.max(ZERO, this.accountAvailable(asset).sub(claimed))
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

  /** Drops an intent's reservation at once; no effect if it has none. */
  release(intentId: string): void {
    this.reservations.delete(intentId)
  }

  /** Returns true while an intent holds a reservation. */
  isReserved(intentId: string): boolean {
    return this.reservations.has(intentId)
  }

  /**
   * The exchange took an intent's order, seen at observation `seq`. From now on the order's own
   * lock counts for the bot; the reservation keeps counting for the account until balances
   * observed after it show the order.
   */
  markAccepted(intentId: string, seq: number, source: AcceptanceSource): void {
    const reservation = this.reservations.get(intentId)
    if (reservation === undefined) return
    // An event sighting releases sooner than a response one; never downgrade it
    if (reservation.accepted === undefined || (reservation.accepted.source === 'response' && source === 'event')) {
      reservation.accepted = { seq, source }
    }
  }

  /** Takes changed balances from a user-data event observed at `seq`. */
  observeBalances(balances: readonly Balance[], seq: number): void {
    for (const balance of balances) this.balances.set(balance.asset, balance)
    this.releaseSeen(seq, (accepted) => accepted.source === 'event')
  }

  /** Takes the whole account from a REST snapshot requested at observation `seq`. */
  observeSnapshot(snapshot: AccountSnapshot, seq: number): void {
    this.balances.clear()
    for (const balance of snapshot.balances.values()) this.balances.set(balance.asset, balance)
    this.releaseSeen(seq, () => true)
  }

  private releaseSeen(seq: number, applies: (accepted: NonNullable<Reservation['accepted']>) => boolean): void {
    for (const [intentId, reservation] of this.reservations) {
      if (reservation.accepted !== undefined && reservation.accepted.seq < seq && applies(reservation.accepted)) {
        this.reservations.delete(intentId)
      }
    }
  }

  private botAvailable(botId: string, asset: string): Decimal {
    let reserved = ZERO
    for (const reservation of this.reservations.values()) {
      // Once accepted, the order's own lock stands for it in the bot's share
      if (reservation.botId === botId && reservation.asset === asset && reservation.accepted === undefined) {
        reserved = reserved.add(reservation.amount)
      }
    }
    return this.owned(botId, asset).sub(this.lockedBy(botId, asset)).sub(reserved)
  }

  private accountAvailable(asset: string): Decimal {
    let reserved = ZERO
    for (const reservation of this.reservations.values()) if (reservation.asset === asset) reserved = reserved.add(reservation.amount)
    return this.exchangeFree(asset).sub(reserved)
  }

  private ownerOf(botId: string): Map<string, Decimal> {
    const owned = this.owners.get(botId)
    if (owned === undefined) throw new Error(`bot ${botId} has no share in the funds ledger`)
    return owned
  }
}
