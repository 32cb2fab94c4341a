import type { ConfirmedPlan, PlanPreview } from '@shared/api'

/** Tells whether a plan places exactly the confirmed orders: every level's price, side and quantity, and the same base purchase. */
export function samePlan(plan: PlanPreview, confirmed: ConfirmedPlan): boolean {
  if (plan.levels.length !== confirmed.levels.length) return false
  if ((plan.acquisition?.quantity ?? null) !== confirmed.acquisitionQuantity) return false
  return plan.levels.every((level, index) => {
    const other = confirmed.levels[index]
    return other !== undefined && other.price === level.price && other.side === level.side && other.quantity === level.quantity
  })
}
