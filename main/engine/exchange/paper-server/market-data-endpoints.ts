import { Decimal } from '@shared/money/decimal'
import { KLINE_INTERVALS_MS } from '../sim/kline-book'
import { venueErrors } from '../sim/venue-errors'
import type { Endpoint } from './endpoint'
import { exchangeInfoJson } from './exchange-info-json'
import type { TapeCandle } from './market-tape'
import { PaperApiError } from './paper-api-error'
import { lastPriceOf, symbolRules, type PaperContext } from './paper-context'
import { namedSymbolCount, selectSymbols } from './symbol-selection'
import { syntheticBook } from './synthetic-book'
import { wireDecimal } from './wire-decimal'
import type { SymbolRules } from '../rules'

const DAY_MS = 86_400_000
const AVERAGE_PRICE_MINUTES = 5
const ZERO = new Decimal(0)

/** Returns a kline as Binance's 12-element array. */
export function klineArray(candle: TapeCandle): unknown[] {
  return [
    candle.openTimeMs,
    wireDecimal(candle.open),
    wireDecimal(candle.high),
    wireDecimal(candle.low),
    wireDecimal(candle.close),
    wireDecimal(candle.volume),
    candle.closeTimeMs,
    wireDecimal(candle.quoteVolume),
    candle.tradeCount,
    wireDecimal(candle.takerBuyBaseVolume),
    wireDecimal(candle.takerBuyQuoteVolume),
    '0'
  ]
}

/** Returns the best bid and ask of the synthetic book (one tick either side of the last price). */
export function bestQuotes(rules: SymbolRules, last: Decimal | undefined): { bidPrice: string; bidQty: string; askPrice: string; askQty: string } {
  if (last === undefined) return { bidPrice: wireDecimal(ZERO), bidQty: wireDecimal(ZERO), askPrice: wireDecimal(ZERO), askQty: wireDecimal(ZERO) }
  const book = syntheticBook(rules, last, 1)
  const bid = book.bids[0]
  const ask = book.asks[0]
  return {
    bidPrice: wireDecimal(bid?.price ?? ZERO),
    bidQty: wireDecimal(bid?.quantity ?? ZERO),
    askPrice: wireDecimal(ask?.price ?? ZERO),
    askQty: wireDecimal(ask?.quantity ?? ZERO)
  }
}

function depthWeight(limit: number): number {
  if (limit <= 100) return 5
  if (limit <= 500) return 25
  if (limit <= 1000) return 50
  return 250
}

function tickerWeight(count: number | undefined): number {
  return count === 1 ? 2 : 4
}

function dayTickerWeight(count: number | undefined): number {
  if (count === undefined || count > 100) return 80
  if (count > 20) return 40
  return 2
}

async function ticker24h(context: PaperContext, rules: SymbolRules, nowMs: number, mini: boolean): Promise<Record<string, unknown>> {
  const { candle, previousClose } = context.tape.rollingWindow(rules.symbol, DAY_MS, nowMs)
  const last = (await lastPriceOf(context, rules.symbol)) ?? ZERO
  const open = candle?.open ?? last
  const common = {
    openPrice: wireDecimal(open),
    highPrice: wireDecimal(candle?.high ?? last),
    lowPrice: wireDecimal(candle?.low ?? last),
    lastPrice: wireDecimal(last),
    volume: wireDecimal(candle?.volume ?? ZERO),
    quoteVolume: wireDecimal(candle?.quoteVolume ?? ZERO),
    openTime: nowMs - DAY_MS,
    closeTime: nowMs,
    firstId: candle?.firstTradeId ?? -1,
    lastId: candle?.lastTradeId ?? -1,
    count: candle?.tradeCount ?? 0
  }
  if (mini) return { symbol: rules.symbol, ...common }
  const change = last.sub(open)
  const volume = candle?.volume ?? ZERO
  return {
    symbol: rules.symbol,
    priceChange: wireDecimal(change),
    priceChangePercent: open.isZero() ? '0.000' : change.div(open).mul(100).toFixed(3, Decimal.ROUND_HALF_EVEN),
    weightedAvgPrice: wireDecimal(volume.isZero() ? last : (candle?.quoteVolume ?? ZERO).div(volume).toDecimalPlaces(8, Decimal.ROUND_HALF_EVEN)),
    prevClosePrice: wireDecimal(previousClose ?? ZERO),
    lastQty: wireDecimal(context.tape.lastTrade(rules.symbol)?.quantity ?? ZERO),
    ...bestQuotes(rules, last),
    ...common
  }
}

