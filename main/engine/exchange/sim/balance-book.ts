import { Decimal } from '@shared/money/decimal'
import type { Balance } from '../port/account'

interface MutableBalance {
  free: Decimal
  locked: Decimal
}

/**
 * The account's balances, free and locked per asset, exact. Every change names the assets it
 * touched, so the simulator can report exactly those in its next balances event. A change that
 * would make a balance negative is a broken invariant of the simulator and throws at once.
 */
export class BalanceBook {
  private readonly assets = new Map<string, MutableBalance>()
  private readonly changed = new Set<string>()
  private lastChangeMs = 0

  constructor(initial: Readonly<Record<string, Decimal>>, nowMs: number) {
    for (const [asset, amount] of Object.entries(initial)) {
      if (amount.isNegative()) throw new RangeError(`starting balance of ${asset} is negative: ${amount.toFixed()}`)
      this.assets.set(asset, { free: amount, locked: new Decimal(0) })
    }
    this.lastChangeMs = nowMs
  }

  /** Returns the free amount of an asset (zero when never held). */
  free(asset: string): Decimal {
    return this.assets.get(asset)?.free ?? new Decimal(0)
  }

  /** Returns one asset's balance. */
  balance(asset: string): Balance {
    const entry = this.entry(asset)
    return { asset, free: entry.free, locked: entry.locked }
  }

  /** Returns every asset's balance, assets in the order they first appeared. */
  all(): Balance[] {
    return [...this.assets.keys()].map((asset) => this.balance(asset))
  }

  /** Returns when a balance last changed. */
  updatedAtMs(): number {
    return this.lastChangeMs
  }

  /** Moves `amount` from free to locked; the caller has checked that it is free. */
  lock(asset: string, amount: Decimal, nowMs: number): void {
    const entry = this.entry(asset)
    this.apply(asset, entry.free.sub(amount), entry.locked.add(amount), nowMs)
  }

  /** Moves `amount` from locked back to free. */
  unlock(asset: string, amount: Decimal, nowMs: number): void {
    const entry = this.entry(asset)
    this.apply(asset, entry.free.add(amount), entry.locked.sub(amount), nowMs)
  }

  /** Pays `amount` out of locked funds (a fill of a resting order). */
  spendLocked(asset: string, amount: Decimal, nowMs: number): void {
    const entry = this.entry(asset)
    this.apply(asset, entry.free, entry.locked.sub(amount), nowMs)
  }

  /** Pays `amount` out of free funds (a fill of an order that locked nothing). */
  spendFree(asset: string, amount: Decimal, nowMs: number): void {
    const entry = this.entry(asset)
    this.apply(asset, entry.free.sub(amount), entry.locked, nowMs)
  }

  /** Adds `amount` to free funds (what a fill brings in). */
  credit(asset: string, amount: Decimal, nowMs: number): void {
    const entry = this.entry(asset)
    this.apply(asset, entry.free.add(amount), entry.locked, nowMs)
  }

  /** Replaces every balance by `balances` (all free, nothing locked; assets not named become zero), as a testnet reset does. */
  resetTo(balances: Readonly<Record<string, Decimal>>, nowMs: number): void {
    for (const asset of this.assets.keys()) this.apply(asset, balances[asset] ?? new Decimal(0), new Decimal(0), nowMs)
    for (const [asset, amount] of Object.entries(balances)) this.apply(asset, amount, new Decimal(0), nowMs)
  }

  /** Returns the balances changed since the last call, and forgets them. */
  takeChanged(): Balance[] {
    const out = [...this.changed].map((asset) => this.balance(asset))
    this.changed.clear()
    return out
  }

  private entry(asset: string): MutableBalance {
    let entry = this.assets.get(asset)
    if (entry === undefined) {
      entry = { free: new Decimal(0), locked: new Decimal(0) }
      this.assets.set(asset, entry)
    }
    return entry
  }

  private apply(asset: string, free: Decimal, locked: Decimal, nowMs: number): void {
    if (free.isNegative() || locked.isNegative()) {
      throw new Error(`simulator invariant broken: ${asset} would become free ${free.toFixed()}, locked ${locked.toFixed()}`)
    }
    const entry = this.entry(asset)
    if (entry.free.eq(free) && entry.locked.eq(locked)) return
    entry.free = free
    entry.locked = locked
    this.changed.add(asset)
    this.lastChangeMs = nowMs
  }
}
