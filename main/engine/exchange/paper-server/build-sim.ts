import { Decimal } from '@shared/money/decimal'
import type { Clock } from '../../clock/clock'
import { parseExchangeInfo, type ExchangeRules } from '../rules'
import { SimExchange } from '../sim/sim-exchange'
import { DEFAULT_BALANCES, DEFAULT_EXCHANGE_INFO, DEFAULT_PRICES } from './default-exchange-info'
import type { PaperFees } from './paper-context'
import { JOURNAL_VERSION, type JournalHeader } from './journal-format'
import type { ExistingSim, SimBuildOptions } from './paper-server-options'

/** The simulator a server serves, with the rules and fees it reports. */
export interface ServedSim {
  readonly exchange: SimExchange
  readonly rules: ExchangeRules
  readonly fees: PaperFees
  /** How a built simulator started (what a state file keeps); undefined for the caller's own simulator. */
  readonly header: JournalHeader | undefined
}

const DEFAULT_FEE = '0.001'

/**
 * Returns the simulator to serve: the caller's, or one built from an exchangeInfo (or the built-in
 * market). A saved account's header, when given, decides the starting balances, prices and fees.
 */
export async function buildSim(options: ExistingSim | SimBuildOptions | undefined, clock: Clock, seed: number, saved?: JournalHeader): Promise<ServedSim> {
  if (options !== undefined && 'exchange' in options) {
    const rules = await options.exchange.exchangeInfo()
    return { exchange: options.exchange, rules, fees: { maker: options.makerFee ?? new Decimal(DEFAULT_FEE), taker: options.takerFee ?? new Decimal(DEFAULT_FEE) }, header: undefined }
  }
  const build = options ?? {}
  const parsed = parseExchangeInfo(build.exchangeInfo ?? DEFAULT_EXCHANGE_INFO)
  const rules = build.symbols === undefined ? parsed : selectSymbols(parsed, build.symbols)
  const header: JournalHeader = saved ?? {
    version: JOURNAL_VERSION,
    balances: build.balances ?? DEFAULT_BALANCES,
    prices: build.prices ?? Object.fromEntries(Object.entries(DEFAULT_PRICES).filter(([symbol]) => rules.symbols.has(symbol))),
    makerFee: build.makerFee ?? DEFAULT_FEE,
    takerFee: build.takerFee ?? DEFAULT_FEE
  }
  const fees = { maker: new Decimal(header.makerFee), taker: new Decimal(header.takerFee) }
  const exchange = new SimExchange({
    rules,
    clock,
    balances: header.balances,
    makerFee: fees.maker,
    takerFee: fees.taker,
    prices: header.prices,
    seed,
    ...(build.faults !== undefined ? { faults: build.faults } : {}),
    ...(build.commission !== undefined ? { commission: build.commission } : {})
  })
  return { exchange, rules, fees, header }
}

function selectSymbols(rules: ExchangeRules, symbols: readonly string[]): ExchangeRules {
  const selected = new Map<string, NonNullable<ReturnType<ExchangeRules['symbols']['get']>>>()
  for (const symbol of symbols) {
    const entry = rules.symbols.get(symbol)
    if (entry === undefined) throw new RangeError(`symbol ${symbol} is not in the exchangeInfo`)
    selected.set(symbol, entry)
  }
  return { ...rules, symbols: selected }
}
