import { Decimal } from '@shared/money/decimal'
import { roundToStep } from '@shared/money/step'
import type { LevelState } from '../../main/engine/grid/trader/level-state'
import type { Epoch } from './epochs'

/**
 * Checks the journal's levels against the current grid: one level per price of the grid, each at
 * the price the grid's plan gave it, prices rising level by level.
 */
export function checkPlannedLevels(levels: readonly LevelState[], epoch: Epoch, levelCount: number): string[] {
  const violations: string[] = []
  if (levels.length !== levelCount) violations.push(`the journal has ${levels.length} levels, the grid ${levelCount}`)
  let previous: LevelState | undefined
  for (const level of levels) {
    const planned = epoch.prices.get(level.index)
    if (planned !== undefined && !planned.eq(level.price)) violations.push(`level ${level.index} is at ${level.price} in the journal, but grid ${epoch.index} placed it at ${planned.toFixed()}`)
    if (previous !== undefined && !new Decimal(previous.price).lt(level.price)) violations.push(`level ${level.index} at ${level.price} is not above level ${previous.index} at ${previous.price}`)
    previous = level
  }
  return violations
}

/**
 * Returns the current grid with the journal's level prices for the levels its plan left without
 * an order (the level nearest the price): the planned levels name every level's price, while the
 * grid's intents only show the levels someone placed on. A level whose journal price is off the
 * exchange's tick now, and whose orders sat on that price rounded to the tick, keeps the journal's
 * price too: the exchange made the tick coarser after the plan and the engine put the orders on it
 * (the order check then allows one such tick on the safe side); a price already on the tick has
 * no such room.
 */
export function withPlannedPrices(epoch: Epoch, levels: readonly LevelState[], tick: Decimal): Epoch {
  const prices = new Map(epoch.prices)
  for (const level of levels) {
    const placed = epoch.prices.get(level.index)
    if (!epoch.plan.has(level.index) || (placed !== undefined && roundedToTick(new Decimal(level.price), placed, tick))) prices.set(level.index, new Decimal(level.price))
  }
  return { ...epoch, prices }
}

/** Tells whether `placed` is `price` rounded up or down to `tick`, `price` itself being off it. */
function roundedToTick(price: Decimal, placed: Decimal, tick: Decimal): boolean {
  if (tick.lte(0) || price.mod(tick).isZero()) return false
  return roundToStep(price, tick, 'down').eq(placed) || roundToStep(price, tick, 'up').eq(placed)
}
