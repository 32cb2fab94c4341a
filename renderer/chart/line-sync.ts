import type { EquityPoint } from '@shared/api'

/** How a line series catches up with a new point array: nothing to do, points appended with `series.update()`, or a full `setData()`. */
export type LineSync = { readonly kind: 'unchanged' } | { readonly kind: 'append'; readonly points: readonly EquityPoint[] } | { readonly kind: 'reset' }

/**
 * Returns how to bring a line drawn from `previous` to `next` (both oldest first): when `next`
 * starts with every point of `previous`, only the newer points are appended; anything else is
 * a reset, since `series.update()` can only touch the newest point.
 */
export function planLineSync(previous: readonly EquityPoint[], next: readonly EquityPoint[]): LineSync {
  if (previous === next) return { kind: 'unchanged' }
  if (previous.length === 0) return next.length === 0 ? { kind: 'unchanged' } : { kind: 'reset' }
  if (next.length < previous.length) return { kind: 'reset' }
  for (let index = 0; index < previous.length; index += 1) {
    const before = previous[index] as EquityPoint
    const after = next[index] as EquityPoint
    if (before !== after && (before.timeMs !== after.timeMs || before.value !== after.value)) return { kind: 'reset' }
  }
  return next.length === previous.length ? { kind: 'unchanged' } : { kind: 'append', points: next.slice(previous.length) }
}
