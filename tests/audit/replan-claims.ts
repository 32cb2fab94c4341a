import type { BotView } from './bot-view'
import type { Epoch } from './epochs'
import { iso } from './level-orders'

/**
 * Checks the journal's claims of re-plans against the grids the bot laid out: every grid after
 * the first is claimed by a recenter event after it (a restart may finish an interrupted recenter
 * with another grid first) or by a change of the grid's configuration before it; and the range a
 * recenter claims is the grid laid out before the claim, from its lowest level's price to its
 * highest.
 */
export function checkReplanClaims(view: BotView, epochs: readonly Epoch[], levelCount: number): string[] {
  const violations: string[] = []
  const recentered = view.events.filter((event) => event.type === 'Recentered')
  const changed = view.events.filter((event) => event.type === 'ConfigChanged' && (JSON.parse(event.detailsJson) as { effect?: string }).effect === 'replan')
  for (const epoch of epochs.slice(1)) {
    const previousMs = (epochs[epoch.index - 1] as Epoch).planTimeMs
    const claimed = recentered.some((event) => event.atMs >= epoch.planTimeMs) || changed.some((event) => event.atMs >= previousMs && event.atMs <= epoch.planTimeMs)
    if (!claimed) violations.push(`grid ${epoch.index} was laid out at ${iso(epoch.planTimeMs)}, but the journal claims no recenter or grid change for it`)
  }
  for (const event of recentered) {
    const grid = [...epochs].reverse().find((epoch) => epoch.planTimeMs <= event.atMs)
    const to = (JSON.parse(event.detailsJson) as { to?: string }).to
    if (grid === undefined || grid.index === 0) {
      violations.push(`the journal claims a recenter at ${iso(event.atMs)} (to ${to ?? '?'}), but no new grid was laid out before it`)
      continue
    }
    const [lower, upper] = (to ?? '').split('-')
    const low = grid.prices.get(0)
    const high = grid.prices.get(levelCount - 1)
    if ((low !== undefined && lower !== undefined && !low.eq(lower)) || (high !== undefined && upper !== undefined && !high.eq(upper))) {
      violations.push(`the journal claims a recenter to ${to ?? '?'} at ${iso(event.atMs)}, but grid ${grid.index} runs from ${low?.toFixed() ?? '?'} to ${high?.toFixed() ?? '?'}`)
    }
  }
  return violations
}
