import { Decimal } from '@shared/money/decimal'
import type { GridPlan } from '../grid/planner/grid-plan'
import { planGrid } from '../grid/planner/plan-grid'
import type { BotRecord } from '../journal/journal-records'
import type { BotContext } from './bot-context'
import { refuseEarlierBotOrders } from './earlier-bot-orders'
import { settingsOf } from './grid-bot-config'
import { missingSymbolSupport } from './symbol-support'

/** Timer: a bot's start in flight; a restart that finds it says the start was cut short. */
export const STARTING = 'starting'

/**
 * Starts a bot: its plan checked before anything is stored or sent, then the bot stored as
 * running with a timer marking the start in flight, the base its SELLs need bought, and the grid
 * placed. A start that fails after the bot was stored leaves it `failed` — never a running bot
 * without a grid — with an incident that says why; resuming it starts it again.
 */
export class BotStarter {
  constructor(private readonly bot: BotContext) {}

  /**
   * Plans and starts a new bot; throws when the symbol or the plan forbids it, or the exchange
   * already shows orders under the bot's id (nothing stored then), or when the start failed.
   */
  async create(): Promise<void> {
    const { journal, clock, exchange, account } = this.bot
    const config = this.bot.config()
    const { id: botId, symbol } = config
    const rules = account.rules.get(symbol)
    const missing = missingSymbolSupport(config, rules)
    if (missing.length > 0) throw new Error(`the configuration needs what ${symbol} does not offer: ${missing.join('; ')}`)
    // Ids are deterministic: orders of an earlier bot of this id that no journal here knows would be sent again
    await refuseEarlierBotOrders(exchange, botId, symbol)
    const plan = planGrid(rules, settingsOf(config, await exchange.lastPrice(symbol)), account.rules.exchangeFilters())
    if (plan.problems.length > 0) throw new Error(`the plan for ${symbol} has problems: ${plan.problems.map((problem) => problem.message).join('; ')}`)
    const now = clock.nowMs()
    journal.transaction(() => {
      journal.saveBot({ botId, symbol, configJson: JSON.stringify(config), status: 'running', createdAtMs: now, updatedAtMs: now })
      // Until its grid is placed, a restart must not take this bot for a running one
      journal.setTimer({ botId, name: STARTING, atMs: now })
    })
    account.ledger.registerBot(botId, { [rules.quoteAsset]: new Decimal(config.grid.investment), [rules.baseAsset]: new Decimal(config.grid.baseHeld) })
    await this.start(plan)
    await this.bot.syncBackstop()
  }

  /** Tells whether a stored bot's start was cut short: running, but the start's timer is still set or it has no grid. */
  interrupted(record: BotRecord): boolean {
    const { journal } = this.bot
    // Older versions left no timer: a bot stored as running without a grid never finished starting
    return record.status === 'running' && (journal.getTimer(record.botId, STARTING) !== undefined || journal.listLevels(record.botId).length === 0)
  }

  /** Starts a bot that never placed its grid again, on a person's command: planned at the price with what it holds now. */
  async startAgain(record: BotRecord): Promise<void> {
    const { journal, clock, exchange, account, trader } = this.bot
    const config = this.bot.config()
    const { id: botId, symbol } = config
    const now = clock.nowMs()
    journal.transaction(() => {
      journal.saveBot({ ...record, status: 'running', updatedAtMs: now })
      journal.setTimer({ botId, name: STARTING, atMs: now })
      for (const incident of journal.listIncidents({ openOnly: true, botId })) journal.resolveIncident(incident.incidentId, now)
    })
    this.bot.event('Resumed', null, `resumed by you (was ${record.status}): starting again`)
    account.gateway.unblockBot(botId)
    trader.unhalt()
    await this.bot.reconcile()
    const rules = account.rules.get(symbol)
    const price = await exchange.lastPrice(symbol)
    const held = { investment: Decimal.max(account.ledger.owned(botId, rules.quoteAsset), 0), baseHeld: Decimal.max(account.ledger.owned(botId, rules.baseAsset), 0) }
    const plan = planGrid(rules, { ...settingsOf(config, price), ...held }, account.rules.exchangeFilters())
    if (plan.problems.length > 0) {
      const reason = `the plan at ${price.toFixed()} has problems: ${plan.problems.map((problem) => problem.message).join('; ')}`
      await this.fail(reason)
      throw new Error(`bot ${botId} did not start: ${reason}`)
    }
    await this.start(plan)
    await this.bot.syncBackstop()
  }

  /**
   * Ends a start that failed: nothing more is sent, the bot's orders are cancelled, what waited to
   * be placed is dropped (it holds no funds), and the bot is stored as failed with an incident
   * saying why, what it bought before (kept, in its share), and that resuming it starts again.
   */
  async fail(reason: string): Promise<void> {
    const { journal, clock, account, trader } = this.bot
    const { id: botId, symbol } = this.bot.config()
    const rules = account.rules.get(symbol)
    trader.halt('all')
    account.gateway.blockBot(botId)
    await account.gateway.quiet()
    const { remaining } = await this.bot.cancelEveryOrder()
    const bought = journal
      .listFills(botId)
      .filter((fill) => journal.getIntent(fill.clientOrderId)?.purpose === 'acquire')
      .reduce((total, fill) => total.add(fill.side === 'BUY' ? fill.quantity : new Decimal(fill.quantity).neg()), new Decimal(0))
    const now = clock.nowMs()
    journal.transaction(() => {
      for (const intent of journal.listIntents(botId, ['pending'])) journal.updateIntent(intent.intentId, { status: 'failed', lastError: 'the bot did not start', updatedAtMs: now })
      journal.clearLevels(botId)
      journal.saveBot({ ...this.bot.record(), status: 'failed', updatedAtMs: now })
      journal.clearTimer(botId, STARTING)
    })
    trader.load()
    const kept = bought.isZero() ? 'Nothing was bought' : `It bought ${bought.toFixed()} ${rules.baseAsset} first, which it keeps`
    const open = remaining.length === 0 ? 'no order of it is open' : `${remaining.join(', ')} could not be cancelled: cancel them on the exchange`
    this.bot.incidents.open('start', `the bot did not start: ${reason}. ${kept}; ${open}. Resume it to try the start again.`, { bought: bought.toFixed(), stillOpen: remaining.join(',') })
    this.bot.event('StartFailed', null, `did not start: ${reason}`)
  }

  /** Buys the base the plan's SELLs need and places the plan; a failure leaves the bot failed (see fail), then throws. */
  private async start(plan: GridPlan): Promise<void> {
    const { id: botId, symbol } = this.bot.config()
    let failure: string
    try {
      const bought = plan.acquisition === null ? undefined : await this.bot.tradeBase('BUY', plan.acquisition.quantity, 'acquire')
      if (bought?.shortfall == null) {
        await this.bot.trader.start(plan)
        this.bot.journal.clearTimer(botId, STARTING)
        return
      }
      const rules = this.bot.account.rules.get(symbol)
      failure = `buying ${bought.wanted.toFixed()} ${rules.baseAsset} for the SELLs fell short: ${bought.shortfall}`
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error)
    }
    await this.fail(failure)
    throw new Error(`bot ${botId} did not start: ${failure}`)
  }
}
