import type { GridPlan } from '../../engine/grid/planner'
import { formatTable } from '../format-table'

/** Renders a plan as a readable text report. */
export function planToTable(plan: GridPlan, priceAssumed: boolean, quoteAsset: string, baseAsset: string): string {
  const lines: string[] = []
  const priceNote = priceAssumed ? ' (assumed: middle of the range; pass --price)' : ''
  lines.push(`${plan.symbol}: ${plan.spacing} grid, ${plan.grids} grids from ${plan.lower.toFixed()} to ${plan.upper.toFixed()}, price ${plan.price.toFixed()}${priceNote}`)
  lines.push('')
  const rows = [...plan.levels].reverse().map((level) => [
    String(level.index),
    level.price.toFixed(),
    level.side,
    level.side === 'NONE' ? '-' : level.quantity.toFixed(),
    level.side === 'NONE' ? '-' : level.notional.toFixed()
  ])
  lines.push(formatTable(['level', 'price', 'side', `quantity (${baseAsset})`, `notional (${quoteAsset})`], rows, ['right', 'right', 'left', 'right', 'right']))
  lines.push('')
  lines.push(`Profit per grid after maker fees: ${plan.profitPerGrid.minPct.toFixed()} % to ${plan.profitPerGrid.maxPct.toFixed()} %`)
  lines.push(`Investment: ${plan.investment.toFixed()} ${quoteAsset}; the plan spends ${plan.quoteRequired.toFixed()} ${quoteAsset}`)
  lines.push(`Minimum investment for these settings: ${plan.minInvestment.toFixed()} ${quoteAsset}`)
  const acquisition = plan.acquisition
  const howAcquired =
    acquisition === null
      ? 'covered by the base held'
      : `buy ${acquisition.quantity.toFixed()} ${baseAsset} by ${acquisition.method} for about ${acquisition.quoteCost.toFixed()} ${quoteAsset}`
  lines.push(`Base the sells need: ${plan.baseRequired.toFixed()} ${baseAsset} (held ${plan.baseHeld.toFixed()}; ${howAcquired})`)
  lines.push('')
  if (plan.problems.length === 0) {
    lines.push('No problems: every order passes every filter of the symbol.')
  } else {
    lines.push(`${plan.problems.length} problem${plan.problems.length === 1 ? '' : 's'}:`)
    for (const problem of plan.problems) {
      lines.push(`  ${problem.code}  ${problem.message}`)
    }
  }
  return `${lines.join('\n')}\n`
}