/** The public market-data endpoints: ping, time, exchangeInfo, depth, klines, avgPrice and the tickers. */
export const MARKET_DATA_ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', path: '/api/v3/ping', security: 'NONE', weight: () => 1, handle: async () => ({}) },
  { method: 'GET', path: '/api/v3/time', security: 'NONE', weight: () => 1, handle: async (request) => ({ serverTime: request.nowMs }) },
  {
    method: 'GET',
    path: '/api/v3/exchangeInfo',
    security: 'NONE',
    weight: () => 20,
    handle: async (request, context) => {
      const selection = selectSymbols(request.params, context)
      return exchangeInfoJson(context.rules, selection.symbols, request.nowMs, context.limiter.limits())
    }
  },
  {
    method: 'GET',
    path: '/api/v3/depth',
    security: 'NONE',
    weight: (params) => depthWeight(params.limit(100, 5000)),
    handle: async (request, context) => {
      const symbol = request.params.required('symbol')
      const rules = symbolRules(context, symbol)
      const limit = request.params.limit(100, 5000)
      const last = await lastPriceOf(context, symbol)
      const book = last === undefined ? { bids: [], asks: [] } : syntheticBook(rules, last, limit)
      const level = (entry: { price: Decimal; quantity: Decimal }) => [wireDecimal(entry.price), wireDecimal(entry.quantity)]
      return { lastUpdateId: context.tape.lastTrade(symbol)?.id ?? 0, bids: book.bids.map(level), asks: book.asks.map(level) }
    }
  },
  ...['/api/v3/klines', '/api/v3/uiKlines'].map(
    (path): Endpoint => ({
      method: 'GET',
      path,
      security: 'NONE',
      weight: () => 2,
      handle: async (request, context) => {
        const symbol = request.params.required('symbol')
        symbolRules(context, symbol)
        const interval = request.params.required('interval')
        const intervalMs = KLINE_INTERVALS_MS[interval]
        if (intervalMs === undefined) throw venueErrors.invalidInterval()
        const startTimeMs = request.params.integer('startTime')
        const endTimeMs = request.params.integer('endTime')
        const candles = context.tape.candles(
          symbol,
          intervalMs,
          { limit: request.params.limit(500, 1000), ...(startTimeMs !== undefined ? { startTimeMs } : {}), ...(endTimeMs !== undefined ? { endTimeMs } : {}) },
          request.nowMs
        )
        return candles.map(klineArray)
      }
    })
  ),
  {
    method: 'GET',
    path: '/api/v3/avgPrice',
    security: 'NONE',
    weight: () => 2,
    handle: async (request, context) => {
      const symbol = request.params.required('symbol')
      symbolRules(context, symbol)
      // The simulator's average is the one its price filters check orders against
      const average = await context.exchange.avgPrice(symbol).catch(() => undefined)
      if (average === undefined) return { mins: AVERAGE_PRICE_MINUTES, price: wireDecimal(ZERO), closeTime: request.nowMs }
      return { mins: average.mins, price: wireDecimal(average.price), closeTime: average.closeTimeMs }
    }
  },
  {
    method: 'GET',
    path: '/api/v3/ticker/price',
    security: 'NONE',
    weight: (params) => tickerWeight(namedSymbolCount(params)),
    handle: async (request, context) => {
      const selection = selectSymbols(request.params, context)
      const rows = await Promise.all(selection.symbols.map(async (rules) => ({ symbol: rules.symbol, price: wireDecimal((await lastPriceOf(context, rules.symbol)) ?? ZERO) })))
      return selection.single ? rows[0] : rows
    }
  },
  {
    method: 'GET',
    path: '/api/v3/ticker/bookTicker',
    security: 'NONE',
    weight: (params) => tickerWeight(namedSymbolCount(params)),
    handle: async (request, context) => {
      const selection = selectSymbols(request.params, context)
      const rows = await Promise.all(selection.symbols.map(async (rules) => ({ symbol: rules.symbol, ...bestQuotes(rules, await lastPriceOf(context, rules.symbol)) })))
      return selection.single ? rows[0] : rows
    }
  },
  {
    method: 'GET',
    path: '/api/v3/ticker/24hr',
    security: 'NONE',
    weight: (params) => dayTickerWeight(namedSymbolCount(params)),
    handle: async (request, context) => {
      const selection = selectSymbols(request.params, context)
      const type = request.params.optional('type') ?? 'FULL'
      if (type !== 'FULL' && type !== 'MINI') throw new PaperApiError(400, -1139, 'Invalid ticker type.')
      const rows = await Promise.all(selection.symbols.map((rules) => ticker24h(context, rules, request.nowMs, type === 'MINI')))
      return selection.single ? rows[0] : rows
    }
  }
]
