import type { SeriesMarker, UTCTimestamp } from 'lightweight-charts'
import type { CandleView } from '@shared/api'
import type { ChartMarker } from './chart-marker'
import { chartPalette } from './chart-palette'
import { toChartPrice, toChartTime } from './chart-values'

/** Returns the index of the last candle opened at or before `timeMs`, or -1 when all open later. */
function candleIndexAt(candles: readonly CandleView[], timeMs: number): number {
  let low = 0
  let high = candles.length - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >>> 1
    if ((candles[middle] as CandleView).openTimeMs <= timeMs) {
      found = middle
      low = middle + 1
    } else {
      high = middle - 1
    }
  }
  return found
}

/**
 * Returns the series markers for the fills, sorted by time, each on the open time (in seconds) of
 * the candle it happened in, since a marker only shows on a time that has a bar, and at its fill
 * price: a BUY's arrow points up to it from below, a SELL's down to it from above (markers placed
 * above or below the bar stack away from the candles, and the price axis stretches to show them).
 * A fill before the first candle has no bar to sit on and is left out; one after the last
 * candle's open sits on the last candle, which is still forming.
 */
export function toSeriesMarkers(markers: readonly ChartMarker[], candles: readonly CandleView[]): SeriesMarker<UTCTimestamp>[] {
  // Array.prototype.sort is stable, so fills at the same time keep their order
  const sorted = [...markers].sort((a, b) => a.timeMs - b.timeMs)
  const placed: SeriesMarker<UTCTimestamp>[] = []
  for (const marker of sorted) {
    const index = candleIndexAt(candles, marker.timeMs)
    if (index === -1) continue
    const time = toChartTime((candles[index] as CandleView).openTimeMs)
    placed.push(
      marker.side === 'BUY'
        ? { time, position: 'atPriceTop', price: toChartPrice(marker.price), shape: 'arrowUp', color: chartPalette.up, text: marker.text }
        : { time, position: 'atPriceBottom', price: toChartPrice(marker.price), shape: 'arrowDown', color: chartPalette.down, text: marker.text }
    )
  }
  return placed
}
