import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import { AccountEngine } from '../../account/account-engine'
import { botHoldings } from '../../bot/bot-holdings'
import { GridBot } from '../../bot/grid-bot'
import type { GridBotConfig } from '../../bot/grid-bot-config'
import { settle, TestClock } from '../../clock/test-clock'
import type { Exchange } from '../../exchange/port/exchange'
import type { NewOrder, OrderRef } from '../../exchange/port/new-order'
import type { OrderStatusReport } from '../../exchange/port/order-report'
import { parseExchangeInfo } from '../../exchange/rules'
import { BTCUSDT_FILTERS, rawSymbol } from '../../exchange/rules/stubs'
import { SimExchange } from '../../exchange/sim/sim-exchange'
import { openJournal, type Journal } from '../../journal'
import type { IntentRecord } from '../../journal/journal-records'
import { MemoryLogger } from '../../logging/logger'
import type { GridPlan, LevelSide } from '../planner/grid-plan'
import { parseOrderId } from './client-order-ids'
import type { LevelState } from './level-state'

/** The symbol every trader test trades. */
export const SYMBOL = 'BTCUSDT'

/** The bot every trader test runs. */
export const BOT_ID = 'b1'

/** The virtual clock's start: 2026-01-05T00:00:00Z. */
export const T0 = Date.UTC(2026, 0, 5)

