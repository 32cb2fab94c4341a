import type { AppStateView } from '@shared/api'

/**
 * Raises a desktop notification for every incident that opens, once: a critical one (EMERGENCY,
 * a fill that could not be hedged) and a warning alike. Incidents already open when the app
 * starts are notified too: the person may not have seen them.
 */
export class IncidentNotifier {
  private readonly seen = new Set<string>()

  constructor(private readonly notify: (title: string, body: string) => void) {}

  /** Looks at a pushed state for incidents not notified yet. */
  onState(state: AppStateView): void {
    for (const bot of state.bots) {
      for (const incident of bot.incidents) {
        if (incident.resolvedAtMs !== null || this.seen.has(incident.incidentId)) continue
        this.seen.add(incident.incidentId)
        const title = incident.severity === 'critical' ? `Gridkeeper: ${bot.botId} needs you now` : `Gridkeeper: ${bot.botId} warning`
        this.notify(title, `${bot.symbol}: ${incident.message}`)
      }
    }
  }
}
