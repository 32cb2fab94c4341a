import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  type AutoscaleInfo,
  type CandlestickData,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type Time,
  type UTCTimestamp
} from 'lightweight-charts'
import type { CandleView } from '@shared/api'
import { autoscaleRange } from './autoscale-range'
import { planCandleSync } from './candle-sync'
import type { ChartLevel } from './chart-level'
import type { ChartMarker } from './chart-marker'
import { candlestickOptions, chartOptions, priceLineStyles } from './chart-theme'
import { toChartBar, toChartPrice } from './chart-values'
import { diffPriceLines } from './price-line-diff'
import { priceLineSpecs, type PriceLineKind } from './price-line-spec'
import { pricePrecision } from './price-precision'
import { toSeriesMarkers } from './series-markers'

/** How many of the newest candles set the price axis's decimals. */
const PRECISION_SAMPLE = 200

interface DrawnLine {
  readonly line: IPriceLine
  readonly kind: PriceLineKind
}

/**
 * Owns one lightweight-charts chart in a container and feeds it imperatively: candles through
 * `series.update()` when only the newest changed (else `setData()`), price lines created and
 * removed one by one as they change, fill markers snapped to their candles. It writes what it
 * has drawn to the container's data attributes (`data-candles`, `data-levels`, `data-markers`,
 * `data-last-marker` (its text and price), `data-last-close`, `data-stop-loss`, `data-take-profit`) so tests can read the chart without
 * looking at pixels.
 */
export class PriceChartController {
  readonly #container: HTMLElement
  readonly #chart: IChartApi
  readonly #series: ISeriesApi<'Candlestick'>
  readonly #markers: ISeriesMarkersPluginApi<Time>
  readonly #resizeObserver: ResizeObserver
  readonly #lines = new Map<string, DrawnLine>()
  #candles: readonly CandleView[] = []
  /** The bars the series holds, kept here so reading them costs nothing (see the constructor). */
  #bars: CandlestickData<UTCTimestamp>[] = []
  #fills: readonly ChartMarker[] = []
  #markerCount = 0
  #lastMarker = ''
  #levelLineCount = 0
  #precision: number | null = null
  #linePrices: number[] = []

  readonly #fitAll: boolean