/** BTCUSDT with the 2024 filters: tick 0.01, step 0.00001, NOTIONAL ≥ 5. */
export const BTCUSDT_EXCHANGE_RULES = parseExchangeInfo({
  symbols: [rawSymbol(BTCUSDT_FILTERS, { symbol: SYMBOL, baseAsset: 'BTC', quoteAsset: 'USDT', orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'] })]
})

/** The bot's configuration: its share is 1,000 USDT and 0.01 BTC (what restore() rebuilds it from). */
export const TRADER_CONFIG: GridBotConfig = botConfig({
  id: BOT_ID,
  symbol: SYMBOL,
  grid: { lower: '58000', upper: '62000', grids: 4, spacing: 'arithmetic', investment: '1000', baseHeld: '0.01' },
  fees: { maker: '0.001', taker: '0.001' }
})

/** One level of a hand-written plan: price, first side and quantity, as exact text. */
export type LevelSpec = readonly [price: string, side: LevelSide, quantity: string]

/**
 * Five levels 1,000 apart around 60,000 with 0.002 BTC each: BUYs at 58,000 and 59,000, the
 * empty level at 60,000, SELLs at 61,000 and 62,000.
 */
export const FIVE_LEVELS: readonly LevelSpec[] = [
  ['58000', 'BUY', '0.002'],
  ['59000', 'BUY', '0.002'],
  ['60000', 'NONE', '0'],
  ['61000', 'SELL', '0.002'],
  ['62000', 'SELL', '0.002']
]

/** Returns a plan with exactly these levels (only `levels` matters to the trader; the rest is plausible). */
export function handPlan(levels: readonly LevelSpec[], price = '60000'): GridPlan {
  const planned = levels.map(([levelPrice, side, quantity], index) => ({
    index,
    price: new Decimal(levelPrice),
    side,
    quantity: new Decimal(quantity),
    notional: new Decimal(levelPrice).mul(quantity)
  }))
  const total = (side: LevelSide) => planned.filter((level) => level.side === side).reduce((sum, level) => sum.add(side === 'BUY' ? level.notional : level.quantity), new Decimal(0))
  return {
    symbol: SYMBOL,
    spacing: 'arithmetic',
    grids: levels.length - 1,
    lower: planned[0]?.price ?? new Decimal(0),
    upper: planned[planned.length - 1]?.price ?? new Decimal(0),
    price: new Decimal(price),
    investment: new Decimal(TRADER_CONFIG.grid.investment),
    levels: planned,
    profitPerGrid: { minPct: new Decimal(0), maxPct: new Decimal(0) },
    quotePerGrid: new Decimal(0),
    minInvestment: new Decimal(0),
    baseRequired: total('SELL'),
    baseHeld: new Decimal(TRADER_CONFIG.grid.baseHeld),
    acquisition: null,
    quoteRequired: total('BUY'),
    problems: []
  }
}

/** One call the engine made to the exchange's order or trade endpoints. */
export type ExchangeCall =
  | { readonly method: 'placeOrder'; readonly order: NewOrder; readonly outcome: 'ok' | 'error' }
  | { readonly method: 'cancelOrder'; readonly ref: OrderRef; readonly outcome: 'ok' | 'error' }
  | { readonly method: 'myTrades'; readonly query: Parameters<Exchange['myTrades']>[0]; readonly returned: number }

/** An account engine of one process, with no bot on it yet. */
export interface EngineOnly {
  readonly engine: AccountEngine
  readonly journal: Journal
  readonly logger: MemoryLogger
  /** Ends the process as a crash would: it hears and sends nothing more; its journal closes. */
  readonly crash: () => void
}

/** One engine process with the bot: what a crash throws away. */
export interface EngineProcess extends EngineOnly {
  readonly bot: GridBot
}

/** How to build a GridWorld. */
export interface GridWorldOptions {
  /** The account's balances on the simulator; default 2,000 USDT and 0.02 BTC (the bot owns half). */
  readonly balances?: Readonly<Record<string, string>>
  /** The last price; default 60,000. */
  readonly price?: string
}

/**
 * A simulated exchange and a virtual clock that outlive engine processes, with a record of every
 * order, cancel and trade-history call any process made, and a watch over the rule that a level
 * never has two live orders (checked on the exchange after every placement).
 */
export class GridWorld {
  readonly clock = new TestClock(T0)
  readonly sim: SimExchange
  readonly calls: ExchangeCall[] = []
  /** The most live orders of the bot one level held on the exchange right after any placement. */
  maxLiveOrdersPerLevel = 0
  constructor(options: GridWorldOptions = {}) {
    this.sim = new SimExchange({
      rules: BTCUSDT_EXCHANGE_RULES,
      clock: this.clock,
      balances: options.balances ?? { USDT: '2000', BTC: '0.02' },
      makerFee: new Decimal('0.001'),
      takerFee: new Decimal('0.001'),
      prices: { [SYMBOL]: options.price ?? '60000' },
      seed: 1
    })
  }

  /** Starts an account engine over `journal`, with no bot (a process that has not loaded the bot yet). */
  async bootEngine(journal: Journal = openJournal(':memory:')): Promise<EngineOnly & { readonly exchange: Exchange }> {
    const logger = new MemoryLogger()
    const connection = this.connect()
    const engine = new AccountEngine({ exchange: connection.exchange, journal, clock: this.clock, logger, random: () => 0.5 })
    await engine.start([SYMBOL])
    const crash = () => {
      connection.sever()
      engine.stop()
      journal.close()
    }
    return { engine, journal, logger, crash, exchange: connection.exchange }
  }

  /** Starts an engine process over `journal` with the bot on it (nothing is placed or loaded yet). */
  async boot(journal: Journal = openJournal(':memory:'), config: GridBotConfig = TRADER_CONFIG): Promise<EngineProcess> {
    const { engine, logger, crash, exchange } = await this.bootEngine(journal)
    const bot = new GridBot(engine, { exchange, journal, clock: this.clock, logger }, config)
    return { engine, bot, journal, logger, crash }
  }

  /** Gives the bot its share in a process's ledger, rebuilt from the journal's fills as restore() does. */
  registerShare(running: EngineOnly): void {
    const allocation = { USDT: new Decimal(TRADER_CONFIG.grid.investment), BTC: new Decimal(TRADER_CONFIG.grid.baseHeld) }
    running.engine.ledger.registerBot(BOT_ID, botHoldings(allocation, 'BTC', 'USDT', running.journal.listFills(BOT_ID)))
  }

  /** Boots a process, registers the bot as create() would, and starts a hand-written grid on it. */
  async start(levels: readonly LevelSpec[] = FIVE_LEVELS, journal?: Journal): Promise<EngineProcess> {
    const running = await this.boot(journal)
    const now = this.clock.nowMs()
    running.journal.saveBot({ botId: BOT_ID, symbol: SYMBOL, configJson: JSON.stringify(TRADER_CONFIG), status: 'running', createdAtMs: now, updatedAtMs: now })
    this.registerShare(running)
    await this.run(running.bot.trader.start(handPlan(levels)))
    return running
  }

  /** Awaits work that may sleep on the virtual clock, moving the clock on until it is done. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false
    let failure: unknown
    let value: T | undefined
    work.then(
      (result) => {
        value = result
        done = true
      },
      (error: unknown) => {
        failure = error
        done = true
      }
    )
    for (let round = 0; round < 2000 && !done; round += 1) await this.quiesce(1)
    if (!done) throw new Error('the work did not finish on the virtual clock')
    if (failure !== undefined) throw failure
    await this.quiesce()
    return value as T
  }

  /** Lets events and engine work run, moving the virtual clock on in steps so sleepers wake too. */
  async quiesce(rounds = 20, stepMs = 250): Promise<void> {
    for (let round = 0; round < rounds; round += 1) {
      await settle(10)
      await this.clock.advance(stepMs)
    }
  }

  /** Prints a public trade and lets the engine react (the clock moves on a few seconds). */
  async trade(price: string, quantity = '1'): Promise<void> {
    this.sim.trade(SYMBOL, new Decimal(price), new Decimal(quantity))
    await this.quiesce()
  }

  /** Returns the bot's open orders on the exchange by level, each as "SIDE quantity@price". */
  async ordersByLevel(): Promise<Record<number, string[]>> {
    const byLevel: Record<number, string[]> = {}
    for (const order of await this.sim.openOrders(SYMBOL)) {
      const parsed = parseOrderId(order.clientOrderId)
      if (parsed?.botId !== BOT_ID || parsed.tag.kind !== 'level') continue
      byLevel[parsed.tag.level] = [...(byLevel[parsed.tag.level] ?? []), `${order.side} ${order.origQty.sub(order.executedQty).toFixed()}@${order.price.toFixed()}`]
    }
    return byLevel
  }

  /** Returns the bot's open order on a level, failing when there is not exactly one. */
  async liveOrder(level: number): Promise<OrderStatusReport> {
    const orders = (await this.sim.openOrders(SYMBOL)).filter((order) => {
      const parsed = parseOrderId(order.clientOrderId)
      return parsed?.botId === BOT_ID && parsed.tag.kind === 'level' && parsed.tag.level === level
    })
    if (orders.length !== 1) throw new Error(`level ${level} has ${orders.length} live orders, not one`)
    return orders[0] as OrderStatusReport
  }

  /** Returns the placements the engine sent, as "SIDE level quantity", with " refused" when the exchange said no. */
  placements(): string[] {
    return this.calls.flatMap((call) => {
      if (call.method !== 'placeOrder') return []
      const parsed = parseOrderId(call.order.clientOrderId)
      const where = parsed?.tag.kind === 'level' ? `L${parsed.tag.level}` : call.order.clientOrderId
      return [`${call.order.side} ${where} ${call.order.quantity?.toFixed() ?? ''}${call.outcome === 'error' ? ' refused' : ''}`]
    })
  }

  /** Returns the engine's connection to the simulator: every call recorded, and a switch to cut it. */
  private connect(): { readonly exchange: Exchange; readonly sever: () => void } {
    const sim = this.sim
    let alive = true
    // A dead process's calls never answer, and an answer on the wire when it died reaches nobody
    const guard = <T>(call: () => Promise<T>): Promise<T> => {
      if (!alive) return new Promise<T>(() => {})
      return call().then(
        (value) => (alive ? value : new Promise<T>(() => {})),
        (error: unknown) => (alive ? Promise.reject(error) : new Promise<T>(() => {}))
      )
    }
    const exchange: Exchange = {
      exchangeInfo: (symbols) => guard(() => sim.exchangeInfo(symbols)),
      serverTimeMs: () => guard(() => sim.serverTimeMs()),
      account: () => guard(() => sim.account()),
      lastPrice: (symbol) => guard(() => sim.lastPrice(symbol)),
      avgPrice: (symbol) => guard(() => sim.avgPrice(symbol)),
      bookTicker: (symbol) => guard(() => sim.bookTicker(symbol)),
      placeOrder: (order) =>
        guard(async () => {
          try {
            const report = await sim.placeOrder(order)
            this.calls.push({ method: 'placeOrder', order, outcome: 'ok' })
            await this.checkOneOrderPerLevel()
            return report
          } catch (error) {
            this.calls.push({ method: 'placeOrder', order, outcome: 'error' })
            throw error
          }
        }),
      cancelOrder: (ref) =>
        guard(async () => {
          try {
            const report = await sim.cancelOrder(ref)
            this.calls.push({ method: 'cancelOrder', ref, outcome: 'ok' })
            return report
          } catch (error) {
            this.calls.push({ method: 'cancelOrder', ref, outcome: 'error' })
            throw error
          }
        }),
      cancelAllOrders: (symbol) => guard(() => sim.cancelAllOrders(symbol)),
      queryOrder: (ref) => guard(() => sim.queryOrder(ref)),
      openOrders: (symbol) => guard(() => sim.openOrders(symbol)),
      allOrders: (query) => guard(() => sim.allOrders(query)),
      myTrades: (query) =>
        guard(async () => {
          const trades = await sim.myTrades(query)
          this.calls.push({ method: 'myTrades', query, returned: trades.length })
          return trades
        }),
      placeOcoList: (list) => guard(() => sim.placeOcoList(list)),
      cancelOrderList: (symbol, id) => guard(() => sim.cancelOrderList(symbol, id)),
      openOrderLists: () => guard(() => sim.openOrderLists()),
      subscribeUserEvents: (listener) => sim.subscribeUserEvents((event) => alive && listener(event)),
      subscribeTrades: (symbol, listener) => sim.subscribeTrades(symbol, (tick) => alive && listener(tick)),
      klines: (symbol, interval, limit) => guard(() => sim.klines(symbol, interval, limit))
    }
    return { exchange, sever: () => (alive = false) }
  }

  private async checkOneOrderPerLevel(): Promise<void> {
    const counts = new Map<number, number>()
    for (const order of await this.sim.openOrders(SYMBOL)) {
      const parsed = parseOrderId(order.clientOrderId)
      if (parsed?.botId === BOT_ID && parsed.tag.kind === 'level') counts.set(parsed.tag.level, (counts.get(parsed.tag.level) ?? 0) + 1)
    }
    this.maxLiveOrdersPerLevel = Math.max(this.maxLiveOrdersPerLevel, ...counts.values())
  }
}

/** Returns the warnings and errors a process logged, one line each. */
export function problemsOf(running: Pick<EngineOnly, 'logger'>): string[] {
  return running.logger.lines.filter((line) => line.level === 'warn' || line.level === 'error').map((line) => `${line.level}: ${line.message} ${JSON.stringify(line.fields)}`)
}

/** Returns a level's stored state, as the journal has it (not the trader's memory). */
export function storedLevel(journal: Journal, level: number): LevelState {
  const record = journal.listLevels(BOT_ID).find((entry) => entry.level === level)
  if (record === undefined) throw new Error(`the journal has no level ${level}`)
  return JSON.parse(record.stateJson) as LevelState
}

/** Returns the bot's intents for one level and side, oldest first. */
export function intentsOf(journal: Journal, level: number, side?: 'BUY' | 'SELL'): IntentRecord[] {
  return journal.listIntents(BOT_ID).filter((intent) => intent.level === level && (side === undefined || intent.side === side))
}
