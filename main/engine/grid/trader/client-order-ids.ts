import { clientOrderId, type ClientOrderId } from '../../exchange/port/identifiers'

/** What an order of a bot is for, as encoded in its client order id. */
export type OrderTag =
  | { readonly kind: 'level'; readonly level: number; readonly side: 'BUY' | 'SELL' }
  | { readonly kind: 'acquire' | 'rebalance' | 'manual' | 'exit' | 'emergency' }

const PREFIX = 'gk'
const BOT_ID = /^[A-Za-z0-9]{1,8}$/
const PATTERN = /^gk-([A-Za-z0-9]{1,8})-(?:(\d{1,4})([BS])|([ARMXE]))-(\d{1,9})$/
const LETTERS = { acquire: 'A', rebalance: 'R', manual: 'M', exit: 'X', emergency: 'E' } as const
const KINDS = { A: 'acquire', R: 'rebalance', M: 'manual', X: 'exit', E: 'emergency' } as const

/**
 * Returns the deterministic client order id of a bot's order: `gk-<bot>-<level><B|S>-<cycle>` for
 * grid orders, `gk-<bot>-<A|R|M|X|E>-<n>` for others. The cycle makes an id unique after the
 * previous order of the same level and side closed (Binance reuses ids of closed orders), and at
 * most 30 characters keep it inside Binance's 36.
 */
export function orderIdFor(botId: string, tag: OrderTag, cycle: number): ClientOrderId {
  if (!BOT_ID.test(botId)) throw new RangeError(`bot id "${botId}" must be 1 to 8 letters or digits`)
  if (!Number.isSafeInteger(cycle) || cycle < 1 || cycle > 999_999_999) throw new RangeError(`cycle ${cycle} is out of range`)
  const middle = tag.kind === 'level' ? `${tag.level}${tag.side === 'BUY' ? 'B' : 'S'}` : LETTERS[tag.kind]
  if (tag.kind === 'level' && (!Number.isInteger(tag.level) || tag.level < 0 || tag.level > 9999)) {
    throw new RangeError(`level ${tag.level} is out of range`)
  }
  return clientOrderId(`${PREFIX}-${botId}-${middle}-${cycle}`)
}

/** Returns what every client order id of a bot starts with, `gk-<bot>-` (its order lists' ids too). */
export function botOrderIdPrefix(botId: string): string {
  if (!BOT_ID.test(botId)) throw new RangeError(`bot id "${botId}" must be 1 to 8 letters or digits`)
  return `${PREFIX}-${botId}-`
}

/** Reads a client order id written by orderIdFor; undefined for anyone else's id. */
export function parseOrderId(id: string): { readonly botId: string; readonly tag: OrderTag; readonly cycle: number } | undefined {
  const match = PATTERN.exec(id)
  if (match === null) return undefined
  const [, botId, level, side, letter, cycle] = match
  const tag: OrderTag =
    letter !== undefined ? { kind: KINDS[letter as keyof typeof KINDS] } : { kind: 'level', level: Number(level), side: side === 'B' ? 'BUY' : 'SELL' }
  return { botId: botId as string, tag, cycle: Number(cycle) }
}

/** Returns the name of the journal counter that numbers a tag's cycles. */
export function counterNameOf(tag: OrderTag): string {
  return tag.kind === 'level' ? `level-${tag.level}` : tag.kind
}
