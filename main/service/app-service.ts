import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fail, ok, PRODUCT_NAME, type AppStateView, type AwayView, type BotRef, type ConnectionView, type EmergencyStopOutcome, type HealthView, type KeyedMode, type KeyProfileView, type Result, type TradingMode } from '@shared/api'
import type { CommandHandlers } from '../api/command-handlers'
import { DEMO_ENDPOINTS, LIVE_ENDPOINTS, TESTNET_ENDPOINTS, type BinanceEndpoints } from '../engine/exchange/binance/urls'
import { isJournalOpenError, isJournalUnreadable, JournalOpenError } from '../engine/journal'
import type { Logger } from '../engine/logging/logger'
import { isKeyStoreError } from '../keys/is-key-store-error'
import { KeychainUnavailableError } from '../keys/keychain-unavailable-error'
import type { KeyStore } from '../keys/key-store'
import { AccountSession, type SessionTarget } from './account-session'
import { BacktestRunner } from './backtest-runner'
import { checkApiKeys } from './check-api-keys'
import { lockDataDir, type DataDirLock } from './data-dir-lock'
import { OPENING_ACCOUNT_MESSAGE } from './log-bot-names'
import { modeJournalPath, modeJournalTraces, setModeJournalAside } from './mode-journals'
import { ModeOutOfService } from './mode-out-of-service'
import type { PaperExchangeOptions } from './paper-exchange'
import { openPreferences, type PreferencesFile } from './preferences'
import type { OpenPreferencesStore } from './preferences-store'
import { ServiceEvents } from './service-events'

/** What the app service needs. */
export interface AppServiceOptions {
  /** The data folder: preferences, and per mode its journal (and in Paper mode the paper account). */
  readonly dataDir: string
  readonly version: string
  readonly logger: Logger
  readonly transport: 'ipc' | 'websocket'
  /** Where API keys are kept (the OS keychain in the app). */
  readonly keyStore: KeyStore
  /** Paper mode's market settings, for the built-in paper exchange. */
  readonly paper?: Omit<PaperExchangeOptions, 'dataDir'>
  /** A paper server started separately (`gridkeeper paper-server`) to use instead of the built-in one. */
  readonly paperServer?: { readonly endpoints: BinanceEndpoints; readonly apiKey: string; readonly apiSecret: string }
  /** Other endpoints for the keyed modes (a Binance-compatible test exchange in place of the testnet, say). */
  readonly endpoints?: Partial<Readonly<Record<KeyedMode, BinanceEndpoints>>>
  /** How often the dashboard state is rebuilt and pushed when it changed (500 ms). */
  readonly stateIntervalMs?: number
  /** How often balances are read from the exchange (5 000 ms). */
  readonly balanceIntervalMs?: number
  /** Where backtests download klines from: Binance's public REST base (https://api.binance.com), or a test server. */
  readonly klinesBaseUrl?: string
  /** How the preferences file is opened: electron-store in the desktop app; conf, its core, by default (the same file). */
  readonly preferencesStore?: OpenPreferencesStore
}

const NAMED_ENDPOINTS: Readonly<Record<KeyedMode, BinanceEndpoints>> = { testnet: TESTNET_ENDPOINTS, demo: DEMO_ENDPOINTS, live: LIVE_ENDPOINTS }
const NO_HEALTH: HealthView = { userStream: null, userStreamAgeMs: null, clockOffsetMs: null, usedWeight1m: null, weightLimit1m: null, orderCount10s: null, orderLimit10s: null }
/** How often the app records that it runs, for the "while you were away" timeline after a crash. */
const HEARTBEAT_MS = 60_000
/** An unchanged state is pushed again after this many ticks, so the health shown stays current. */
const HEALTH_PUSH_TICKS = 4

/**
 * The engine as the app uses it, for the desktop window and `gridkeeper serve` alike: the mode
 * (Paper on the built-in paper exchange by default, or testnet, demo or live with keys from the
 * OS keychain), one account session for it at a time, the commands of the contract, and the
 * dashboard state and chart candles pushed as events. One process per data folder.
 */
