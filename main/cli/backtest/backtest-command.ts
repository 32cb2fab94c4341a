import { parseArgs } from 'node:util'
import { parseBotConfig, type BotConfig } from '@shared/config/bot-config'
import { Decimal, isPlainDecimal } from '@shared/money/decimal'
import { BacktestError, runBacktest } from '../../backtest/run-backtest'
import { parseExchangeInfo, type ExchangeRules } from '../../engine/exchange/rules'
import { DEFAULT_EXCHANGE_INFO } from '../../engine/exchange/paper-server/default-exchange-info'
import { isInputFileError } from '../../files/input-file-error'
import { findGaps } from '../../klines/find-gaps'
import { loadKlinesFile } from '../../klines/load-klines-file'
import { sliceSeries } from '../../klines/slice-series'
import { EXIT, type CliIo } from '../cli-io'
import { CliUsageError } from '../cli-usage-error'
import { utcTimeOption } from '../klines/utc-time-option'
import { loadSymbolRules } from '../plan/load-symbol-rules'
import { optionFileError, readOptionJson } from '../read-input-file'
import { choiceOption } from '../read-option'
import { backtestReportText } from './backtest-report-text'

/** Usage text of `gridkeeper backtest`. */
export const BACKTEST_USAGE = `Usage: gridkeeper backtest --klines FILE --lower P --upper P --grids N --investment Q
                          [--symbol S --exchange-info FILE] [--spacing arithmetic|geometric]
                          [--from ISO --to ISO] [--maker-fee R --taker-fee R]
                          [--stop-loss P --take-profit P --stop-outcome keep|cancel|sell-all]
                          [--recenter on|off] [--config FILE] [--json]

Runs a grid bot over historical klines on the engine that trades live (grid, counter-orders,
stop-loss and take-profit exits, market state, recentering, deadlock rebalancing), on a
simulated exchange and a virtual clock, and reports what it would have done.

The fill rule: a resting order fills completely at its own price when a later candle's
low <= price <= high, in the order the candle's path reaches it (an up candle dips first:
open, low, high, close; a down candle rallies first: open, high, low, close). No fill inside a gap
between candles. An order placed during a candle cannot fill on that candle. MARKET orders (the
first purchase of base for the SELLs, a rebalance, a sell-all exit) fill at the last price as
taker. A stop-loss or take-profit triggers where the path crosses its price.

The report's table is followed by each stop and each recenter: when, the range before and after,
and the fills the new grid made before the next recenter.

  --klines FILE         Binance CSV (12 columns, header or not), Binance klines JSON or freqtrade
                        JSON ([ts, o, h, l, c, v]); a regular file of at most 250 MB; see
                        gridkeeper klines
  --symbol S            the symbol (from the file name when absent, e.g. BTCUSDT-1m-2024-01.csv)
  --exchange-info FILE  the symbol's rules (built-in BTCUSDT and ETHUSDT rules when absent)
  --lower, --upper P    the range; --grids N intervals; --investment Q of the quote asset
  --spacing S           arithmetic (default) or geometric
  --from, --to ISO      only the candles in [from, to) (UTC; a date alone is midnight)
  --maker-fee, --taker-fee R
                        the exchange's commission rates (0.001 each when absent)
  --stop-loss, --take-profit P, --stop-outcome O
                        bot-level exits and what they do (cancel by default)
  --recenter on|off     move the grid after the price stays outside the range (on)
  --config FILE         a bot configuration (JSON, the format of gridkeeper run) to start from;
                        the options above override its fields
  --json                print one JSON object: {candles, from, to, fills:{buy, sell}, roundTrips,
                        gridProfit, fees, startValue, finalValue, buyAndHoldValue, maxDrawdownPct,
                        stops:[{at, kind, outcome}], recenters, incidents, elapsedMs}

Money is exact decimal text in the quote asset. Exit codes: 0 done, 2 bad options or input.`

