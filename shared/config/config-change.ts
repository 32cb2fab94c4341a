import type { BotConfig } from './bot-config'

/** What a changed field means for a running bot. */
export type ChangeEffect = 'live' | 'replan' | 'refused'

/** One changed field of a running bot's configuration and what it takes. */
export interface ConfigChange {
  /** Dotted path, e.g. "risk.stopLoss". */
  readonly path: string
  readonly effect: ChangeEffect
  readonly reason: string
}

const REASONS: Readonly<Record<ChangeEffect, string>> = {
  refused: "a bot's id and symbol never change; create another bot instead",
  replan:
    'the grid is planned again: its open grid orders are cancelled and placed anew, while fills, their counter-orders and the bot\'s funds are kept',
  live: 'applies at once, with no order cancelled'
}

/**
 * Lists every field that differs between a running bot's configuration and a new one, with the
 * rule that applies: the id and symbol are refused; the grid's shape and funds need a re-plan;
 * everything else (fees, risk, market state, protective modes, recentering, deadlock, order
 * retries, reconciliation, emergency) applies live. Nothing of the bot's state is dropped by any.
 */
export function classifyConfigChange(current: BotConfig, next: BotConfig): ConfigChange[] {
  const before = flatten(current)
  const after = flatten(next)
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort()
  return paths
    .filter((path) => before.get(path) !== after.get(path))
    .map((path) => {
      const effect: ChangeEffect = path === 'id' || path === 'symbol' ? 'refused' : path.startsWith('grid.') ? 'replan' : 'live'
      return { path, effect, reason: REASONS[effect] }
    })
}

function flatten(value: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix === '' ? key : `${prefix}.${key}`, into)
  } else {
    into.set(prefix, JSON.stringify(value))
  }
  return into
}
