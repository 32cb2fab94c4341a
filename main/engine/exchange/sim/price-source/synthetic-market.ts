import { Decimal } from '@shared/money/decimal'
import { roundToStep } from '@shared/money/step'
import type { TradeTick } from '../../port/market-event'
import { priceStep, quantityStep, type SymbolRules } from '../../rules'
import { SeededRandom } from '../seeded-random'

/** How a synthetic market moves. */
export interface SyntheticMarketOptions {
  readonly rules: SymbolRules
  readonly startPrice: Decimal
  /** Time of the tick before the first one; ticks follow every `intervalMs`. */
  readonly startMs: number
  readonly intervalMs: number
  readonly seed: number
  /** Standard deviation of one tick's relative move in calm times (default 0.0005). */
  readonly volatility?: number
  /** Chance per tick that a trend starts when none runs (default 0.002). */
  readonly trendChance?: number
  /** Relative drift per tick while a trend runs (default 0.0002). */
  readonly trendDrift?: number
  /** Chance per tick that a volatility burst starts when none runs (default 0.001). */
  readonly burstChance?: number
  /** How many times the calm volatility a burst has (default 5). */
  readonly burstMultiplier?: number
  /** Average trade size in base (default 10 lot steps, at least the minimum quantity). */
  readonly meanQuantity?: Decimal
}

/** What the market is doing now. */
export interface MarketRegime {
  readonly trend: 'up' | 'down' | 'none'
  readonly burst: boolean
}

/**
 * A seeded random walk for paper trading and tests: relative moves drawn from a normal
 * distribution, with trends (a drift for a few hundred to a few thousand ticks) and volatility
 * bursts now and then. Prices lie on the symbol's tick and inside its PRICE_FILTER, quantities on
 * its lot step and at least its minimum. The same seed and options give the same ticks.
 *
 * The random draws are floats, but only as dimensionless relative moves: each is cut to 12
 * decimals and applied to the Decimal price, so no price or quantity is ever a float.
 */
export class SyntheticMarket {
  private readonly random: SeededRandom
  private readonly tick: Decimal
  private readonly step: Decimal
  private readonly floor: Decimal
  private readonly ceiling: Decimal | undefined
  private readonly minQuantity: Decimal
  private readonly meanQuantity: Decimal
  private price: Decimal
  private timeMs: number
  private trend: { direction: 1 | -1; ticksLeft: number } | undefined
  private burstTicksLeft = 0

  constructor(private readonly options: SyntheticMarketOptions) {
    const rules = options.rules
    this.random = new SeededRandom(options.seed)
    this.tick = priceStep(rules)
    this.step = quantityStep(rules, 'LIMIT')
    const minPrice = rules.filters.priceFilter?.minPrice ?? new Decimal(0)
    this.floor = Decimal.max(this.tick, minPrice, roundToStep(options.startPrice.div(100), this.tick, 'up'))
    const maxPrice = rules.filters.priceFilter?.maxPrice
    this.ceiling = maxPrice !== undefined && !maxPrice.isZero() ? maxPrice : undefined
    this.minQuantity = Decimal.max(this.step, rules.filters.lotSize?.minQty ?? new Decimal(0))
    this.meanQuantity = options.meanQuantity ?? Decimal.max(this.step.mul(10), this.minQuantity)
    this.price = this.clamp(roundToStep(options.startPrice, this.tick, 'down'))
    this.timeMs = options.startMs
  }

  /** Returns what the market is doing now. */
  regime(): MarketRegime {
    return { trend: this.trend === undefined ? 'none' : this.trend.direction === 1 ? 'up' : 'down', burst: this.burstTicksLeft > 0 }
  }

  /** Returns the next trade, one interval after the previous one. */
  next(): TradeTick {
    this.updateRegime()
    const volatility = (this.options.volatility ?? 0.0005) * (this.burstTicksLeft > 0 ? (this.options.burstMultiplier ?? 5) : 1)
    const drift = this.trend === undefined ? 0 : this.trend.direction * (this.options.trendDrift ?? 0.0002)
    const move = new Decimal((drift + volatility * this.random.normal()).toFixed(12))
    const moved = this.price.mul(move.add(1))
    this.price = this.clamp(roundToStep(moved.add(this.tick.div(2)), this.tick, 'down'))
    const size = new Decimal((0.2 + 1.6 * this.random.next()).toFixed(6))
    const quantity = Decimal.max(roundToStep(this.meanQuantity.mul(size), this.step, 'down'), this.minQuantity)
    this.timeMs += this.options.intervalMs
    return { symbol: this.options.rules.symbol, price: this.price, quantity, timeMs: this.timeMs }
  }

  /** Yields `count` trades (endlessly when omitted). */
  *ticks(count = Number.POSITIVE_INFINITY): Generator<TradeTick> {
    for (let index = 0; index < count; index += 1) yield this.next()
  }

  private updateRegime(): void {
    const trendDraw = this.random.next()
    const trendSide = this.random.next()
    const trendLength = this.random.int(200, 2000)
    const burstDraw = this.random.next()
    const burstLength = this.random.int(50, 300)
    if (this.trend !== undefined) {
      this.trend.ticksLeft -= 1
      if (this.trend.ticksLeft <= 0) this.trend = undefined
    } else if (trendDraw < (this.options.trendChance ?? 0.002)) {
      this.trend = { direction: trendSide < 0.5 ? 1 : -1, ticksLeft: trendLength }
    }
    if (this.burstTicksLeft > 0) this.burstTicksLeft -= 1
    else if (burstDraw < (this.options.burstChance ?? 0.001)) this.burstTicksLeft = burstLength
  }

  private clamp(price: Decimal): Decimal {
    if (price.lt(this.floor)) return this.floor
    if (this.ceiling !== undefined && price.gt(this.ceiling)) return this.ceiling
    return price
  }
}
