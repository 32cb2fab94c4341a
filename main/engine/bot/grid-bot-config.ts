import { Decimal } from '@shared/money/decimal'
import type { GridSettings, GridSpacing } from '../grid/planner/grid-settings'

/** A grid bot's configuration as stored: every amount an exact decimal string. */
export interface GridBotConfig {
  readonly botId: string
  readonly symbol: string
  readonly lower: string
  readonly upper: string
  readonly grids: number
  readonly spacing: GridSpacing
  /** Quote committed to the grid. */
  readonly investment: string
  /** Base committed to the grid. */
  readonly baseHeld: string
  readonly makerFee: string
  readonly takerFee: string
  /** On EMERGENCY, cancel the bot's orders and sell its base at market (default: keep them, a person decides). */
  readonly flattenOnEmergency?: boolean
}

/** Returns the planner's settings for a configuration at a price. */
export function settingsOf(config: GridBotConfig, price: Decimal): GridSettings {
  return {
    lower: new Decimal(config.lower),
    upper: new Decimal(config.upper),
    grids: config.grids,
    spacing: config.spacing,
    investment: new Decimal(config.investment),
    baseHeld: new Decimal(config.baseHeld),
    price,
    makerFee: new Decimal(config.makerFee),
    takerFee: new Decimal(config.takerFee)
  }
}
