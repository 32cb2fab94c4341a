import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/**
 * Raised when a bot is to be created under an id whose client order ids the exchange already
 * shows (open, or in its recent orders): an earlier bot of that id traded there and no journal
 * here knows it, so the new bot would send the same ids again. Nothing was stored or sent.
 */
export class BotIdInUseError extends GridkeeperError {
  override readonly name = 'BotIdInUseError' as const
  readonly botId: string
  /** The client order ids the exchange shows open. */
  readonly openIds: readonly string[]
  /** The client order ids among its recent orders that are no longer open. */
  readonly pastIds: readonly string[]

  constructor(botId: string, symbol: string, openIds: readonly string[], pastIds: readonly string[]) {
    const shown = [...openIds, ...pastIds].slice(0, 3).join(', ')
    const counts = [openIds.length > 0 ? `${openIds.length} open` : '', pastIds.length > 0 ? `${pastIds.length} earlier` : ''].filter((part) => part !== '').join(' and ')
    super(
      'BOT_ID_IN_USE',
      `bot ${botId} is not created: the exchange already has ${counts} ${symbol} ${openIds.length + pastIds.length === 1 ? 'order' : 'orders'} of a bot with that id (${shown}${openIds.length + pastIds.length > 3 ? ', …' : ''}), which no journal here knows; a new bot ${botId} would send the same client order ids again. Give the new bot another id, or put back the journal that holds bot ${botId}`
    )
    this.botId = botId
    this.openIds = openIds
    this.pastIds = pastIds
  }
}

/** Returns true for a BotIdInUseError, also after it crossed a process boundary. */
export function isBotIdInUseError(value: unknown): value is BotIdInUseError {
  return (value as { name?: unknown } | null)?.name === 'BotIdInUseError'
}
