import { describe, expect, it } from 'vitest'
import type { IncidentRecord } from '../../main/engine/journal'
import { incidentNames } from './incident-names'

function incident(id: string, details: Record<string, string>): IncidentRecord {
  return { incidentId: id, botId: 'b1', kind: 'emergency', severity: 'critical', message: 'm', detailsJson: JSON.stringify(details), openedAtMs: 1, resolvedAtMs: null }
}

describe("what incidents' details name", () => {
  const names = incidentNames(
    [incident('a', { intentId: 'gk-b1-5S-3', level: '5', sourceFill: 'BTCUSDT:41' }), incident('b', { tradeId: '17', stillOpen: 'gk-b1-1B-2,gk-b1-2B-4' })],
    'BTCUSDT'
  )

  it('names intents, members of lists included', () => {
    expect(names.namingIntent('gk-b1-5S-3')?.incidentId).toBe('a')
    expect(names.namingIntent('gk-b1-2B-4')?.incidentId).toBe('b')
    expect(names.namingIntent('gk-b1-9B-1')).toBeUndefined()
  })

  it('names trades as symbol:tradeId or under a trade key, but not a bare number elsewhere (a level)', () => {
    expect(names.namingTrade('41')?.incidentId).toBe('a')
    expect(names.namingTrade('17')?.incidentId).toBe('b')
    expect(names.namingTrade('5')).toBeUndefined()
  })
})
