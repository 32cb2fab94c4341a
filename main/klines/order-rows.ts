import type { KlineRowBuffer } from './kline-row-buffer'
import { isoTime } from './open-time'

/**
 * Returns the buffer's row indices in open-time order with each open time once. Rows out of order
 * are sorted (stably, so of equal times the earlier row comes first). A repeated open time keeps
 * one row when every value is the same and is an error naming both rows when any value differs.
 */
export function orderedUniqueRows(rows: KlineRowBuffer): Uint32Array {
  const times = rows.timesMs
  const length = rows.length
  let order: Uint32Array = new Uint32Array(length)
  for (let index = 0; index < length; index++) order[index] = index
  if (!isSorted(times, length)) order = sortedStably(order, times)
  const kept = new Uint32Array(length)
  let keptLength = 0
  let previous = -1
  for (const index of order) {
    if (previous >= 0 && times[index] === times[previous]) {
      if (!sameValues(rows, previous, index)) {
        rows.fail([rows.rowNumbers[previous] as number, rows.rowNumbers[index] as number].sort((a, b) => a - b), `both open at ${isoTime(times[index] as number)} with different values`)
      }
      continue
    }
    kept[keptLength++] = index
    previous = index
  }
  return kept.subarray(0, keptLength)
}

function isSorted(times: Float64Array, length: number): boolean {
  for (let index = 1; index < length; index++) if ((times[index] as number) < (times[index - 1] as number)) return false
  return true
}

function sortedStably(order: Uint32Array, times: Float64Array): Uint32Array {
  // Array.prototype.sort is stable, which keeps the earlier of two rows with the same time first
  const sorted = Array.from(order).sort((a, b) => (times[a] as number) - (times[b] as number) || a - b)
  return Uint32Array.from(sorted)
}

function sameValues(rows: KlineRowBuffer, a: number, b: number): boolean {
  if (rows.volumes[a] !== rows.volumes[b]) return false
  // Digits are kept without trailing zeros, so equal prices have equal digits and decimals
  for (let price = 0; price < 4; price++) {
    if (rows.digits[a * 4 + price] !== rows.digits[b * 4 + price] || rows.decimals[a * 4 + price] !== rows.decimals[b * 4 + price]) return false
  }
  return true
}
