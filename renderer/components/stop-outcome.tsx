import type { BotView, EmergencyStopOutcome } from '@shared/api'

/** What a stop did to one bot, with the bot it concerns. */
export type BotStopOutcome = EmergencyStopOutcome & { readonly botId: string }

/** Counts orders in words: "1 order", "3 orders". */
function orders(count: number): string {
  return `${count} order${count === 1 ? '' : 's'}`
}

/** Names an order still open by what it is (side and price) where the bot's view knows it, else by its client order id. */
function describeOrder(bot: BotView | undefined, clientOrderId: string): string {
  const order = bot?.openOrders.find((entry) => entry.clientOrderId === clientOrderId)
  if (order === undefined || order.price === null) return `order ${clientOrderId}`
  return `${order.side} ${order.quantity ?? ''} ${bot?.baseAsset ?? ''} at ${order.price}`.replace(/\s+/g, ' ')
}

/** Says, in one sentence, what a stop did to one bot: what was cancelled, what was sold, and what is still open. */
export function stopOutcomeText(outcome: BotStopOutcome, bot: BotView | undefined): string {
  const sold = outcome.soldBase !== null ? `, ${outcome.soldBase} ${bot?.baseAsset ?? ''} sold`.trimEnd() : ''
  const done = `${orders(outcome.cancelled.length)} cancelled${sold}.`
  if (outcome.stillOpen.length === 0) return `${done} The exchange reports no open order of this bot.`
  return `${done} Still open on the exchange: ${outcome.stillOpen.map((id) => describeOrder(bot, id)).join(', ')}. Cancel them on the exchange or press the stop again.`
}

/** Lists, bot by bot, what a stop did. */
export function StopOutcomes({ outcomes, bots }: { readonly outcomes: readonly BotStopOutcome[]; readonly bots: readonly BotView[] }) {
  if (outcomes.length === 0) return <p role="status">There was no bot to stop.</p>
  return (
    <ul className="stop-outcomes" aria-label="What the stop did">
      {outcomes.map((outcome) => {
        const bot = bots.find((entry) => entry.botId === outcome.botId)
        return (
          <li key={outcome.botId} data-bot={outcome.botId}>
            <strong>
              {outcome.botId}
              {bot === undefined ? '' : ` (${bot.symbol})`}:
            </strong>{' '}
            {stopOutcomeText(outcome, bot)}
          </li>
        )
      })}
    </ul>
  )
}
