import type { Journal } from '../../main/engine/journal'

const TRACED = ['stop-loss', 'take-profit', 'recentered', 'refused', 'rebalanced', 'EMERGENCY STOP', 'paused', 'held'] as const

/** Counts a run's strategy and person actions: from its trace, and the OCO placements and market-state changes its journal recorded. */
export function countActions(trace: readonly string[], journal: Journal, botIds: readonly string[]): Record<string, number> {
  const actions: Record<string, number> = {}
  for (const line of trace) {
    const kind = TRACED.find((name) => line.includes(` ${name}`))
    if (kind !== undefined) actions[kind] = (actions[kind] ?? 0) + 1
  }
  const eventCount = (type: string) => botIds.reduce((total, botId) => total + journal.listBotEvents(botId, { limit: 100_000 }).filter((event) => event.type === type).length, 0)
  for (const [name, type] of [['OCO placed', 'OcoPlaced'], ['market state changes', 'MarketStateChanged'], ['emergencies', 'EmergencyEntered'], ['failed starts', 'StartFailed']] as const) {
    const count = eventCount(type)
    if (count > 0) actions[name] = count
  }
  return actions
}
