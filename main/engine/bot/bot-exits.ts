import { Decimal } from '@shared/money/decimal'
import { roundQuantity } from '../exchange/rules/round-order'
import { SOLD_HEDGE_PREFIX } from '../grid/trader/grid-trader'
import { describeExit, type RiskTrigger } from '../risk/risk-trigger'
import type { BotContext } from './bot-context'

/** Timer: an exit after a stop-loss or take-profit is in flight (a restart finishes it). */
export const EXITING = 'exiting'

/** What an EMERGENCY STOP did. */
export interface EmergencyStopReport {
  /** Client order ids of the orders cancelled. */
  readonly cancelled: readonly string[]
  /** Orders of the bot the exchange still shows open (empty when the stop is complete). */
  readonly stillOpen: readonly string[]
  /** Base sold, or null. */
  readonly soldBase: string | null
}

/**
 * The ways a bot stops trading: the EMERGENCY STOP a person presses, the exit after a stop-loss
 * or take-profit, and an EMERGENCY the bot enters itself (flattening if configured). Each sale of
 * base is one bounded base trade (MARKET where allowed and wanted, else a re-priced LIMIT at the
 * touch); what stays unsold is an incident.
 */
export class BotExits {
  constructor(private readonly bot: BotContext) {}

  /**
   * EMERGENCY STOP: the bot is persisted as stopped first (a crash mid-way stays stopped), every
   * placement is halted and the gateway refuses the bot's sends; once no send is on the wire every
   * open order of the bot is cancelled — found on the exchange itself, so it works while the
   * stream is down and after a restart — and, if asked, its base is sold. Stays stopped until a
   * person resumes it.
   */
  async emergencyStop(options: { readonly sellBase: boolean }): Promise<EmergencyStopReport> {
    const { journal, clock, trader, account } = this.bot
    const { id: botId } = this.bot.config()
    journal.saveBot({ ...this.bot.record(), status: 'stopped', updatedAtMs: clock.nowMs() })
    this.bot.event('EmergencyStopRequested', null, `EMERGENCY STOP pressed${options.sellBase ? ' (cancel all and sell base)' : ' (cancel all)'}`)
    trader.halt('all')
    account.gateway.blockBot(botId)
    await account.gateway.quiet()
    // Bounded: a few sweeps, each over what the exchange itself still shows open
    const { cancelled, remaining } = await this.bot.cancelEveryOrder()
    let sold: string | null = null
    if (options.sellBase && remaining.length === 0) sold = await this.sellBase()
    const report: EmergencyStopReport = { cancelled, stillOpen: remaining, soldBase: sold }
    const message = remaining.length === 0 ? `stopped: ${cancelled.length} order(s) cancelled${sold === null ? '' : `, ${sold} base sold`}` : `stop incomplete: ${remaining.length} order(s) still open`
    this.bot.event('EmergencyStopped', null, message, { cancelled: cancelled.length, stillOpen: remaining.join(','), soldBase: sold ?? '' })
    if (remaining.length > 0) this.bot.incidents.open('emergency-stop', `EMERGENCY STOP could not cancel ${remaining.length} order(s): ${remaining.join(', ')}. Cancel them on the exchange.`, { stillOpen: remaining.join(',') })
    return report
  }

  /**
   * Exits after a trigger: the bot is persisted as stopped (with a timer marking the exit in
   * flight, so a crash finishes it on restart), the grid is halted and its sends refused, then
   * per the outcome: 'keep' leaves the orders on the exchange, 'cancel' cancels them, 'sell-all'
   * also sells all the bot's base.
   */
  async exit(trigger: RiskTrigger, price: Decimal): Promise<void> {
    const { journal, clock, trader, account } = this.bot
    const { id: botId, risk, symbol } = this.bot.config()
    journal.transaction(() => {
      journal.saveBot({ ...this.bot.record(), status: 'stopped', updatedAtMs: clock.nowMs() })
      journal.setTimer({ botId, name: EXITING, atMs: clock.nowMs() })
      journal.saveBotState(botId, EXITING, JSON.stringify({ trigger, price: price.toFixed() }), clock.nowMs())
    })
    this.bot.event(trigger === 'stop-loss' ? 'StopLossTriggered' : 'TakeProfitTriggered', null, describeExit(trigger, price, risk), { trigger, price: price.toFixed(), outcome: risk.stopOutcome })
    trader.halt('all')
    account.gateway.blockBot(botId)
    await account.gateway.quiet()
    let summary = 'orders left on the exchange'
    if (risk.stopOutcome !== 'keep') {
      const { cancelled, remaining } = await this.bot.cancelEveryOrder()
      summary = `${cancelled.length} order(s) cancelled`
      if (remaining.length > 0) this.bot.incidents.open('exit', `the ${trigger} exit could not cancel ${remaining.join(', ')}. Cancel them on the exchange.`, { stillOpen: remaining.join(',') })
    }
    if (risk.stopOutcome === 'sell-all') {
      const rules = account.rules.get(symbol)
      // What an order of the bot still open locks cannot be sold: the rest is sold, and what stays is reported below
      const sellable = Decimal.max(account.ledger.owned(botId, rules.baseAsset).sub(account.ledger.lockedBy(botId, rules.baseAsset)), 0)
      const sold = await this.bot.tradeBase('SELL', sellable, 'exit')
      // The SELLs that waited to sell what was sold end; what was not sold stays owed
      trader.forgetSells(`${SOLD_HEDGE_PREFIX}${trigger}`, sold.filled)
      summary += `, ${sold.filled.toFixed()} ${rules.baseAsset} sold`
      const left = roundQuantity(rules, Decimal.max(account.ledger.owned(botId, rules.baseAsset), 0), 'LIMIT')
      if (!left.isZero()) this.bot.incidents.open('exit', `the ${trigger} exit left ${left.toFixed()} ${rules.baseAsset} unsold${sold.shortfall === null ? '' : ` (${sold.shortfall})`}. Sell it on the exchange.`, { unsold: left.toFixed() })
    }
    journal.clearTimer(botId, EXITING)
    this.bot.event('Exited', null, `exited after the ${trigger}: ${summary}; the bot stays stopped until you resume it`)
  }

