import { Decimal } from '@shared/money/decimal'
import type { TapeTrades } from './market-tape'

/** The state-file version this build writes; it reads it and version 1 (every public trade recorded). */
export const JOURNAL_VERSION = 2

/** How the saved account started. */
export interface JournalHeader {
  readonly version: 1 | typeof JOURNAL_VERSION
  readonly balances: Readonly<Record<string, string>>
  readonly prices: Readonly<Record<string, string>>
  readonly makerFee: string
  readonly takerFee: string
  /** Public trades per symbol whose bars were compacted away, so the trade ids after them stay the same. */
  readonly compactedTrades?: Readonly<Record<string, number>>
}

/** An order as exact text. */
export type WireOrder = Readonly<Record<string, string>>

/**
 * Public trades of one symbol within one minute that changed nothing but the market, merged: the
 * bar's open, high, low, close and volumes, the trade count, and the last trade's time (`t`),
 * quantity and direction. Consecutive bar entries of one minute add up to that minute's bar.
 */
export interface BarEntry {
  readonly k: 'bar'
  readonly t: number
  readonly s: string
  readonly o: string
  readonly h: string
  readonly l: string
  readonly c: string
  /** Base volume. */
  readonly v: string
  /** Quote volume. */
  readonly qv: string
  /** Trade count. */
  readonly n: number
  /** Base and quote volume of the trades a buyer took. */
  readonly tbv: string
  readonly tqv: string
  /** The last trade's quantity, and whether its buyer was the maker. */
  readonly lq: string
  readonly m: boolean
}

/**
 * One action that changed the paper account, or a bar of the market between them, with the time
 * it happened; money as exact text. A placement keeps the last price it saw (`last`), as replaying
 * it must see the same one.
 */
export type JournalEntry =
  | { readonly k: 'trade'; readonly t: number; readonly s: string; readonly p: string; readonly q: string }
  | BarEntry
  | { readonly k: 'place'; readonly t: number; readonly order: WireOrder; readonly last?: string }
  | { readonly k: 'cancel'; readonly t: number; readonly s: string; readonly orderId: string; readonly cancelId: string }
  | {
      readonly k: 'oco'
      readonly t: number
      readonly list: { readonly s: string; readonly id: string; readonly side: string; readonly q: string; readonly above: WireOrder; readonly below: WireOrder }
      readonly last?: string
    }
  | { readonly k: 'cancelList'; readonly t: number; readonly s: string; readonly listClientOrderId: string; readonly cancelId: string }

/** A saved paper account: how it started and every action since, oldest first. */
export interface PaperState {
  readonly header: JournalHeader
  readonly entries: readonly JournalEntry[]
}

/** Returns the bar entry of merged trades whose last one printed at `timeMs`. */
export function barEntry(symbol: string, trades: TapeTrades, timeMs: number): BarEntry {
  return {
    k: 'bar',
    t: timeMs,
    s: symbol,
    o: trades.open.toFixed(),
    h: trades.high.toFixed(),
    l: trades.low.toFixed(),
    c: trades.close.toFixed(),
    v: trades.volume.toFixed(),
    qv: trades.quoteVolume.toFixed(),
    n: trades.tradeCount,
    tbv: trades.takerBuyBaseVolume.toFixed(),
    tqv: trades.takerBuyQuoteVolume.toFixed(),
    lq: trades.lastQuantity.toFixed(),
    m: trades.lastBuyerIsMaker
  }
}

/** Returns the merged trades a bar entry holds. */
export function barTrades(entry: BarEntry): TapeTrades {
  return {
    open: new Decimal(entry.o),
    high: new Decimal(entry.h),
    low: new Decimal(entry.l),
    close: new Decimal(entry.c),
    volume: new Decimal(entry.v),
    quoteVolume: new Decimal(entry.qv),
    tradeCount: entry.n,
    takerBuyBaseVolume: new Decimal(entry.tbv),
    takerBuyQuoteVolume: new Decimal(entry.tqv),
    lastQuantity: new Decimal(entry.lq),
    lastBuyerIsMaker: entry.m
  }
}
