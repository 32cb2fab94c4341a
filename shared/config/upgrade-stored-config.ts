/** Where fields of an older configuration live now: deadlock rebalancing settings became the base trades' own. */
const MOVED_DEADLOCK_FIELDS = { rebalanceAttempts: 'attempts', repriceIntervalMs: 'repriceIntervalMs', useMarketOrders: 'useMarketOrders' } as const

/**
 * Returns a configuration written by an older version in today's shape, so bots kept in a journal
 * still restore: `deadlock.rebalanceAttempts`, `deadlock.repriceIntervalMs` and
 * `deadlock.useMarketOrders` move to `baseTrades` (as `attempts`, `repriceIntervalMs`,
 * `useMarketOrders`), which now governs every trade of base outside the grid. A field already set
 * in `baseTrades` wins. Anything else is returned as it is, for the schema to judge.
 */
export function upgradeStoredConfig(input: unknown): unknown {
  if (!isRecord(input) || !isRecord(input['deadlock'])) return input
  // A base trades section that is not an object is left for the schema to name
  if (input['baseTrades'] !== undefined && !isRecord(input['baseTrades'])) return input
  const deadlock = { ...input['deadlock'] }
  const moved: Record<string, unknown> = {}
  for (const [old, current] of Object.entries(MOVED_DEADLOCK_FIELDS)) {
    if (!(old in deadlock)) continue
    moved[current] = deadlock[old]
    delete deadlock[old]
  }
  if (Object.keys(moved).length === 0) return input
  return { ...input, deadlock, baseTrades: { ...moved, ...(input['baseTrades'] as Record<string, unknown> | undefined) } }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
