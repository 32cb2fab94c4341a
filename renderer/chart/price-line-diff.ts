import type { PriceLineSpec } from './price-line-spec'

/** The price lines to remove (by key) and to create, to go from the drawn lines to the wanted ones. */
export interface PriceLineDiff {
  readonly removed: readonly string[]
  readonly added: readonly PriceLineSpec[]
}

/** Returns which drawn lines to remove and which wanted lines to create; lines in both stay untouched. */
export function diffPriceLines(drawnKeys: Iterable<string>, wanted: readonly PriceLineSpec[]): PriceLineDiff {
  const wantedKeys = new Set(wanted.map((line) => line.key))
  const drawn = new Set(drawnKeys)
  const removed = [...drawn].filter((key) => !wantedKeys.has(key))
  const added: PriceLineSpec[] = []
  for (const line of wanted) {
    if (drawn.has(line.key)) continue
    // Guards against a repeated key in `wanted`, so a line is never created twice
    drawn.add(line.key)
    added.push(line)
  }
  return { removed, added }
}
