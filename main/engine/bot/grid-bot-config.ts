import type { BotConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import type { GridSettings } from '../grid/planner/grid-settings'

/** A grid bot's configuration: the validated shared schema (shared/config/bot-config.ts). */
export type GridBotConfig = BotConfig

/** Returns the planner's settings for a configuration at a price. */
export function settingsOf(config: GridBotConfig, price: Decimal): GridSettings {
  return {
    lower: new Decimal(config.grid.lower),
    upper: new Decimal(config.grid.upper),
    grids: config.grid.grids,
    spacing: config.grid.spacing,
    investment: new Decimal(config.grid.investment),
    baseHeld: new Decimal(config.grid.baseHeld),
    price,
    makerFee: new Decimal(config.fees.maker),
    takerFee: new Decimal(config.fees.taker),
    marketBuyHeadroom: new Decimal(1).add(new Decimal(config.baseTrades.marketBuyHeadroomPct).div(100))
  }
}
