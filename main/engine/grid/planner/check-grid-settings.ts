import { GridSettingsError } from './grid-settings-error'
import { MAX_GRIDS, type GridSettings } from './grid-settings'

/** Throws GridSettingsError naming every unusable setting; returns quietly when all are usable. */
export function checkGridSettings(settings: GridSettings): void {
  const reasons: string[] = []
  if (!settings.lower.gt(0)) reasons.push(`lower must be above 0, got ${settings.lower.toFixed()}`)
  if (!settings.upper.gt(settings.lower)) {
    reasons.push(`upper (${settings.upper.toFixed()}) must be above lower (${settings.lower.toFixed()})`)
  }
  if (!Number.isInteger(settings.grids) || settings.grids < 1 || settings.grids > MAX_GRIDS) {
    reasons.push(`grids must be a whole number from 1 to ${MAX_GRIDS}, got ${settings.grids}`)
  }
  if (settings.investment.isNegative()) reasons.push(`investment must not be negative, got ${settings.investment.toFixed()}`)
  if (settings.baseHeld.isNegative()) reasons.push(`base held must not be negative, got ${settings.baseHeld.toFixed()}`)
  if (settings.investment.isZero() && settings.baseHeld.isZero()) reasons.push('investment and base held are both zero')
  if (!settings.price.gt(0)) reasons.push(`price must be above 0, got ${settings.price.toFixed()}`)
  for (const [name, fee] of [['maker fee', settings.makerFee], ['taker fee', settings.takerFee]] as const) {
    if (fee.isNegative() || fee.gte('0.5')) reasons.push(`${name} must be from 0 to below 0.5, got ${fee.toFixed()}`)
  }
  if (reasons.length > 0) throw new GridSettingsError(reasons)
}
