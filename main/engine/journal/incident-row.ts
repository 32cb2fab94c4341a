import type { SQLInputValue } from 'node:sqlite'
import { type JournalRow, readInteger, readMember, readNullableInteger, readNullableText, readText } from './column-readers'
import type { IncidentRecord } from './journal-records'

const TABLE = 'incidents'
const SEVERITIES: Record<IncidentRecord['severity'], true> = { warning: true, critical: true }

/** Returns the statement parameters that store an incident. */
export function incidentParameters(incident: IncidentRecord): Record<string, SQLInputValue> {
  return {
    incidentId: incident.incidentId,
    botId: incident.botId,
    kind: incident.kind,
    severity: incident.severity,
    message: incident.message,
    detailsJson: incident.detailsJson,
    openedAtMs: incident.openedAtMs,
    resolvedAtMs: incident.resolvedAtMs
  }
}

/** Returns the incident an `incidents` row holds. */
export function incidentFromRow(row: JournalRow): IncidentRecord {
  return {
    incidentId: readText(row, TABLE, 'incident_id'),
    botId: readNullableText(row, TABLE, 'bot_id'),
    kind: readText(row, TABLE, 'kind'),
    severity: readMember(row, TABLE, 'severity', SEVERITIES),
    message: readText(row, TABLE, 'message'),
    detailsJson: readText(row, TABLE, 'details_json'),
    openedAtMs: readInteger(row, TABLE, 'opened_at_ms'),
    resolvedAtMs: readNullableInteger(row, TABLE, 'resolved_at_ms')
  }
}
