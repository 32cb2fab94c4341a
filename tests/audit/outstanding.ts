import { Decimal } from '@shared/money/decimal'
import type { LevelState } from '../../main/engine/grid/trader/level-state'
import type { FillRecord, IntentRecord } from '../../main/engine/journal'
import type { BotView } from './bot-view'
import type { Side } from './epoch-flows'
import type { IncidentNames } from './incident-names'
import { dustBound } from './min-order-quantity'

/** What the journal says a bot's levels still owe without an order on the exchange, and the dust they carry. */
export interface Outstanding {
  /** Quantity of intents that wait for this level and side (pending, being sent, or failed), not on the exchange. */
  waiting(level: number, side: Side): Decimal
  dust(level: number, side: Side): Decimal
  readonly violations: readonly string[]
}

const ZERO = new Decimal(0)
const FAILED = new Set(['failed', 'rejected'])

/**
 * Reads the levels' outstanding obligations from the journal: the intents each level waits on or
 * is placing, and counter intents of the current grid that failed (the level's failed one, and
 * those unvoided fills still point to), unless the exchange has their order or a retry replaced them. Each must be explained when
 * nothing would place it: the bot is paused or stopped, EMERGENCY holds its side, the level is
 * held, a grid placement failed (the deadlock rule retries it), a protective mode holds a grid
 * BUY, or an incident names it or the trade it answers. Dust must stay below what two carries of
 * sub-minimum quantity can reach.
 */
export function outstandingOf(view: BotView, onExchange: ReadonlySet<string>, names: IncidentNames, inGrid: (intentId: string) => boolean): Outstanding {
  const intents = new Map(view.intents.map((intent) => [intent.intentId, intent]))
  const fillsByCounter = new Map<string, FillRecord[]>()
  for (const fill of view.fills) if (fill.counterIntentId !== null && fill.hedgeNote === null) fillsByCounter.set(fill.counterIntentId, [...(fillsByCounter.get(fill.counterIntentId) ?? []), fill])
  const waiting = new Map<string, Decimal>()
  const dust = new Map<string, Decimal>()
  const violations: string[] = []
  for (const state of view.levels) {
    const queued = [...state.waiting, ...(state.activeIntentId === null ? [] : [state.activeIntentId])]
    for (const id of new Set([...queued, ...failedOf(view, state, intents, fillsByCounter, queued).filter(inGrid)])) {
      const intent = intents.get(id)
      if (intent === undefined) {
        violations.push(`level ${state.index} waits on ${id}, which the journal has no intent for`)
        continue
      }
      if (onExchange.has(id)) continue
      if (intent.status === 'done') {
        violations.push(`level ${state.index} still lists ${id} (${intent.side} ${intent.quantity}), which is done (${intent.lastError ?? 'no note'})`)
        continue
      }
      if (intent.level !== state.index) violations.push(`level ${state.index} waits on ${id}, an intent of level ${intent.level ?? 'none'}`)
      const key = `${state.index}:${intent.side}`
      waiting.set(key, (waiting.get(key) ?? ZERO).add(intent.quantity ?? '0'))
      if (explanationOf(view, state, intent, names, fillsByCounter.get(id) ?? []) === undefined) {
        violations.push(
          `level ${state.index} owes ${intent.side} ${intent.quantity} (${id}, ${intent.status} after ${intent.attempts} send(s)${intent.lastError === null ? '' : `, last error: ${intent.lastError}`}) ` +
            `with no order on the exchange, and nothing explains the wait: the bot is ${view.record.status}, the level is ${state.phase} ("${state.reason}")`
        )
      }
    }
    const price = new Decimal(state.price)
    for (const [side, text] of [['SELL', state.dustSell], ['BUY', state.dustBuy]] as const) {
      const amount = new Decimal(text)
      dust.set(`${state.index}:${side}`, amount)
      const bound = dustBound(view.rules, price)
      if (amount.isNegative() || amount.gt(bound)) violations.push(`level ${state.index} carries ${amount.toFixed()} of ${side} dust; dust lies between 0 and ${bound.toFixed()} at ${price.toFixed()}`)
    }
  }
  return { waiting: (level, side) => waiting.get(`${level}:${side}`) ?? ZERO, dust: (level, side) => dust.get(`${level}:${side}`) ?? ZERO, violations }
}

/**
 * Failed intents a level still owes: its failed one, failed grid orders (what the level did since
 * does not pay for them), failed counters fills point to, and failed counters that came of netting
 * (no fill names them), unless a retry in its queue replaced them.
 */
function failedOf(view: BotView, state: LevelState, intents: ReadonlyMap<string, IntentRecord>, fillsByCounter: ReadonlyMap<string, readonly FillRecord[]>, queued: readonly string[]): string[] {
  // A failed counter no fill points to came of netting on its level: it is owed as a fill's counter would be
  const answersAFill = new Set(view.fills.filter((fill) => fill.counterIntentId !== null).map((fill) => fill.counterIntentId as string))
  const owed = (intent: IntentRecord) => intent.purpose === 'grid' || fillsByCounter.has(intent.intentId) || (intent.purpose === 'counter' && !answersAFill.has(intent.intentId))
  const candidates = view.intents.filter((intent) => intent.level === state.index && FAILED.has(intent.status) && owed(intent)).map((intent) => intent.intentId)
  if (state.phase === 'failed' && state.failedIntentId) candidates.push(state.failedIntentId)
  return candidates.filter((id) => {
    const failed = intents.get(id)
    if (failed === undefined || !FAILED.has(failed.status)) return false
    return !queued.some((queuedId) => {
      const retry = intents.get(queuedId)
      return retry !== undefined && retry.side === failed.side && retry.quantity === failed.quantity && retry.sourceFillKey === failed.sourceFillKey
    })
  })
}

function explanationOf(view: BotView, state: LevelState, intent: IntentRecord, names: IncidentNames, fills: readonly FillRecord[]): string | undefined {
  const status = view.record.status
  if (status === 'paused' || status === 'stopped') return `the bot is ${status}`
  if (status === 'emergency' && (intent.side === 'BUY' || view.config.emergency.flatten)) return 'the bot is in EMERGENCY'
  if (state.held === true) return 'the level is held'
  if (intent.purpose === 'grid' && FAILED.has(intent.status)) return 'its placement failed; the periodic deadlock check tries it again'
  if (intent.purpose === 'grid' && intent.side === 'BUY' && buysBlocked(view)) return `a protective mode holds new BUYs (${view.marketState ?? 'unknown'})`
  const sourceTrade = intent.sourceFillKey?.split(':')[1]
  const incident =
    names.namingIntent(intent.intentId) ??
    fills.map((fill) => names.namingTrade(fill.tradeId)).find((found) => found !== undefined) ??
    (sourceTrade === undefined ? undefined : names.namingTrade(sourceTrade))
  if (incident === undefined) return undefined
  // A person's resume resolves the incidents and the bot tries what failed again: a running bot's failed order is not excused by one they resolved
  if (status === 'running' && FAILED.has(intent.status) && incident.resolvedAtMs !== null) return undefined
  return `incident ${incident.incidentId}`
}

function buysBlocked(view: BotView): boolean {
  const { protective } = view.config
  return (view.marketState === 'trending-down' && protective.noBuysInDowntrend) || (view.marketState === 'volatile' && protective.pauseBuysWhenVolatile)
}
