import { parseBotConfig, type BotConfig } from '@shared/config/bot-config'
import { AccountEngine } from '../../engine/account/account-engine'
import { GridBot } from '../../engine/bot/grid-bot'
import { LiveClock } from '../../engine/clock/live-clock'
import { BinanceExchange } from '../../engine/exchange/binance/binance-exchange'
import type { BinanceEndpoints } from '../../engine/exchange/binance/urls'
import type { Journal } from '../../engine/journal'
import type { Logger } from '../../engine/logging/logger'
import { withoutStopIncidents } from '../../engine/logging/without-stop-incidents'
import { startBotLoops } from '../../service/bot-loops'

/** The bot state entry holding the configuration last read from the config file. */
const CONFIG_FILE_STATE = 'run.config-file'

/** How long a stop waits for the bot's loops to notice it (a request in flight finishes first). */
const STOP_GRACE_MS = 10_000

/** What a headless run needs. */
export interface RunSessionOptions {
  readonly config: BotConfig
  readonly endpoints: BinanceEndpoints
  readonly apiKey: string
  readonly apiSecret: string
  /** The journal, opened (see openRunJournal); the session closes it when it stops or fails to start. */
  readonly journal: Journal
  readonly logger: Logger
  /** Aborted when the process is asked to stop: a start still waiting on the exchange gives up at once. */
  readonly signal?: AbortSignal
}

/** A running headless bot. */
export interface RunSession {
  readonly bot: GridBot
  /**
   * Stops the bot's loops and closes the connections and the journal; orders stay on the exchange
   * and the next run reconciles. Nothing is waited out: a request waiting for the rate limit's
   * next window or a retry's backoff ends at once. A request already sent is answered first.
   */
  stop(): Promise<void>
}

/**
 * Starts one grid bot as the app does, without the app: on the journal of the data directory, the
 * Binance adapter on the endpoint, the account engine; then creates the bot, or restores it when
 * the journal already holds it, and runs its reconciliation, market and risk loops.
 */
export async function startRunSession(options: RunSessionOptions): Promise<RunSession> {
  const { config, endpoints } = options
  // What the stop cuts short is no incident
  const logger = withoutStopIncidents(options.logger)
  const clock = new LiveClock()
  // Every wait ends when the process is asked to stop, also while the bot starts
  options.signal?.addEventListener('abort', () => clock.stop(), { once: true })
  const journal = options.journal
  const exchange = new BinanceExchange({ endpoints, apiKey: options.apiKey, apiSecret: options.apiSecret, clock, logger })
  const closeAll = async () => {
    await exchange.close()
    journal.close()
  }
  let bot: GridBot
  let engine: AccountEngine
  try {
    engine = new AccountEngine({ exchange, journal, clock, logger, random: Math.random })
    await engine.start([config.symbol])
    bot = await createOrRestore(engine, { exchange, journal, clock, logger }, config)
  } catch (error) {
    await closeAll().catch(() => undefined)
    throw error
  }
  const loops = startBotLoops(bot)
  logger.info('running', { botId: config.id, symbol: config.symbol, endpoint: endpoints.name, status: bot.record().status })
  return {
    bot,
    async stop() {
      // No new order from here on; the bot's status stays as it is, so the next run resumes it
      bot.trader.halt('all')
      engine.stop()
      // Every wait ends now: a retry sleeping on a Retry-After, the rate-limit governor's wait for the next window
      clock.stop()
      await loops.stop(STOP_GRACE_MS)
      await engine.lock.run(async () => undefined)
      await closeAll()
    }
  }
}

async function createOrRestore(engine: AccountEngine, deps: ConstructorParameters<typeof GridBot>[1], fileConfig: BotConfig): Promise<GridBot> {
  const { journal, logger, clock } = deps
  const stored = journal.getBot(fileConfig.id)
  if (stored === undefined) {
    const bot = new GridBot(engine, deps, fileConfig)
    logger.info('creating the bot', { botId: fileConfig.id, symbol: fileConfig.symbol })
    await bot.create()
    rememberFileConfig(journal, fileConfig, clock.nowMs())
    return bot
  }
  if (stored.symbol !== fileConfig.symbol) {
    throw new Error(`bot ${fileConfig.id} in this data directory trades ${stored.symbol}, but the config file says ${fileConfig.symbol}; use another id or data directory`)
  }
  const parsed = parseBotConfig(JSON.parse(stored.configJson))
  if (!parsed.ok) throw new Error(`the stored configuration of bot ${fileConfig.id} is not valid: ${parsed.errors.join('; ')}`)
  const bot = new GridBot(engine, deps, parsed.config)
  logger.info('restoring the bot', { botId: fileConfig.id, symbol: fileConfig.symbol, status: stored.status })
  const report = await bot.restore()
  if (report !== undefined) logger.info('reconciled with the exchange', { botId: fileConfig.id, report: JSON.stringify(report) })
  // The range in the journal moves when the bot recenters: the file is applied only when it changed
  if (journal.getBotState(fileConfig.id, CONFIG_FILE_STATE) !== JSON.stringify(fileConfig)) {
    const outcome = await bot.applyConfig(fileConfig)
    if (outcome.applied) {
      rememberFileConfig(journal, fileConfig, clock.nowMs())
      logger.info('the changed config file is applied', { botId: fileConfig.id, changes: outcome.changes.map((change) => `${change.path} (${change.effect})`).join(', ') })
    } else {
      logger.error('the changed config file is not applied; the bot runs on its stored configuration', { botId: fileConfig.id, reason: outcome.reason })
    }
  }
  return bot
}

function rememberFileConfig(journal: Journal, config: BotConfig, nowMs: number): void {
  journal.saveBotState(config.id, CONFIG_FILE_STATE, JSON.stringify(config), nowMs)
}