const OPTIONS = {
  klines: { type: 'string' },
  symbol: { type: 'string' },
  'exchange-info': { type: 'string' },
  lower: { type: 'string' },
  upper: { type: 'string' },
  grids: { type: 'string' },
  investment: { type: 'string' },
  spacing: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'maker-fee': { type: 'string' },
  'taker-fee': { type: 'string' },
  'stop-loss': { type: 'string' },
  'take-profit': { type: 'string' },
  'stop-outcome': { type: 'string' },
  recenter: { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' }
} as const

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean>>

/** Runs `gridkeeper backtest` and returns its exit code. */
export async function backtestCommand(args: readonly string[], io: CliIo): Promise<number> {
  let values: Values
  try {
    values = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message.split('\n')[0]} (gridkeeper backtest --help lists the options)`, { cause: error })
  }
  if (values.help === true) {
    io.stdout(`${BACKTEST_USAGE}\n`)
    return EXIT.ok
  }
  const klinesPath = text(values, 'klines')
  if (klinesPath === undefined) throw new CliUsageError('--klines is required')
  let series
  try {
    series = await loadKlinesFile(klinesPath, text(values, 'symbol') === undefined ? {} : { symbol: text(values, 'symbol') as string })
  } catch (error) {
    if (isInputFileError(error)) throw optionFileError(error, klinesPath, '--klines')
    throw new CliUsageError((error as Error).message, { cause: error })
  }
  const symbol = series.symbol
  if (symbol === null) throw new CliUsageError(`--klines ${klinesPath} names no symbol: give --symbol`)
  const from = utcTimeOption(values, 'from', false)
  const to = utcTimeOption(values, 'to', false)
  if (from !== undefined || to !== undefined) series = sliceSeries(series, { ...(from === undefined ? {} : { fromMs: from }), ...(to === undefined ? {} : { toMs: to }) })
  if (series.length === 0) throw new CliUsageError(`--klines ${klinesPath} has no candle${from !== undefined || to !== undefined ? ' in --from/--to' : ''}`)
  const rules = await exchangeRules(io, values, symbol)
  const config = await botConfigFrom(io, values, symbol)
  const json = values.json === true
  let lastTenth = 0
  const result = await runBacktest({
    series,
    symbol,
    rules,
    config,
    ...(text(values, 'maker-fee') === undefined ? {} : { makerFee: new Decimal(config.fees.maker) }),
    ...(text(values, 'taker-fee') === undefined ? {} : { takerFee: new Decimal(config.fees.taker) }),
    onProgress: (done, total) => {
      const tenth = Math.floor((done * 10) / total)
      if (json || tenth === lastTenth) return
      lastTenth = tenth
      io.stderr(`backtest: ${tenth * 10} % (${done} of ${total} candles)\n`)
    }
  }).catch((error: unknown) => {
    if (error instanceof BacktestError) throw new CliUsageError(error.message, { cause: error })
    throw error
  })
  if (json) io.stdout(`${JSON.stringify(result.report)}\n`)
  else io.stdout(backtestReportText(result.report, symbol, config, findGaps(series), result.recentered))
  for (const warning of result.warnings) io.stderr(`backtest: engine ${warning}\n`)
  return EXIT.ok
}

function text(values: Values, name: keyof typeof OPTIONS): string | undefined {
  const value = values[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

async function exchangeRules(io: CliIo, values: Values, symbol: string): Promise<ExchangeRules> {
  const path = text(values, 'exchange-info')
  if (path !== undefined) return (await loadSymbolRules(io, path, symbol)).exchange
  const builtIn = parseExchangeInfo(DEFAULT_EXCHANGE_INFO)
  if (!builtIn.symbols.has(symbol)) throw new CliUsageError(`the built-in rules cover ${[...builtIn.symbols.keys()].join(' and ')} only: give --exchange-info FILE with ${symbol}`)
  return builtIn
}

/** The bot configuration: --config (if any) with the options laid over it, validated as a whole. */
async function botConfigFrom(io: CliIo, values: Values, symbol: string): Promise<BotConfig> {
  const path = text(values, 'config')
  const base = (path === undefined ? { id: 'backtest', symbol } : await readOptionJson(io, path, '--config')) as Record<string, unknown>
  if (typeof base !== 'object' || base === null || Array.isArray(base)) throw new CliUsageError(`--config ${path ?? ''} must hold a JSON object`)
  const grid = { ...(base['grid'] as object | undefined) } as Record<string, unknown>
  for (const name of ['lower', 'upper', 'investment'] as const) {
    const value = text(values, name)
    if (value !== undefined) grid[name] = decimalText(value, name)
  }
  const grids = text(values, 'grids')
  if (grids !== undefined) {
    if (!/^\d+$/.test(grids)) throw new CliUsageError(`--grids must be a whole number, got "${grids}"`)
    grid['grids'] = Number(grids)
  }
  if (text(values, 'spacing') !== undefined) grid['spacing'] = choiceOption(values, 'spacing', ['arithmetic', 'geometric'], 'arithmetic')
  const fees = { ...(base['fees'] as object | undefined) } as Record<string, unknown>
  if (text(values, 'maker-fee') !== undefined) fees['maker'] = decimalText(text(values, 'maker-fee') as string, 'maker-fee')
  if (text(values, 'taker-fee') !== undefined) fees['taker'] = decimalText(text(values, 'taker-fee') as string, 'taker-fee')
  const risk = { ...(base['risk'] as object | undefined) } as Record<string, unknown>
  if (text(values, 'stop-loss') !== undefined) risk['stopLoss'] = decimalText(text(values, 'stop-loss') as string, 'stop-loss')
  if (text(values, 'take-profit') !== undefined) risk['takeProfit'] = decimalText(text(values, 'take-profit') as string, 'take-profit')
  if (text(values, 'stop-outcome') !== undefined) risk['stopOutcome'] = choiceOption(values, 'stop-outcome', ['keep', 'cancel', 'sell-all'], 'cancel')
  const recenter = { ...(base['recenter'] as object | undefined) } as Record<string, unknown>
  if (text(values, 'recenter') !== undefined) recenter['enabled'] = choiceOption(values, 'recenter', ['on', 'off'], 'on') === 'on'
  const input = { ...base, symbol: base['symbol'] ?? symbol, grid, fees, risk, recenter }
  const parsed = parseBotConfig(input)
  if (!parsed.ok) throw new CliUsageError(`the bot configuration is not valid: ${parsed.errors.join('; ')}`)
  if (parsed.config.symbol !== symbol) throw new CliUsageError(`the configuration trades ${parsed.config.symbol}, the klines are ${symbol}`)
  return parsed.config
}

function decimalText(value: string, name: string): string {
  if (!isPlainDecimal(value) || value.startsWith('-')) throw new CliUsageError(`--${name} must be a plain non-negative decimal number such as 0.001, got "${value}"`)
  return value
}
