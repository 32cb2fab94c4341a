import type { IncidentRecord } from '../../main/engine/journal'

/** What a bot's incidents name in their details: intents (client order ids) and trades. */
export interface IncidentNames {
  /** The incident whose details name this intent, if any. */
  namingIntent(intentId: string): IncidentRecord | undefined
  /** The incident whose details name this trade (its id, or "symbol:tradeId"), if any. */
  namingTrade(tradeId: string): IncidentRecord | undefined
}

/**
 * Reads the ids an incident's details name, open or resolved: every detail value, and each member
 * of a comma-separated list. A trade is named as "symbol:tradeId", or by its id under a key that
 * says trade (tradeId).
 */
export function incidentNames(incidents: readonly IncidentRecord[], symbol: string): IncidentNames {
  const byName = new Map<string, IncidentRecord>()
  for (const incident of incidents) {
    const details = JSON.parse(incident.detailsJson) as Record<string, unknown>
    for (const [key, value] of Object.entries(details)) {
      if (typeof value !== 'string' && typeof value !== 'number') continue
      for (const part of String(value).split(',')) {
        const name = part.trim()
        if (name === '') continue
        if (!byName.has(name)) byName.set(name, incident)
        // A bare number names a trade only under a trade key: elsewhere it is a level or a count
        const trade = name.startsWith(`${symbol}:`) ? name.slice(symbol.length + 1) : /trade/i.test(key) ? name : undefined
        if (trade !== undefined && !byName.has(`trade:${trade}`)) byName.set(`trade:${trade}`, incident)
      }
    }
  }
  return {
    namingIntent: (intentId) => byName.get(intentId),
    namingTrade: (tradeId) => byName.get(`trade:${tradeId}`)
  }
}
