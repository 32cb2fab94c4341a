import { parseArgs } from 'node:util'
import { DEFAULT_PRICES } from '../../engine/exchange/paper-server/default-exchange-info'
import { startPaperServer, type PaperServer } from '../../engine/exchange/paper-server/paper-server'
import type { PaperServerOptions, PriceSourceOptions, SimBuildOptions } from '../../engine/exchange/paper-server/paper-server-options'
import type { Candle } from '../../engine/exchange/port/market-event'
import { EXIT, type CliIo } from '../cli-io'
import { CliUsageError } from '../cli-usage-error'
import { readOptionJson, readOptionText } from '../read-input-file'
import { parseAssetAmounts } from './asset-amounts'
import { startFaultSchedule } from './fault-schedule'
import { FAULT_SPEC_HELP, parseFaultSpec, type FaultSpec } from './fault-spec'
import { readKlinesFile } from './klines-file'

/** Usage text of `gridkeeper paper-server`. */
export const PAPER_SERVER_USAGE = `Usage: gridkeeper paper-server [--port N] [--exchange-info FILE] [--symbols A,B]
                              [--balances USDT=10000,BTC=0] [--prices BTCUSDT=60000]
                              [--api-key K --api-secret S] [--price-source synthetic|replay:FILE]
                              [--speed X] [--seed N] [--faults SPEC] [--state FILE]

Serves a simulated Binance Spot exchange on 127.0.0.1: the REST API (/api/v3/...), market streams
(/ws/<stream>, /stream) and the WebSocket API (/ws-api/v3), with Binance's signatures, rate
limits and error codes. Prints one JSON line first, {"rest":"http://127.0.0.1:PORT","ws":"ws://127.0.0.1:PORT"},
then serves until SIGINT or SIGTERM.

  --port N              TCP port; 0 (the default) takes a free one, named in the JSON line
  --exchange-info FILE  symbols and rules from an exchangeInfo response (built-in BTCUSDT, ETHUSDT when absent)
  --symbols A,B         serve only these symbols of it
  --balances LIST       starting balances (USDT=10000 when absent)
  --prices LIST         starting last prices (built-in ones for the built-in symbols)
  --api-key K           the API key the server accepts, with --api-secret S: an HMAC secret, or an
  --api-secret S        Ed25519/RSA key in PEM (its text, or @FILE to read it from a file)
  --price-source SRC    none (default: prices move only by trading), synthetic (a seeded random
                        walk), or replay:FILE (klines JSON or CSV, played in real time)
  --speed X             replay speed factor (1)
  --seed N              seed of every random choice (1)
  --faults SPEC         faults, see below
  --state FILE          keep the account in FILE: restored at start, saved on every stop

${FAULT_SPEC_HELP}

Exit codes: 0 stopped by a signal, 2 bad options or the server could not start.`

const OPTIONS = {
  port: { type: 'string' },
  'exchange-info': { type: 'string' },
  symbols: { type: 'string' },
  balances: { type: 'string' },
  prices: { type: 'string' },
  'api-key': { type: 'string' },
  'api-secret': { type: 'string' },
  'price-source': { type: 'string' },
  speed: { type: 'string' },
  seed: { type: 'string' },
  faults: { type: 'string' },
  state: { type: 'string' },
  help: { type: 'boolean' }
} as const

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean>>

