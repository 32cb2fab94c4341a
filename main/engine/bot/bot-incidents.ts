import type { Clock } from '../clock/clock'
import type { Journal } from '../journal/journal'
import type { Logger } from '../logging/logger'

/** What a bot's incidents are written with. */
export interface BotIncidentsDeps {
  readonly botId: string
  readonly journal: Journal
  readonly clock: Clock
  readonly logger: Logger
}

/**
 * A bot's incidents: what a person must know about or act on, one open incident per kind. A
 * problem that recurs while its incident is open is not opened again, and is logged as a warning
 * only when its state changed (a new kind of problem, not merely new numbers): a refusal repeated
 * every cooldown in a months-long backtest is one incident and a handful of lines, not hundreds.
 */
export class BotIncidents {
  /** The last state logged per kind while its incident stays open. */
  private readonly lastState = new Map<string, string>()

  constructor(private readonly deps: BotIncidentsDeps) {}

  /**
   * Opens an incident of `kind` unless one is open; `state` names the problem without its
   * changing numbers (the message by default). A repeat in the same state is logged at debug.
   */
  open(kind: string, message: string, details: Readonly<Record<string, string>>, state = message): void {
    const { journal, clock, logger, botId } = this.deps
    const open = journal.listIncidents({ openOnly: true, botId }).find((incident) => incident.kind === kind)
    if (open !== undefined) {
      const known = this.lastState.get(kind) ?? open.message
      this.lastState.set(kind, state)
      if (known === state) logger.debug(`bot ${botId}: still: ${message}`, details)
      else logger.warn(`bot ${botId}: still: ${message}`, details)
      return
    }
    const now = clock.nowMs()
    journal.openIncident({
      incidentId: `${botId}-${now}-${journal.nextCounter(botId, 'incident')}`,
      botId,
      kind,
      severity: 'critical',
      message,
      detailsJson: JSON.stringify(details),
      openedAtMs: now,
      resolvedAtMs: null
    })
    this.lastState.set(kind, state)
    logger.error(`bot ${botId}: ${message}`, details)
  }

  /** Resolves the open incident of `kind`, if any (what it asked for is done); returns whether there was one. */
  resolve(kind: string): boolean {
    const { journal, clock, botId } = this.deps
    const open = journal.listIncidents({ openOnly: true, botId }).filter((incident) => incident.kind === kind)
    for (const incident of open) journal.resolveIncident(incident.incidentId, clock.nowMs())
    this.lastState.delete(kind)
    return open.length > 0
  }
}