  /**
   * Enters EMERGENCY (a fill that cannot be hedged): persisted with a critical incident, no new
   * exposure from now on, and, if configured, the bot's orders cancelled and its base sold.
   */
  enter(reason: string, details: Readonly<Record<string, string>>): void {
    const { journal, clock, trader, logger } = this.bot
    const config = this.bot.config()
    trader.halt()
    const record = this.bot.record()
    // One incident per order that could not be placed: a second one while the first is open must be named too
    const alreadyOpen = journal.listIncidents({ openOnly: true, botId: config.id }).some((incident) => incident.kind === 'emergency')
    const kind = alreadyOpen && details['intentId'] !== undefined ? `emergency:${details['intentId']}` : 'emergency'
    journal.transaction(() => {
      journal.saveBot({ ...record, status: 'emergency', updatedAtMs: clock.nowMs() })
      this.bot.incidents.open(kind, `EMERGENCY: ${reason.replace(/\.+$/, '')}. The bot opens no new positions until you act.`, details)
    })
    this.bot.event('EmergencyEntered', details['level'] === undefined ? null : Number(details['level']), `EMERGENCY: ${reason}`)
    if (config.emergency.flatten) {
      trader.halt('all')
      this.flatten().catch((error: unknown) => logger.error('flattening after the EMERGENCY failed; act by hand', { botId: config.id, error: String(error) }))
    }
  }

  /** Cancels every open order of the bot, then sells the base it owns. */
  private async flatten(): Promise<void> {
    const { account, logger } = this.bot
    const { id: botId } = this.bot.config()
    for (const order of account.tracker.openOrders(botId)) await account.gateway.cancel(order.command.clientOrderId)
    const sold = await this.sellBase()
    logger.warn(`bot ${botId} flattened after its EMERGENCY: ${sold ?? 'no'} base sold`, {})
  }

  /** Sells the base the bot owns; returns the quantity sold, or null when there was none or nothing sold. What stays unsold is an incident. */
  private async sellBase(): Promise<string | null> {
    const { account, trader, incidents } = this.bot
    const { id: botId, symbol } = this.bot.config()
    const rules = account.rules.get(symbol)
    const quantity = roundQuantity(rules, Decimal.max(account.ledger.owned(botId, rules.baseAsset).sub(account.ledger.lockedBy(botId, rules.baseAsset)), 0), 'LIMIT')
    if (quantity.isZero()) return null
    const sold = await this.bot.tradeBase('SELL', quantity, 'emergency')
    if (sold.filled.isZero()) {
      incidents.open('sell-base', `selling ${quantity.toFixed()} ${rules.baseAsset} failed: ${sold.shortfall ?? 'nothing filled'}. Sell it on the exchange.`, { orders: sold.orders.join(',') })
      return null
    }
    // The base the grid's SELLs were to sell is gone: those SELLs are void
    trader.forgetSells(`${SOLD_HEDGE_PREFIX}${sold.orders[0] ?? 'sale'}`, sold.filled)
    if (sold.shortfall !== null) incidents.open('sell-base', `selling ${quantity.toFixed()} ${rules.baseAsset} left ${sold.unfilled.toFixed()} unsold: ${sold.shortfall}. Sell it on the exchange.`, { orders: sold.orders.join(',') })
    return sold.filled.toFixed()
  }
}
