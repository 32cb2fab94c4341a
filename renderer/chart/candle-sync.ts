import type { CandleView } from '@shared/api'

/**
 * How the series catches up with a new candle array: nothing to do, a few `series.update()` calls
 * (the last candle changed, one was appended, or both), or a full `setData()`.
 */
export type CandleSync =
  | { readonly kind: 'unchanged' }
  /** Candles to pass to `series.update()`, in this order. */
  | { readonly kind: 'update'; readonly candles: readonly CandleView[]; readonly appended: boolean }
  | { readonly kind: 'reset' }

const unchanged: CandleSync = { kind: 'unchanged' }
const reset: CandleSync = { kind: 'reset' }

/** Returns whether two candles draw the same bar; volume is not drawn, so it is not compared. */
function drawsSameBar(a: CandleView, b: CandleView): boolean {
  return a === b || (a.openTimeMs === b.openTimeMs && a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close)
}

/**
 * Returns how to bring a series drawn from `previous` to `next` (both oldest first). Anything but
 * "the last candle changed and/or one newer candle was appended" is a reset, because
 * `series.update()` can only touch the newest bar.
 */
export function planCandleSync(previous: readonly CandleView[], next: readonly CandleView[]): CandleSync {
  if (previous === next) return unchanged
  if (previous.length === 0) return next.length === 0 ? unchanged : reset
  const lastIndex = previous.length - 1
  if (next.length !== previous.length && next.length !== previous.length + 1) return reset
  // Arrays from an immutable store share their untouched candles, so this is mostly a reference check
  for (let index = 0; index < lastIndex; index += 1) {
    if (!drawsSameBar(previous[index] as CandleView, next[index] as CandleView)) return reset
  }
  const previousLast = previous[lastIndex] as CandleView
  const nextAtLast = next[lastIndex] as CandleView
  if (nextAtLast.openTimeMs !== previousLast.openTimeMs) return reset
  const updates: CandleView[] = drawsSameBar(previousLast, nextAtLast) ? [] : [nextAtLast]
  const appended = next[lastIndex + 1]
  if (appended !== undefined) {
    // Chart times are whole seconds, and update() rejects a bar older than the newest
    if (Math.floor(appended.openTimeMs / 1000) <= Math.floor(nextAtLast.openTimeMs / 1000)) return reset
    updates.push(appended)
  }
  return updates.length === 0 ? unchanged : { kind: 'update', candles: updates, appended: appended !== undefined }
}
