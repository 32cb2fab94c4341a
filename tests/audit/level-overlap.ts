import { iso, isLive, type LevelOrder } from './level-orders'

/**
 * Checks that no level ever held two live orders: on the exchange, each order of a level was
 * closed before the next one of that level was placed (a merge cancels first, a re-plan cancels
 * everything first). Orders closed and placed in the same millisecond count as one after the other.
 */
export function checkLevelOverlap(orders: readonly LevelOrder[]): string[] {
  const violations: string[] = []
  const byLevel = new Map<number, LevelOrder[]>()
  for (const entry of orders) byLevel.set(entry.level, [...(byLevel.get(entry.level) ?? []), entry])
  for (const [level, entries] of [...byLevel].sort((a, b) => a[0] - b[0])) {
    const sorted = [...entries].sort((a, b) => a.order.createdAtMs - b.order.createdAtMs)
    const open = sorted.filter((entry) => isLive(entry.order))
    if (open.length > 1) violations.push(`level ${level} holds ${open.length} live orders now: ${open.map(describe).join(', ')}`)
    for (let index = 0; index < sorted.length; index += 1) {
      const earlier = sorted[index] as LevelOrder
      const closedMs = isLive(earlier.order) ? Number.POSITIVE_INFINITY : earlier.order.updatedAtMs
      const later = sorted.slice(index + 1).find((entry) => entry.order.createdAtMs < closedMs)
      if (later !== undefined && !(isLive(earlier.order) && isLive(later.order))) {
        violations.push(`level ${level} held two live orders at ${iso(later.order.createdAtMs)}: ${describe(earlier)} (until ${isLive(earlier.order) ? 'now' : iso(closedMs)}) and ${describe(later)}`)
      }
    }
  }
  return violations
}

function describe(entry: LevelOrder): string {
  const { order } = entry
  return `${order.clientOrderId} ${order.side} ${order.origQty.toFixed()} @ ${order.price.toFixed()} ${order.status}`
}
