import { Decimal } from '@shared/money/decimal'
import type { Candle } from '../exchange/port/market-event'
import { findCandleGaps, type CandleGap } from './candle-gap'
import { closedCandles } from './closed-candles'
import type { MarketMeasures, MarketReading } from './market-reading'
import { CANDLE_INTERVAL_MS, type MarketStateSettings } from './market-settings'
import { MARKET_STATE_LABELS, type MarketState } from './market-state'
import { percentText, thresholdText } from './percent-text'

/**
 * Reads the market state from the last `windowCandles` closed candles. Pure: the same candles and
 * settings always give the same reading.
 *
 * The rule, in the order it is applied:
 * 1. Fewer closed candles than the window → 'unknown' (nothing is guessed).
 * 2. Net move = close of the last candle against the open of the first, in percent. When its size
 *    is at or beyond `trendThresholdPct` → 'trending-up' or 'trending-down' by its sign.
 * 3. Otherwise, when the average candle range ((high − low) / close, in percent) is at or beyond
 *    `volatilityThresholdPct` → 'volatile': wide swings that go nowhere.
 * 4. Otherwise → 'ranging'.
 *
 * The trend is checked before volatility because a crash is above all a downtrend: it has wide
 * candles too, and calling it 'volatile' would lift the downtrend protection exactly when it
 * matters. Both measures are two numbers a person can check on a chart, and they are the ones the
 * configuration names. Missing candle times inside the window are not filled in: the window is the
 * last `windowCandles` candles that exist, and the reading lists the gaps and says so in its reason.
 * A forming candle is ignored. A broken series (mixed symbols, times out of order or off the
 * interval, impossible prices) throws CandleSeriesError.
 */
export function classifyMarket(candles: readonly Candle[], settings: MarketStateSettings): MarketReading {
  const window = closedCandles(candles, CANDLE_INTERVAL_MS[settings.candleInterval]).slice(-settings.windowCandles)
  return readWindow(window, window.map(rangeRatio), settings)
}

/** A candle's range against its close, (high − low) / close: what the volatility averages. */
export function rangeRatio(candle: Candle): Decimal {
  return candle.high.sub(candle.low).div(candle.close)
}

/**
 * Reads the market from a window of candles that closedCandles has already checked (at most
 * `windowCandles`, oldest first) and each one's rangeRatio (read only for a full window; a short
 * one is 'unknown' whatever they are): the same reading as classifyMarket, for a replay that
 * checks a series once and works out each candle's ratio once.
 */
export function readWindow(window: readonly Candle[], ratios: readonly Decimal[], settings: MarketStateSettings): MarketReading {
  const intervalMs = CANDLE_INTERVAL_MS[settings.candleInterval]
  const gaps = findCandleGaps(window, intervalMs)
  const missingCandles = gaps.reduce((sum, gap) => sum + gap.missingCandles, 0)
  const first = window[0]
  const last = window[window.length - 1]
  const base = {
    intervalMs,
    candleCount: window.length,
    windowCandles: settings.windowCandles,
    gaps,
    missingCandles,
    lastOpenTimeMs: last?.openTimeMs ?? null,
    lastCloseTimeMs: last?.closeTimeMs ?? null
  }
  const gapNote = gapText(gaps, missingCandles)

  if (first === undefined || last === undefined || window.length < settings.windowCandles) {
    const reason = `unknown: ${window.length} of ${settings.windowCandles} closed candles, too few to read the market${gapNote}`
    return { ...base, state: 'unknown', measures: null, reason }
  }

  const measures = measure(ratios, first, last)
  const trendThreshold = new Decimal(settings.trendThresholdPct)
  const volatilityThreshold = new Decimal(settings.volatilityThresholdPct)
  const moveSize = measures.netMovePct.abs()
  const move = `${percentText(measures.netMovePct, { signed: true, threshold: trendThreshold })} over ${window.length} candles, ${thresholdText(moveSize, trendThreshold, 'trend threshold')}`
  const swing = `candles swing ${percentText(measures.averageRangePct, { threshold: volatilityThreshold })} on average, ${thresholdText(measures.averageRangePct, volatilityThreshold, 'volatility threshold')}`

  let state: MarketState
  let reason: string
  if (!moveSize.isZero() && moveSize.gte(trendThreshold)) {
    state = measures.netMovePct.isNegative() ? 'trending-down' : 'trending-up'
    reason = `${MARKET_STATE_LABELS[state]}: ${move}`
  } else if (measures.averageRangePct.gte(volatilityThreshold)) {
    state = 'volatile'
    reason = `volatile: ${swing}, with a net move of ${move}`
  } else {
    state = 'ranging'
    reason = `ranging: ${move}; ${swing}`
  }
  return { ...base, lastOpenTimeMs: last.openTimeMs, lastCloseTimeMs: last.closeTimeMs, state, measures, reason: `${reason}${gapNote}` }
}

function measure(ratios: readonly Decimal[], first: Candle, last: Candle): MarketMeasures {
  const hundred = new Decimal(100)
  const rangeSum = ratios.reduce((sum, ratio) => sum.add(ratio), new Decimal(0))
  return {
    openPrice: first.open,
    closePrice: last.close,
    netMovePct: last.close.sub(first.open).div(first.open).mul(hundred),
    averageRangePct: rangeSum.div(ratios.length).mul(hundred)
  }
}

function gapText(gaps: readonly CandleGap[], missingCandles: number): string {
  const latest = gaps[gaps.length - 1]
  if (latest === undefined) return ''
  const candles = `${missingCandles} candle${missingCandles === 1 ? '' : 's'} missing`
  const after = `after ${timeText(latest.afterOpenTimeMs)}`
  return gaps.length === 1 ? `; ${candles} ${after}` : `; ${candles} in ${gaps.length} gaps, the latest ${after}`
}

function timeText(timeMs: number): string {
  return new Date(timeMs).toISOString().replace('.000Z', 'Z')
}
