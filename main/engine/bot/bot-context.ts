import type { Decimal } from '@shared/money/decimal'
import type { AccountEngine } from '../account/account-engine'
import type { Clock } from '../clock/clock'
import type { Exchange } from '../exchange/port/exchange'
import type { GridTrader } from '../grid/trader/grid-trader'
import type { Journal } from '../journal/journal'
import type { BotRecord } from '../journal/journal-records'
import type { Logger } from '../logging/logger'
import type { ReconcileReport } from '../reconcile/reconciler'
import type { BotIncidents } from './bot-incidents'
import type { GridBotConfig } from './grid-bot-config'
import type { BaseTradeOutcome, BaseTradePurpose } from './trade-base'

/** What the parts of a grid bot (its start, its exits, its re-planning) share of it. */
export interface BotContext {
  readonly account: AccountEngine
  readonly trader: GridTrader
  readonly exchange: Exchange
  readonly journal: Journal
  readonly clock: Clock
  readonly logger: Logger
  readonly incidents: BotIncidents
  /** Returns the bot's configuration now. */
  config(): GridBotConfig
  /** Returns the bot's stored record. */
  record(): BotRecord
  /** Records a bot event and logs it for a person. */
  event(type: string, level: number | null, message: string, details?: Readonly<Record<string, string | number>>): void
  /** Trades base outside the grid with the bot's settings (see tradeBase). */
  tradeBase(side: 'BUY' | 'SELL', quantity: Decimal, purpose: BaseTradePurpose): Promise<BaseTradeOutcome>
  /** Cancels every order of the bot the exchange shows open; returns what stays open. */
  cancelEveryOrder(): Promise<{ readonly cancelled: string[]; readonly remaining: string[] }>
  /** Brings the OCO backstop up to date; a failure is logged. */
  syncBackstop(): Promise<void>
  /** Reconciles the bot with the exchange. */
  reconcile(): Promise<ReconcileReport>
}