export class AppService {
  readonly events = new ServiceEvents()
  private mode: TradingMode
  private session: AccountSession | undefined
  private sessionProblem: string | null = null
  private readonly outOfService: ModeOutOfService
  /** The last error building the state, logged once rather than on every tick. */
  private stateError: string | undefined
  private switching: Promise<unknown> = Promise.resolve()
  private keys: readonly KeyProfileView[] = []
  private keychainProblem: string | null = null
  private away: AwayView | null = null
  private lastActiveMs: number | undefined
  private heartbeat: ReturnType<typeof setInterval> | undefined
  private revision = 0
  private lastStateJson = ''
  private quietTicks = 0
  private timer: ReturnType<typeof setInterval> | undefined
  private stopping = false
  private readonly lock: DataDirLock
  private readonly preferences: PreferencesFile
  private readonly backtests: BacktestRunner

  /** Takes the data folder (one process per journal) and reads the preferences; throws, naming the cause, when the folder is taken. */
  constructor(private readonly options: AppServiceOptions) {
    this.lock = lockDataDir(options.dataDir)
    this.outOfService = new ModeOutOfService(options.logger)
    this.preferences = openPreferences(options.dataDir, (message) => options.logger.warn(message), options.preferencesStore)
    this.mode = this.preferences.preferences.mode
    this.lastActiveMs = this.preferences.preferences.lastActiveMs
    this.backtests = new BacktestRunner({
      cacheDir: join(options.dataDir, 'klines'),
      logger: options.logger,
      onUpdate: (update) => this.events.emit('backtest', update),
      sessionRules: async (symbol) => this.session?.exchangeRules(symbol),
      ...(options.klinesBaseUrl === undefined ? {} : { klinesBaseUrl: options.klinesBaseUrl })
    })
  }

  /** Opens the mode's account and starts pushing state; a failure is shown in the state, not thrown. */
  async start(): Promise<void> {
    this.timer = setInterval(() => this.pushState(), this.options.stateIntervalMs ?? 500)
    await this.refreshKeys()
    const awaySince = this.lastActiveMs
    await this.switchTo(this.mode)
    // Stopped while the mode opened: nothing more to start
    if (this.stopping) return
    this.heartbeat = setInterval(() => this.markActive(), HEARTBEAT_MS)
    this.markActive()
    if (awaySince !== undefined) this.showAway(awaySince)
  }

  /** Tells whether the current mode is out of service because its journal cannot be used. */
  isOutOfService(): boolean {
    return this.outOfService.current() !== undefined
  }

  /**
   * After the computer slept: every bot reconciles with the exchange at once (fills missed while
   * asleep are answered), then what happened since `suspendedAtMs` is shown.
   */
  async resumed(suspendedAtMs: number): Promise<void> {
    const session = this.session
    if (session === undefined) return
    this.options.logger.info('resumed from sleep: reconciling every bot', { mode: this.mode })
    await session.reconcileAll()
    this.markActive()
    this.showAway(suspendedAtMs)
  }

  /** Whether the computer should stay awake: a live bot is running. */
  keepAwake(): boolean {
    return this.mode === 'live' && this.readJournal(false, (session) => session.hasRunningBot())
  }

  /** Whether any bot of the mode has orders on the exchange (quitting then asks what to do with them). */
  hasOpenOrders(): boolean {
    return this.readJournal(false, (session) => session.hasOpenOrders())
  }

  /** Cancels every order of every bot of the mode (quitting with "cancel everything"). */
  async cancelEverything(): Promise<Result<readonly (EmergencyStopOutcome & BotRef)[]>> {
    const session = this.session
    if (session === undefined) return fail('not-ready', 'no account is open')
    return session.stopAll(false)
  }

  /** Stops the session (orders stay on the exchange) and frees the data folder. */
  async stop(): Promise<void> {
    this.stopping = true
    await this.backtests.stop()
    if (this.timer !== undefined) clearInterval(this.timer)
    if (this.heartbeat !== undefined) {
      clearInterval(this.heartbeat)
      this.markActive()
    }
    // A session still connecting stops now, its waits ended, rather than the stop waiting them out
    const stopping = this.session?.stop()
    await this.switching.catch(() => undefined)
    await stopping
    await this.session?.stop()
    this.session = undefined
    this.lock.release()
  }