  /**
   * Creates the chart, its candlestick series and its marker layer inside `container`. With
   * `fitAll` every candle shows at once after each new candle array (a backtest's history);
   * otherwise the chart follows the newest candles (a live market).
   */
  constructor(container: HTMLElement, options: { readonly fitAll?: boolean } = {}) {
    this.#container = container
    this.#fitAll = options.fitAll === true
    this.#chart = createChart(container, {
      ...chartOptions,
      width: container.clientWidth,
      height: container.clientHeight,
      // Thousands of bars fit in one width only when a bar may be narrower than lightweight-charts' default half pixel
      ...(this.#fitAll ? { timeScale: { ...chartOptions.timeScale, minBarSpacing: 0.01 } } : {})
    })
    this.#series = this.#chart.addSeries(CandlestickSeries, {
      ...candlestickOptions,
      // The price axis shows the grid's lines as well as the candles
      autoscaleInfoProvider: (original: () => AutoscaleInfo | null) => {
        const info = original()
        const priceRange = autoscaleRange(info?.priceRange ?? null, this.#linePrices)
        return priceRange === null ? null : { ...info, priceRange }
      }
    })
    // lightweight-charts 5.0.3's marker layer calls series.data() two or three times a frame, even
    // with no markers, and data() copies every bar: with 50k candles that was most of each frame
    // (tradingview/lightweight-charts#1808; 5.2.1 calls it once per data change). The series holds
    // exactly the bars kept in #bars, so data() answers from them
    this.#series.data = () => this.#bars
    this.#markers = createSeriesMarkers(this.#series, [])
    this.#resizeObserver = new ResizeObserver((entries) => {
      const box = entries.at(-1)?.contentRect
      // A hidden container measures 0 × 0; keeping the last size avoids a blank redraw when it shows again
      if (box !== undefined && box.width > 0 && box.height > 0) this.#chart.resize(Math.floor(box.width), Math.floor(box.height))
    })
    this.#resizeObserver.observe(container)
    this.#publish()
  }

  /** Draws a new candle array (oldest first), touching only the newest bars when it can. */
  setCandles(candles: readonly CandleView[]): void {
    const sync = planCandleSync(this.#candles, candles)
    this.#candles = candles
    switch (sync.kind) {
      case 'unchanged':
        return
      case 'update':
        for (const candle of sync.candles) this.#updateBar(toChartBar(candle))
        // A new candle can be the home of fills that sat on the one before it
        if (sync.appended) this.#drawMarkers()
        break
      case 'reset':
        this.#applyPrecision(candles)
        this.#bars = candles.map(toChartBar)
        this.#series.setData(this.#bars.slice())
        this.#drawMarkers()
        if (this.#fitAll) this.#chart.timeScale().fitContent()
        break
      default: {
        const unknown: never = sync
        throw new Error(`Unknown candle sync ${JSON.stringify(unknown)}`)
      }
    }
    this.#publish()
  }

  /** Draws the grid levels and the stop-loss and take-profit lines, creating and removing only what changed. */
  setLines(levels: readonly ChartLevel[], stopLoss: string | null, takeProfit: string | null): void {
    const wanted = priceLineSpecs(levels, stopLoss, takeProfit)
    const diff = diffPriceLines(this.#lines.keys(), wanted)
    for (const key of diff.removed) {
      const drawn = this.#lines.get(key)
      if (drawn === undefined) continue
      this.#series.removePriceLine(drawn.line)
      this.#lines.delete(key)
    }
    for (const spec of diff.added) {
      const line = this.#series.createPriceLine({
        price: toChartPrice(spec.price),
        title: spec.title,
        lineVisible: true,
        axisLabelVisible: true,
        ...priceLineStyles[spec.kind]
      })
      this.#lines.set(spec.key, { line, kind: spec.kind })
    }
    this.#linePrices = wanted.map((spec) => toChartPrice(spec.price))
    if (diff.added.length > 0 || diff.removed.length > 0) this.#chart.priceScale('right').applyOptions({ autoScale: true })
    this.#levelLineCount = [...this.#lines.values()].filter((drawn) => drawn.kind !== 'stop-loss' && drawn.kind !== 'take-profit').length
    this.#container.dataset.stopLoss = stopLoss ?? ''
    this.#container.dataset.takeProfit = takeProfit ?? ''
    this.#publish()
  }

  /** Draws the fill markers on the candles they happened in. */
  setMarkers(markers: readonly ChartMarker[]): void {
    if (markers === this.#fills) return
    this.#fills = markers
    this.#drawMarkers()
    this.#publish()
  }

  /** Removes the chart and stops watching the container's size; the controller is unusable after. */
  dispose(): void {
    this.#resizeObserver.disconnect()
    this.#chart.remove()
  }

  #updateBar(bar: CandlestickData<UTCTimestamp>): void {
    this.#series.update(bar)
    if (this.#bars.at(-1)?.time === bar.time) this.#bars[this.#bars.length - 1] = bar
    else this.#bars.push(bar)
  }

  #drawMarkers(): void {
    const placed = toSeriesMarkers(this.#fills, this.#candles)
    this.#markers.setMarkers(placed)
    this.#markerCount = placed.length
    const last = placed.at(-1)
    this.#lastMarker = last === undefined ? '' : `${last.text ?? ''} at ${'price' in last ? String(last.price) : ''}`
  }

  #applyPrecision(candles: readonly CandleView[]): void {
    const sample = candles.slice(-PRECISION_SAMPLE).flatMap((candle) => [candle.open, candle.high, candle.low, candle.close])
    const precision = pricePrecision(sample)
    if (precision === this.#precision) return
    this.#precision = precision
    this.#series.applyOptions({ priceFormat: { type: 'price', precision, minMove: 10 ** -precision } })
  }

  #publish(): void {
    const dataset = this.#container.dataset
    dataset.candles = String(this.#bars.length)
    dataset.levels = String(this.#levelLineCount)
    dataset.markers = String(this.#markerCount)
    dataset.lastMarker = this.#lastMarker
    dataset.lastClose = this.#candles.at(-1)?.close ?? ''
  }
}
