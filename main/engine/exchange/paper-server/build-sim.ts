import { Decimal } from '@shared/money/decimal'
import type { Clock } from '../../clock/clock'
import { parseExchangeInfo, type ExchangeRules } from '../rules'
import { SimExchange } from '../sim/sim-exchange'
import { DEFAULT_BALANCES, DEFAULT_EXCHANGE_INFO, DEFAULT_PRICES } from './default-exchange-info'
import type { PaperFees } from './paper-context'
import type { ExistingSim, SimBuildOptions } from './paper-server-options'

/** The simulator a server serves, with the rules and fees it reports. */
export interface ServedSim {
  readonly exchange: SimExchange
  readonly rules: ExchangeRules
  readonly fees: PaperFees
}

const DEFAULT_FEE = '0.001'

/** Returns the simulator to serve: the caller's, or one built from an exchangeInfo (or the built-in market). */
export async function buildSim(options: ExistingSim | SimBuildOptions | undefined, clock: Clock, seed: number): Promise<ServedSim> {
  if (options !== undefined && 'exchange' in options) {
    const rules = await options.exchange.exchangeInfo()
    return { exchange: options.exchange, rules, fees: { maker: options.makerFee ?? new Decimal(DEFAULT_FEE), taker: options.takerFee ?? new Decimal(DEFAULT_FEE) } }
  }
  const build = options ?? {}
  const parsed = parseExchangeInfo(build.exchangeInfo ?? DEFAULT_EXCHANGE_INFO)
  const rules = build.symbols === undefined ? parsed : selectSymbols(parsed, build.symbols)
  const prices = build.prices ?? Object.fromEntries(Object.entries(DEFAULT_PRICES).filter(([symbol]) => rules.symbols.has(symbol)))
  const fees = { maker: new Decimal(build.makerFee ?? DEFAULT_FEE), taker: new Decimal(build.takerFee ?? DEFAULT_FEE) }
  const exchange = new SimExchange({
    rules,
    clock,
    balances: build.balances ?? DEFAULT_BALANCES,
    makerFee: fees.maker,
    takerFee: fees.taker,
    prices,
    seed,
    ...(build.faults !== undefined ? { faults: build.faults } : {})
  })
  return { exchange, rules, fees }
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