  /** The implementation of every command of the contract. */
  handlers(): CommandHandlers {
    const session = () => this.session
    const withSession = async <T>(work: (current: AccountSession) => Promise<Result<T>>): Promise<Result<T>> => {
      const current = session()
      if (current === undefined) return this.notReady()
      try {
        return await work(current)
      } catch (error) {
        if (!this.journalFailed(current, error)) throw error
        return this.notReady()
      } finally {
        this.pushState()
      }
    }
    return {
      getInfo: async () => ok({ name: PRODUCT_NAME, version: this.options.version, mode: this.mode, transport: this.options.transport }),
      getState: async () => ok(this.state()),
      startNewJournal: (params) => this.startNewJournal(params.mode),
      getCandles: (params) => withSession((current) => current.candles(params)),
      previewPlan: (params) => withSession((current) => current.previewPlan(params.config)),
      startBot: (params) => withSession((current) => current.startBot(params.config, params.expected)),
      pauseBot: (params) => withSession((current) => current.withBot(params.botId, async (bot) => (bot.pause(), null))),
      resumeBot: (params) => withSession((current) => current.withBot(params.botId, async (bot) => (await bot.resume(), null))),
      emergencyStop: (params) =>
        withSession((current) =>
          current.withBot(params.botId, async (bot) => {
            const report = await bot.emergencyStop({ sellBase: params.sellBase })
            return { cancelled: report.cancelled, stillOpen: report.stillOpen, soldBase: report.soldBase }
          })
        ),
      holdLevel: (params) => withSession((current) => current.withLevel(params, (bot) => bot.holdLevel(params.level))),
      releaseLevel: (params) => withSession((current) => current.withLevel(params, (bot) => bot.releaseLevel(params.level))),
      recenterNow: (params) => withSession((current) => current.withBot(params.botId, async (bot) => ({ recentered: await bot.recenterNow() }))),
      diagnoseRebalance: (params) =>
        withSession((current) =>
          current.withBot(params.botId, async (bot) => {
            const diagnosis = await bot.diagnoseDeadlock()
            if (diagnosis === undefined) return { deadlocked: false, message: 'No deadlock: no grid order is waiting for funds, so there is nothing to rebalance.', trade: null }
            return { deadlocked: true, message: diagnosis.message, trade: diagnosis.rebalance === null ? null : { side: diagnosis.rebalance.side, quantity: diagnosis.rebalance.quantity.toFixed() } }
          })
        ),
      rebalanceNow: (params) => withSession((current) => current.withBot(params.botId, async (bot) => ({ outcome: await bot.rebalanceNow() }))),
      cancelOco: (params) => withSession((current) => current.withBot(params.botId, async (bot) => (await bot.cancelBackstop(), null))),
      moveOco: (params) => withSession((current) => current.moveOco(params.botId, params.stopLoss, params.takeProfit)),
      saveKeys: (params) => this.keyCommand(async () => {
        await this.options.keyStore.save(params.profile, { apiKey: params.apiKey, apiSecret: params.apiSecret })
        this.options.logger.info('API keys saved in the OS keychain', { profile: params.profile })
        await this.refreshKeys()
        const saved = this.keys.find((entry) => entry.profile === params.profile)
        return saved === undefined ? fail('internal', `the keys of ${params.profile} were saved but cannot be listed`) : ok(saved)
      }),
      deleteKeys: (params) => this.keyCommand(async () => {
        if (params.profile === this.mode) return fail('keys-in-use', `the app trades in ${params.profile} mode with these keys; switch to another mode before deleting them`)
        const removed = await this.options.keyStore.remove(params.profile)
        this.options.logger.info(removed ? 'API keys deleted from the OS keychain' : 'no API keys to delete', { profile: params.profile })
        await this.refreshKeys()
        return ok({ removed })
      }),
      testConnection: (params) => this.keyCommand(async () => {
        const keys = await this.options.keyStore.load(params.profile)
        if (keys === undefined) return fail('no-keys', `no API keys are saved for ${params.profile}`)
        try {
          return ok(await checkApiKeys(this.endpointsFor(params.profile), keys))
        } catch (error) {
          return fail('connection-failed', `the ${params.profile} exchange refused or could not be reached: ${(error as Error).message}`)
        }
      }),
      setMode: async (params) => {
        if (params.mode !== 'paper' && !this.keys.some((entry) => entry.profile === params.mode && entry.maskedKey !== null)) {
          return fail('no-keys', `save the API key and secret of your ${params.mode} account first`)
        }
        if (params.mode === this.mode && this.session !== undefined) return ok(null)
        this.mode = params.mode
        this.markActive()
        await this.switchTo(params.mode)
        return ok(null)
      },
      dismissAway: async () => {
        this.away = null
        this.pushState()
        return ok(null)
      },
      stopAll: (params) => withSession((current) => current.stopAll(params.sellBase)),
      startBacktest: async (params) => this.backtests.start(params),
      cancelBacktest: async (params) => this.backtests.cancel(params.backtestId)
    }
  }

