import { DUST_HEDGE_PREFIX, NETTED_HEDGE_PREFIX, NO_HEDGE_PREFIX, REPLANNED_HEDGE_PREFIX, SOLD_HEDGE_PREFIX } from '../engine/grid/trader/grid-trader'

/** What a fill of each purpose is, where it needs no counter-order. */
const PURPOSE_TEXT: Readonly<Record<string, string>> = {
  acquire: 'the grid bought its starting base',
  rebalance: 'a rebalance',
  manual: 'a manual order',
  exit: 'an exit sale',
  emergency: 'an emergency sale'
}

/**
 * Says in words how a fill is covered without a counter-order of its own, from the note the grid
 * keeps on it ("dust:6" → "Kept as dust on level 6, too small for an order"); null when it has no note.
 */
export function hedgeNoteText(note: string | null): string | null {
  if (note === null) return null
  if (note.startsWith(DUST_HEDGE_PREFIX)) return `Kept as dust on level ${note.slice(DUST_HEDGE_PREFIX.length)}, too small for an order`
  if (note.startsWith(NETTED_HEDGE_PREFIX)) return `Netted against an opposite order on level ${note.slice(NETTED_HEDGE_PREFIX.length)}`
  if (note.startsWith(NO_HEDGE_PREFIX)) {
    const purpose = note.slice(NO_HEDGE_PREFIX.length)
    return `None needed: ${PURPOSE_TEXT[purpose] ?? 'not a grid trade'}`
  }
  if (note.startsWith(REPLANNED_HEDGE_PREFIX)) return 'None: traded before the grid was re-planned, held outside the grid'
  if (note.startsWith(SOLD_HEDGE_PREFIX)) {
    const [what = '', sold] = note.slice(SOLD_HEDGE_PREFIX.length).split(': ')
    const by = what === 'stop-loss' || what === 'take-profit' ? `the ${what} exit` : what === 'sale' || what === '' ? 'a sale of the base' : `the sale ${what}`
    return `None: sold by ${by}${sold === undefined ? '' : ` (${sold})`}`
  }
  return note
}