/** Runs `gridkeeper paper-server` until the process is asked to stop, and returns its exit code. */
export async function paperServerCommand(args: readonly string[], io: CliIo): Promise<number> {
  let values: Values
  try {
    values = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message.split('\n')[0]} (gridkeeper paper-server --help lists the options)`, { cause: error })
  }
  if (values.help === true) {
    io.stdout(`${PAPER_SERVER_USAGE}\n`)
    return EXIT.ok
  }
  if (io.untilStopped === undefined) throw new CliUsageError('this command serves until stopped and needs a process that can be signalled')
  const faults = typeof values.faults === 'string' ? parseFaultSpec(values.faults) : { settings: {}, schedule: {} }
  const options = await serverOptions(values, io, faults)
  let server: PaperServer
  try {
    server = await startPaperServer(options)
  } catch (error) {
    throw new CliUsageError(`the paper server could not start: ${(error as Error).message}`, { cause: error })
  }
  const stopFaults = startFaultSchedule(server.faults, faults.schedule)
  io.stdout(`${JSON.stringify({ rest: server.restUrl, ws: server.wsUrl })}\n`)
  await io.untilStopped()
  stopFaults()
  await server.close()
  return EXIT.ok
}

async function serverOptions(values: Values, io: CliIo, faults: FaultSpec): Promise<PaperServerOptions> {
  const symbols = text(values.symbols)?.split(',').map((symbol) => symbol.trim().toUpperCase()).filter((symbol) => symbol !== '')
  const exchangeInfo = values['exchange-info'] === undefined ? undefined : await readOptionJson(io, String(values['exchange-info']), '--exchange-info')
  const served = symbols ?? symbolsOf(exchangeInfo) ?? Object.keys(DEFAULT_PRICES)
  const source = await priceSource(values, io, served)
  const explicitPrices = text(values.prices) === undefined ? undefined : parseAssetAmounts(String(values.prices), 'prices')
  // A replay starts each symbol at its first candle's open unless told otherwise
  const replayPrices = source.kind === 'replay' ? firstOpens(source.candles) : {}
  const prices = explicitPrices === undefined && source.kind !== 'replay' ? undefined : pricesFor(served, exchangeInfo === undefined, { ...replayPrices, ...explicitPrices })
  const sim: SimBuildOptions = {
    ...(exchangeInfo !== undefined ? { exchangeInfo } : {}),
    ...(symbols !== undefined ? { symbols } : {}),
    ...(text(values.balances) !== undefined ? { balances: parseAssetAmounts(String(values.balances), 'balances') } : {}),
    ...(prices !== undefined ? { prices } : {}),
    ...(faults.world !== undefined ? { faults: faults.world } : {})
  }
  return {
    port: port(values.port),
    sim,
    apiKeys: await apiKeys(values, io),
    priceSource: source,
    seed: whole(values.seed, 'seed') ?? 1,
    faults: faults.settings,
    ...(text(values.state) !== undefined ? { stateFile: String(values.state) } : {})
  }
}

async function priceSource(values: Values, io: CliIo, served: readonly string[]): Promise<PriceSourceOptions> {
  const source = text(values['price-source']) ?? 'none'
  const speed = values.speed === undefined ? undefined : positiveNumber(String(values.speed), 'speed')
  if (speed !== undefined && !source.startsWith('replay:')) throw new CliUsageError('--speed applies to --price-source replay:FILE only')
  if (source === 'none') return { kind: 'none' }
  if (source === 'synthetic') return { kind: 'synthetic' }
  if (source.startsWith('replay:') && source.length > 'replay:'.length) {
    const path = source.slice('replay:'.length)
    const candles = readKlinesFile(await readOptionText(io, path, '--price-source replay'), path, served.length === 1 ? served[0] : undefined)
    return { kind: 'replay', candles, ...(speed !== undefined ? { speed } : {}) }
  }
  throw new CliUsageError(`--price-source must be none, synthetic or replay:FILE, got "${source}"`)
}

async function apiKeys(values: Values, io: CliIo): Promise<PaperServerOptions['apiKeys']> {
  const apiKey = text(values['api-key'])
  const secret = text(values['api-secret'])
  if ((apiKey === undefined) !== (secret === undefined)) throw new CliUsageError('--api-key and --api-secret go together')
  if (apiKey === undefined || secret === undefined) return []
  const resolved = secret.startsWith('@') ? (await readOptionText(io, secret.slice(1), '--api-secret')).trim() : secret
  return [{ apiKey, secret: resolved }]
}

function pricesFor(symbols: readonly string[], builtIn: boolean, given: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const symbol of symbols) {
    const price = given[symbol] ?? (builtIn || DEFAULT_PRICES[symbol] !== undefined ? DEFAULT_PRICES[symbol] : undefined)
    if (price !== undefined) out[symbol] = price
  }
  for (const symbol of Object.keys(given)) if (!symbols.includes(symbol)) throw new CliUsageError(`--prices names ${symbol}, which is not served (${symbols.join(', ')})`)
  return out
}

function firstOpens(candles: readonly Candle[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const candle of [...candles].sort((a, b) => a.openTimeMs - b.openTimeMs)) out[candle.symbol] ??= candle.open.toFixed()
  return out
}

function symbolsOf(exchangeInfo: unknown): string[] | undefined {
  const list = (exchangeInfo as { symbols?: unknown } | undefined)?.symbols
  if (!Array.isArray(list)) return undefined
  return list.flatMap((entry) => (typeof (entry as { symbol?: unknown }).symbol === 'string' ? [(entry as { symbol: string }).symbol] : []))
}

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function port(value: string | boolean | undefined): number {
  const port = whole(value, 'port') ?? 0
  if (port > 65_535) throw new CliUsageError(`--port must be 0..65535, got ${port}`)
  return port
}

function whole(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new CliUsageError(`--${name} must be a whole number, got "${String(value)}"`)
  return Number(value)
}

function positiveNumber(value: string, name: string): number {
  const number = Number(value)
  if (!/^\d+(\.\d+)?$/.test(value) || !(number > 0)) throw new CliUsageError(`--${name} must be a positive number, got "${value}"`)
  return number
}