  /** Builds the dashboard state now. */
  state(): AppStateView {
    const session = this.session
    let fromJournal: Pick<AppStateView, 'bots' | 'suggestedConfig'>
    try {
      fromJournal = { bots: session?.botViews() ?? [], suggestedConfig: session?.suggestion() ?? null }
    } catch (error) {
      // A journal found unreadable has just taken the mode out of service: the state says so
      if (session === undefined || !this.journalFailed(session, error)) throw error
      return this.state()
    }
    const { bots, suggestedConfig } = fromJournal
    return {
      mode: this.mode,
      keys: this.keys,
      keychainProblem: this.keychainProblem,
      connection: this.connectionView(),
      health: session?.health() ?? NO_HEALTH,
      balances: session?.balanceViews() ?? [],
      symbols: session?.tradingSymbols() ?? [],
      bots,
      away: this.away,
      suggestedConfig,
      revision: this.revision
    }
  }

  private connectionView(): ConnectionView {
    return this.outOfService.connectionView() ?? this.session?.connectionView() ?? (this.sessionProblem === null ? { status: 'starting', message: `opening ${this.mode} mode` } : { status: 'failed', message: this.sessionProblem })
  }

  /** The failed answer of a command that needs the mode's account while it is not open. */
  private notReady(): Result<never> {
    return this.outOfService.failure() ?? fail('not-ready', this.sessionProblem ?? 'the app is switching modes')
  }

  /** Reads from the session's journal; a journal found unreadable takes the mode out of service and answers `fallback`. */
  private readJournal<T>(fallback: T, read: (session: AccountSession) => T): T {
    const session = this.session
    if (session === undefined) return fallback
    try {
      return read(session)
    } catch (error) {
      if (!this.journalFailed(session, error)) throw error
      return fallback
    }
  }

  /**
   * Tells whether an error from a session means its journal cannot be read (damaged on disk while
   * the app ran); if so, and the session is still the current one, the mode goes out of service
   * once: one log line, the banner, and the session's bots stopped (their orders stay).
   */
  private journalFailed(session: AccountSession, error: unknown): boolean {
    if (!isJournalUnreadable(error)) return false
    if (this.session !== session) return true
    const journalPath = modeJournalPath(this.options.dataDir, this.mode)
    const damaged = new JournalOpenError('JOURNAL_CORRUPT', journalPath, `journal ${journalPath} cannot be read: ${(error as Error).message}`, { cause: error })
    this.session = undefined
    this.takeOutOfService(this.mode, damaged)
    this.switching = this.switching.then(() => session.stop()).catch(() => undefined)
    return true
  }

  /** Puts a mode out of service for a journal that cannot be used (see ModeOutOfService). */
  private takeOutOfService(mode: TradingMode, error: JournalOpenError): void {
    this.sessionProblem = this.outOfService.take(mode, error).message
    this.pushState()
  }

  /** Sets the current mode's unusable journal aside (in Paper mode with the paper account) and opens the mode on a new one. */
  private async startNewJournal(mode: TradingMode): Promise<Result<{ setAside: string[] }>> {
    await this.switching.catch(() => undefined)
    if (mode !== this.mode) return fail('not-current-mode', `the app is in ${this.mode} mode: switch to ${mode} mode first`)
    const problem = this.outOfService.current()
    if (problem === undefined || !problem.newJournalAllowed) {
      return fail('journal-in-use', problem === undefined ? `the ${mode} journal can be used: a new one is started only in place of one that cannot` : `a new journal cannot be started here: ${problem.message}`)
    }
    const setAside = setModeJournalAside(this.options.dataDir, mode, Date.now(), this.options.logger)
    await this.switchTo(mode)
    return ok({ setAside })
  }

  private showAway(sinceMs: number): void {
    const items = this.readJournal([], (session) => session.timelineSince(sinceMs))
    this.away = items.length === 0 ? null : { sinceMs, items }
    this.pushState()
  }

  /** Records that the app runs now, with the mode, in the preferences. */
  private markActive(): void {
    this.lastActiveMs = Date.now()
    try {
      this.preferences.write({ mode: this.mode, lastActiveMs: this.lastActiveMs })
    } catch (error) {
      this.options.logger.warn('the preferences could not be written', { error: (error as Error).message })
    }
  }

