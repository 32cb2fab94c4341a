import { parseExchangeInfo, type ExchangeRules } from '../../main/engine/exchange/rules'
import { BTCUSDT_FILTERS, rawSymbol } from '../../main/engine/exchange/rules/stubs'
import { seededRandom } from '../engine/harness'

const STP_MODES = ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT'] as const
const WITH_MARKET = ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT']
const WITHOUT_MARKET = WITH_MARKET.filter((type) => type !== 'MARKET')

/** The exchange's rules in one chaos run, and what about them is out of the ordinary. */
export interface ChaosRules {
  readonly rules: ExchangeRules
  /** The self-trade prevention mode orders get by default (Binance's is EXPIRE_MAKER on most symbols). */
  readonly stpMode: string
  /** The symbols whose orderTypes have no MARKET, so every base trade must be a LIMIT at the touch. */
  readonly withoutMarket: readonly string[]
}

/**
 * The BTCUSDT and ETHUSDT of a chaos run: the seed picks the self-trade prevention mode (mostly
 * EXPIRE_MAKER, as on Binance, so the person's market orders that meet the bots' resting orders
 * expire them in the match), and in about one run in four a symbol has no MARKET order type. Its
 * draws come from a stream of their own, so the rest of the run draws as it would without them.
 */
export function chaosRules(seed: number): ChaosRules {
  const random = seededRandom(seed ^ 0x5f3759df)
  const stpDraw = random()
  const stpMode = stpDraw < 0.6 ? 'EXPIRE_MAKER' : (STP_MODES[Math.floor(random() * STP_MODES.length)] ?? 'EXPIRE_MAKER')
  const marketDraw = random()
  const withoutMarket = marketDraw < 0.15 ? ['ETHUSDT'] : marketDraw < 0.25 ? ['BTCUSDT'] : []
  const symbol = (name: string, base: string, filters: typeof BTCUSDT_FILTERS) =>
    rawSymbol(filters, {
      symbol: name,
      baseAsset: base,
      quoteAsset: 'USDT',
      orderTypes: withoutMarket.includes(name) ? WITHOUT_MARKET : WITH_MARKET,
      defaultSelfTradePreventionMode: stpMode,
      allowedSelfTradePreventionModes: [...STP_MODES]
    })
  const ethFilters = BTCUSDT_FILTERS.map((filter) => (filter.filterType === 'LOT_SIZE' ? { ...filter, minQty: '0.00010000', stepSize: '0.00010000' } : filter))
  return { rules: parseExchangeInfo({ symbols: [symbol('BTCUSDT', 'BTC', BTCUSDT_FILTERS), symbol('ETHUSDT', 'ETH', ethFilters)] }), stpMode, withoutMarket }
}
