import { readFile, rename, writeFile } from 'node:fs/promises'
import { Decimal } from '@shared/money/decimal'
import type { NewOcoList, NewOrder } from '../port/new-order'
import { compactJournal } from './compact-journal'
import { JOURNAL_VERSION, type JournalEntry, type JournalHeader, type PaperState } from './journal-format'
import { ocoText, orderText } from './journal-orders'
import { MinuteBarFolder } from './minute-bar-folder'
import { PaperStateFileError } from './paper-state-file-error'

/**
 * The paper account's memory across restarts, recorded as it happens: every action that changed
 * the account (a public trade that filled or triggered an order, placed orders and lists with the
 * last price they saw, cancels with their cancel ids) and, between them, the market folded into
 * one bar per symbol and minute (the public trades that changed nothing but the last price and the
 * klines). Loading replays the actions into a fresh simulator, each at its recorded time, and puts
 * the bars back into the klines and the tape, which rebuilds balances, orders, fills, lists and
 * the klines exactly, because the simulator is deterministic. Failed requests change nothing and
 * are not recorded. Saving ends the open bars and drops bars older than the klines keep.
 */
export class PaperJournal {
  private header: JournalHeader
  private entries: JournalEntry[]
  private readonly bars = new MinuteBarFolder()

  constructor(header: JournalHeader, entries: readonly JournalEntry[] = []) {
    this.header = header
    this.entries = [...entries]
  }

  /**
   * Takes back an entry of a loaded file, so a later save keeps the whole history. A trade of a
   * version-1 file that turned out to change nothing (`changedAccount` false) is folded into its bar.
   */
  replayed(entry: JournalEntry, changedAccount = true): void {
    switch (entry.k) {
      case 'trade':
        this.trade(entry.t, entry.s, new Decimal(entry.p), new Decimal(entry.q), changedAccount)
        return
      case 'bar':
        this.push(this.bars.end(entry.s))
        this.bars.restored(entry)
        this.entries.push(entry)
        return
      case 'place':
      case 'cancel':
      case 'oco':
      case 'cancelList':
        this.entries.push(entry)
        return
    }
  }

  /**
   * Records a public trade: on its own when it changed the account (after the bar of its symbol
   * so far), else folded into the bar of its symbol and minute.
   */
  trade(timeMs: number, symbol: string, price: Decimal, quantity: Decimal, changedAccount: boolean): void {
    if (!changedAccount) {
      this.push(this.bars.fold(timeMs, symbol, price, quantity))
      return
    }
    this.push(this.bars.pass(symbol, price))
    this.entries.push({ k: 'trade', t: timeMs, s: symbol, p: price.toFixed(), q: quantity.toFixed() })
  }

  /** Records a placed order and the last price it saw. */
  place(timeMs: number, order: NewOrder, lastPrice: Decimal | undefined): void {
    this.entries.push({ k: 'place', t: timeMs, order: orderText(order), ...(lastPrice !== undefined ? { last: lastPrice.toFixed() } : {}) })
  }

  /** Records a cancel and the id of the request that made it. */
  cancel(timeMs: number, symbol: string, orderId: string, cancelId: string): void {
    this.entries.push({ k: 'cancel', t: timeMs, s: symbol, orderId, cancelId })
  }

  /** Records a placed OCO list and the last price it saw. */
  oco(timeMs: number, list: NewOcoList, lastPrice: Decimal | undefined): void {
    this.entries.push({ k: 'oco', t: timeMs, list: ocoText(list), ...(lastPrice !== undefined ? { last: lastPrice.toFixed() } : {}) })
  }

  /** Records a cancelled order list. */
  cancelList(timeMs: number, symbol: string, listClientOrderId: string, cancelId: string): void {
    this.entries.push({ k: 'cancelList', t: timeMs, s: symbol, listClientOrderId, cancelId })
  }

  /**
   * Returns the saved form: the open bars end here (their trades so far; later trades of the same
   * minute make another bar of it) and bars older than the klines keep are dropped.
   */
  checkpoint(): PaperState {
    for (const bar of this.bars.endAll()) this.entries.push(bar)
    const compacted = compactJournal({ header: this.header, entries: this.entries })
    this.header = compacted.header
    this.entries = [...compacted.entries]
    return { header: this.header, entries: [...this.entries] }
  }

  private push(entry: JournalEntry | undefined): void {
    if (entry !== undefined) this.entries.push(entry)
  }
}

/** Writes a saved account to a file (through a temporary file, so a crash never leaves half a file). */
export async function saveState(path: string, state: PaperState): Promise<void> {
  const temporary = `${path}.tmp`
  await writeFile(temporary, JSON.stringify(state))
  await rename(temporary, path)
}

/**
 * Reads a saved account from a file (this version or version 1); undefined when there is none.
 * Throws a PaperStateFileError on a file that is not one or that a newer version wrote.
 */
export async function loadState(path: string): Promise<PaperState | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined
    throw error
  }
  let state: Partial<PaperState> | null
  try {
    state = JSON.parse(text) as Partial<PaperState> | null
  } catch (error) {
    throw new PaperStateFileError(path, 'not-a-state-file', `${path} is not a paper server state file (${(error as Error).message}); it was left as it is`, { cause: error })
  }
  const version: unknown = state?.header?.version
  if (typeof version === 'number' && Number.isInteger(version) && version > JOURNAL_VERSION) {
    throw new PaperStateFileError(path, 'newer-version', `${path} was written by a newer Gridkeeper (state file version ${version}, this one reads up to ${JOURNAL_VERSION}); it was left as it is`)
  }
  if ((version !== 1 && version !== JOURNAL_VERSION) || !Array.isArray(state?.entries)) {
    throw new PaperStateFileError(path, 'not-a-state-file', `${path} is not a paper server state file; it was left as it is`)
  }
  return state as PaperState
}