  private async keyCommand<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
    try {
      return await work()
    } catch (error) {
      if (error instanceof KeychainUnavailableError) this.noteKeychainUnavailable(error)
      if (isKeyStoreError(error)) return fail(error.name === 'InvalidApiKeysError' || error.name === 'InvalidProfileNameError' ? 'invalid-keys' : 'keychain', error.message)
      throw error
    } finally {
      this.pushState()
    }
  }

  /** Closes the current session and opens the mode's; one switch at a time. */
  private switchTo(mode: TradingMode): Promise<void> {
    const next = this.switching.then(async () => {
      const previous = this.session
      this.session = undefined
      this.mode = mode
      this.sessionProblem = null
      this.outOfService.clear()
      this.pushState()
      await previous?.stop()
      if (this.stopping) return
      try {
        const target = await this.targetFor(mode)
        if (this.stopping) return
        const journalPath = modeJournalPath(this.options.dataDir, mode)
        mkdirSync(dirname(journalPath), { recursive: true })
        const session = new AccountSession({
          target,
          journalPath,
          earlierJournalTraces: () => modeJournalTraces(this.options.dataDir, mode),
          logger: this.options.logger,
          onCandle: (symbol, interval, candle) => this.events.emit('candle', { symbol, interval, candle }),
          ...(this.options.balanceIntervalMs === undefined ? {} : { balanceIntervalMs: this.options.balanceIntervalMs })
        })
        this.session = session
        this.options.logger.info(OPENING_ACCOUNT_MESSAGE, { mode })
        await session.start()
      } catch (error) {
        if (isJournalOpenError(error)) this.takeOutOfService(mode, error)
        else if (this.session === undefined || !this.journalFailed(this.session, error)) {
          this.sessionProblem = `${mode} mode cannot start: ${(error as Error).message}`
          this.options.logger.error('the mode cannot start', { mode, error: (error as Error).message })
        }
      }
      this.pushState()
    })
    this.switching = next.catch(() => undefined)
    return next
  }

  private async targetFor(mode: TradingMode): Promise<SessionTarget> {
    if (mode === 'paper') {
      const external = this.options.paperServer
      return external === undefined ? { kind: 'built-in-paper', dataDir: this.options.dataDir, ...(this.options.paper === undefined ? {} : { paper: this.options.paper }) } : { kind: 'endpoint', ...external }
    }
    const keys = await this.options.keyStore.load(mode)
    if (keys === undefined) throw new Error(`no API keys are saved for ${mode}: enter them under Keys, or switch to Paper mode`)
    return { kind: 'endpoint', endpoints: this.endpointsFor(mode), apiKey: keys.apiKey, apiSecret: keys.apiSecret }
  }

  private endpointsFor(mode: KeyedMode): BinanceEndpoints {
    return this.options.endpoints?.[mode] ?? NAMED_ENDPOINTS[mode]
  }

  private async refreshKeys(): Promise<void> {
    try {
      this.keys = (await this.options.keyStore.list()).map((entry) => ({ profile: entry.profile, maskedKey: entry.maskedKey ?? null, problem: entry.problem ?? null }))
      this.keychainProblem = null
    } catch (error) {
      this.keys = []
      if (error instanceof KeychainUnavailableError) return this.noteKeychainUnavailable(error)
      this.keychainProblem = 'the OS keychain cannot be read (gridkeeper.log has the details)'
      this.options.logger.warn('the OS keychain cannot be read', { error: (error as Error).message })
    }
  }

  /** Shows why the keychain cannot be used; the log also keeps what the keychain itself said, once per new problem. */
  private noteKeychainUnavailable(error: KeychainUnavailableError): void {
    if (this.keychainProblem === error.message) return
    this.keychainProblem = error.message
    const cause = error.cause instanceof Error ? error.cause.message.split('\n')[0] : undefined
    this.options.logger.warn(error.message, cause === undefined ? {} : { cause })
  }

  private pushState(): void {
    if (this.stopping) return
    let state: AppStateView
    try {
      state = this.state()
    } catch (error) {
      // Logged once until it changes or goes away, not on every tick
      const message = (error as Error).message
      if (message !== this.stateError) this.options.logger.error('the dashboard state could not be built', { error: message })
      this.stateError = message
      return
    }
    this.stateError = undefined
    // The health ages every tick: the state is pushed when anything else changed, and every few ticks for the health
    const json = JSON.stringify({ ...state, health: { ...state.health, userStreamAgeMs: null }, revision: 0 })
    this.quietTicks += 1
    if (json === this.lastStateJson && this.quietTicks < HEALTH_PUSH_TICKS) return
    this.lastStateJson = json
    this.quietTicks = 0
    this.revision += 1
    this.events.emit('state', { ...state, revision: this.revision })
  }
}
