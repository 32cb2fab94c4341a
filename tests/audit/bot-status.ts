import type { BotView } from './bot-view'
import type { IncidentNames } from './incident-names'
import { isLive } from './level-orders'

/** The events after which a bot's status is what they say, newest last. */
const STATUS_EVENTS = new Set(['EmergencyStopRequested', 'StopLossTriggered', 'TakeProfitTriggered', 'Paused', 'Resumed', 'EmergencyEntered'])

/**
 * Checks a bot's status against the exchange: a bot stopped by an EMERGENCY STOP, or by an exit
 * that cancels its orders, has none of its orders open there (unless an incident names one it
 * could not cancel); a bot in EMERGENCY has an incident open that says why, and so has a bot whose
 * start failed, which has none of its orders open either.
 */
export function checkBotStatus(view: BotView, names: IncidentNames): string[] {
  const violations: string[] = []
  const status = view.record.status
  const last = view.events.filter((event) => STATUS_EVENTS.has(event.type)).at(-1)
  const outcome = last === undefined ? undefined : (JSON.parse(last.detailsJson) as { outcome?: string }).outcome
  const cancelling = last?.type === 'EmergencyStopRequested' || ((last?.type === 'StopLossTriggered' || last?.type === 'TakeProfitTriggered') && outcome !== 'keep')
  if (status === 'stopped' && cancelling) {
    const open = view.orders.filter((order) => isLive(order) && names.namingIntent(order.clientOrderId) === undefined)
    if (open.length > 0) violations.push(`the bot is stopped (${last.message}), but the exchange shows ${open.length} of its orders open: ${open.map((order) => order.clientOrderId).join(', ')}`)
  }
  if (status === 'emergency' && !view.incidents.some((incident) => incident.resolvedAtMs === null)) violations.push('the bot is in EMERGENCY, but no incident of it is open')
  if (status === 'failed') {
    // A start that failed cancels what it sent: nothing of the bot trades on until a person resumes it
    const open = view.orders.filter((order) => isLive(order) && names.namingIntent(order.clientOrderId) === undefined)
    if (open.length > 0) violations.push(`the bot's start failed, but the exchange shows ${open.length} of its orders open: ${open.map((order) => order.clientOrderId).join(', ')}`)
    if (!view.incidents.some((incident) => incident.resolvedAtMs === null)) violations.push('the bot\'s start failed, but no incident of it is open')
  }
  return violations
}
