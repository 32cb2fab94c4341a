import { createChart, LineSeries, type IChartApi, type ISeriesApi, type LineData, type UTCTimestamp } from 'lightweight-charts'
import type { EquityPoint } from '@shared/api'
import { chartPalette } from './chart-palette'
import { chartOptions } from './chart-theme'
import { toChartTime } from './chart-values'
import { planLineSync } from './line-sync'

/**
 * Owns one lightweight-charts chart with a single line series in a container, fed imperatively:
 * new points appended with `series.update()` when the drawn ones are unchanged, else `setData()`.
 * It writes what it has drawn to the container's `data-points` and `data-last-value` so tests can
 * read the chart without looking at pixels.
 */
export class EquityChartController {
  readonly #container: HTMLElement
  readonly #chart: IChartApi
  readonly #series: ISeriesApi<'Line'>
  readonly #resizeObserver: ResizeObserver
  #points: readonly EquityPoint[] = []
  #drawn = 0
  #lastTime = -Infinity

  /** Creates the chart and its line inside `container`. */
  constructor(container: HTMLElement) {
    this.#container = container
    this.#chart = createChart(container, { ...chartOptions, width: container.clientWidth, height: container.clientHeight })
    this.#series = this.#chart.addSeries(LineSeries, { color: chartPalette.preview, lineWidth: 2, priceFormat: { type: 'price', precision: 2, minMove: 0.01 } })
    this.#resizeObserver = new ResizeObserver((entries) => {
      const box = entries.at(-1)?.contentRect
      if (box !== undefined && box.width > 0 && box.height > 0) this.#chart.resize(Math.floor(box.width), Math.floor(box.height))
    })
    this.#resizeObserver.observe(container)
    this.#publish()
  }

  /** Draws a new point array (oldest first), appending when only newer points came. */
  setPoints(points: readonly EquityPoint[]): void {
    const sync = planLineSync(this.#points, points)
    this.#points = points
    switch (sync.kind) {
      case 'unchanged':
        return
      case 'append':
        for (const point of sync.points) this.#append(point)
        break
      case 'reset': {
        const data: LineData<UTCTimestamp>[] = []
        for (const point of points) {
          const time = toChartTime(point.timeMs)
          // Chart times are whole seconds and must rise: a point in the same second replaces the one before
          if (data.at(-1)?.time === time) data[data.length - 1] = { time, value: point.value }
          else if (data.length === 0 || time > (data.at(-1) as LineData<UTCTimestamp>).time) data.push({ time, value: point.value })
        }
        this.#series.setData(data)
        this.#drawn = data.length
        this.#lastTime = data.at(-1)?.time ?? -Infinity
        this.#chart.timeScale().fitContent()
        break
      }
      default: {
        const unknown: never = sync
        throw new Error(`Unknown line sync ${JSON.stringify(unknown)}`)
      }
    }
    this.#publish()
  }

  /** Removes the chart and stops watching the container's size; the controller is unusable after. */
  dispose(): void {
    this.#resizeObserver.disconnect()
    this.#chart.remove()
  }

  #append(point: EquityPoint): void {
    const time = toChartTime(point.timeMs)
    if (time < this.#lastTime) return
    if (time > this.#lastTime) this.#drawn += 1
    this.#series.update({ time, value: point.value })
    this.#lastTime = time
  }

  #publish(): void {
    this.#container.dataset.points = String(this.#drawn)
    this.#container.dataset.lastValue = this.#points.length === 0 ? '' : String(this.#points.at(-1)?.value)
  }
}
