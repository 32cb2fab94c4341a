import { parseOrderId } from '../grid/trader/client-order-ids'

/** What reconciliation should do about a bot's open orders on the exchange. */
export interface OpenOrderActions {
  /** Ours by their id, but the journal has no intent for them: nothing says what they hedge. */
  readonly cancelStrangers: readonly string[]
  /** Second live orders on a level: every one but the order the level holds (or the first). */
  readonly cancelDuplicates: readonly string[]
}

/**
 * Decides, as a pure function of the exchange's open orders and the journal, which of a bot's
 * open orders reconciliation must cancel. Orders of other tools and other bots are never touched.
 */
export function planOpenOrderActions(
  botId: string,
  openOrderIds: readonly string[],
  hasIntent: (clientOrderId: string) => boolean,
  activeOrderIds: ReadonlySet<string>
): OpenOrderActions {
  const cancelStrangers: string[] = []
  const byLevel = new Map<number, string[]>()
  for (const id of openOrderIds) {
    const parsed = parseOrderId(id)
    if (parsed === undefined || parsed.botId !== botId) continue
    if (!hasIntent(id)) {
      cancelStrangers.push(id)
      continue
    }
    if (parsed.tag.kind === 'level') byLevel.set(parsed.tag.level, [...(byLevel.get(parsed.tag.level) ?? []), id])
  }
  const cancelDuplicates: string[] = []
  for (const ids of byLevel.values()) {
    if (ids.length < 2) continue
    const keep = ids.find((id) => activeOrderIds.has(id)) ?? ids[0]
    cancelDuplicates.push(...ids.filter((id) => id !== keep))
  }
  return { cancelStrangers, cancelDuplicates }
}
