import { readFileSync } from 'node:fs'

/** What a saved paper account shows of the orders placed on it. */
export type PaperAccountOrders =
  | { readonly kind: 'none' }
  | { readonly kind: 'orders'; readonly count: number; readonly botIds: readonly string[] }
  | { readonly kind: 'unreadable' }

const BOT_ORDER_ID = /^gk-([A-Za-z0-9]{1,8})-/

/**
 * Reads the paper account saved at `path` (`paper/account.json`) for the orders placed on it: how
 * many (an OCO list counts once) and the bots their client order ids name. A missing file, or
 * one without orders, is `none`; a file that is not a paper account is `unreadable`.
 */
export function paperAccountOrders(path: string): PaperAccountOrders {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' }
    return { kind: 'unreadable' }
  }
  let entries: unknown
  try {
    entries = (JSON.parse(text) as { entries?: unknown } | null)?.entries
  } catch {
    return { kind: 'unreadable' }
  }
  if (!Array.isArray(entries)) return { kind: 'unreadable' }
  let count = 0
  const botIds = new Set<string>()
  for (const entry of entries as unknown[]) {
    const ids = orderIdsOf(entry)
    if (ids === undefined) continue
    count += 1
    for (const id of ids) {
      const bot = BOT_ORDER_ID.exec(id)?.[1]
      if (bot !== undefined) botIds.add(bot)
    }
  }
  return count === 0 ? { kind: 'none' } : { kind: 'orders', count, botIds: [...botIds] }
}

/** Returns the client order ids of a placement (an order, or an OCO list and its legs), or undefined for any other entry. */
function orderIdsOf(entry: unknown): string[] | undefined {
  const value = entry as { k?: unknown; order?: { clientOrderId?: unknown }; list?: { id?: unknown; above?: { clientOrderId?: unknown }; below?: { clientOrderId?: unknown } } } | null
  if (value?.k === 'place') return [value.order?.clientOrderId].filter((id): id is string => typeof id === 'string')
  if (value?.k === 'oco') return [value.list?.id, value.list?.above?.clientOrderId, value.list?.below?.clientOrderId].filter((id): id is string => typeof id === 'string')
  return undefined
}
