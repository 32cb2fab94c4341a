import type { PaperFaultSettings } from '../../engine/exchange/paper-server/paper-faults'
import type { SimFaultOptions, SimFaultRates } from '../../engine/exchange/sim/sim-faults'
import { CliUsageError } from '../cli-usage-error'
import { parseDuration } from './duration-text'

/** Connection faults the server repeats on a timer. */
export interface FaultSchedule {
  /** Drop every WebSocket connection (no close frame) this often. */
  readonly dropEveryMs?: number
  /** Silence every WebSocket connection this often … */
  readonly silenceEveryMs?: number
  /** … for this long (5 s by default), then let them speak again. */
  readonly silenceForMs?: number
  /** Announce `serverShutdown` on every connection this often, then close them. */
  readonly shutdownEveryMs?: number
}

/** What `--faults SPEC` asks for: settings in force from the start, and a schedule of connection faults. */
export interface FaultSpec {
  readonly settings: Partial<PaperFaultSettings>
  readonly schedule: FaultSchedule
  /** The simulator's world faults, when any is named. */
  readonly world?: SimFaultOptions
}

/** The `--faults` syntax, for the usage text. */
export const FAULT_SPEC_HELP = `--faults SPEC is a comma-separated list of NAME=VALUE:
  latency=DURATION              extra delay of every REST answer and WebSocket API reply
  server-errors=RATE            share of REST requests answered HTTP 500 -1001 (outcome unknown)
  server-errors-applied=SHARE   share of those on order endpoints that were carried out anyway (0.5)
  order-timeouts=RATE           share of order placements and cancels answered -1007
  order-timeouts-placed=SHARE   share of those -1007 placements that placed the order anyway (0.5)
  rate-limits=RATE              share of REST requests answered 429 -1003
  retry-after=SECONDS           Retry-After of those 429 answers (10)
  drop-every=DURATION           drop every WebSocket connection, without a close frame, this often
  silence-every=DURATION        silence every WebSocket connection this often ...
  silence-for=DURATION          ... for this long (5s)
  shutdown-every=DURATION       send serverShutdown on every connection this often, then close them
  timestamp-bursts=RATE         share of signed requests that start a burst of -1021 refusals ...
  timestamp-burst-for=DURATION  ... this long (30s)
The exchange's own world, drawn per order or per public trade:
  rejects=RATE                  placements refused with a mix of Binance's -2010, -1013 and -1111
  thin-books=RATE               orders that take find a thin book (self-trade prevention, expiries)
  expiries=RATE                 an open order of ours expired by the exchange (EXCHANGE_CANCELED)
  external-cancels=RATE         an open order of ours partly filled, then cancelled on the website
  hand-trading=RATE             the person trading by hand places or cancels an order (web_/and_ ids)
  forgotten-orders=RATE         an order vanishes from the exchange's memory, its funds unlocked
  breaks=RATE                   the symbol goes to BREAK ...
  break-for=DURATION            ... this long (60s)
  rules-changes=RATE            the symbol's tick size, lot step or minimum notional changes
  gaps=RATE                     a trade prints gap-size away from its price
  gap-size=SHARE                how far (0.1)
  bnb-fees=RATE                 fills that pay their commission in BNB (when the account holds BNB)
RATE and SHARE are within 0..1; DURATION is milliseconds or has a unit: 500ms, 30s, 2m, 1h.
Example: --faults latency=50,server-errors=0.01,order-timeouts=0.02,drop-every=60s`

const RATES: Readonly<Record<string, keyof PaperFaultSettings>> = {
  'server-errors': 'serverErrorRate',
  'server-errors-applied': 'serverErrorAppliedShare',
  'order-timeouts': 'orderTimeoutRate',
  'order-timeouts-placed': 'orderTimeoutPlacedShare',
  'rate-limits': 'rateLimitRate'
}

// The simulator's numeric settings (every one but the fixed reject's text)
type WorldSetting = Exclude<keyof SimFaultRates, 'placeReject'>

const WORLD_RATES: Readonly<Record<string, WorldSetting>> = {
  rejects: 'placeRejectMixRate',
  'thin-books': 'thinBookRate',
  expiries: 'exchangeExpireRate',
  'external-cancels': 'externalCancelRate',
  'hand-trading': 'handTradeRate',
  'forgotten-orders': 'forgetOrderRate',
  breaks: 'symbolBreakRate',
  'rules-changes': 'rulesChangeRate',
  gaps: 'gapRate',
  'gap-size': 'gapPercent',
  'bnb-fees': 'bnbCommissionRate'
}

const SCHEDULE: Readonly<Record<string, keyof FaultSchedule>> = {
  'drop-every': 'dropEveryMs',
  'silence-every': 'silenceEveryMs',
  'silence-for': 'silenceForMs',
  'shutdown-every': 'shutdownEveryMs'
}

/** Parses `--faults SPEC`, or throws a CliUsageError naming the part it cannot read. */
export function parseFaultSpec(spec: string): FaultSpec {
  const settings: Partial<Record<keyof PaperFaultSettings, number>> = {}
  const schedule: Partial<Record<keyof FaultSchedule, number>> = {}
  const world: Partial<Record<WorldSetting, number>> = {}
  for (const part of spec.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')) {
    const at = part.indexOf('=')
    if (at <= 0) throw new CliUsageError(`--faults: "${part}" must be NAME=VALUE (gridkeeper paper-server --help lists the names)`)
    const name = part.slice(0, at)
    const value = part.slice(at + 1)
    const rate = RATES[name]
    const timed = SCHEDULE[name]
    const worldRate = WORLD_RATES[name]
    if (rate !== undefined) settings[rate] = share(value, name)
    else if (worldRate !== undefined) world[worldRate] = share(value, name)
    else if (name === 'timestamp-bursts') settings.timestampBurstRate = share(value, name)
    else if (name === 'timestamp-burst-for') settings.timestampBurstMs = positive(parseDuration(value, `--faults ${name}`), name)
    else if (name === 'break-for') world.symbolBreakMs = positive(parseDuration(value, `--faults ${name}`), name)
    else if (timed !== undefined) schedule[timed] = positive(parseDuration(value, `--faults ${name}`), name)
    else if (name === 'latency') settings.latencyMs = parseDuration(value, '--faults latency')
    else if (name === 'retry-after') settings.rateLimitRetryAfterSeconds = seconds(value)
    else {
      const known = ['latency', ...Object.keys(RATES), 'retry-after', ...Object.keys(SCHEDULE), 'timestamp-bursts', 'timestamp-burst-for', ...Object.keys(WORLD_RATES), 'break-for']
      throw new CliUsageError(`--faults: unknown fault "${name}"; known: ${known.join(', ')}`)
    }
  }
  if (schedule.silenceForMs !== undefined && schedule.silenceEveryMs === undefined) throw new CliUsageError('--faults: silence-for needs silence-every')
  if (schedule.silenceEveryMs !== undefined && (schedule.silenceForMs ?? 5_000) >= schedule.silenceEveryMs) {
    throw new CliUsageError('--faults: silence-for must be shorter than silence-every')
  }
  return Object.keys(world).length === 0 ? { settings, schedule } : { settings, schedule, world }
}

function share(text: string, name: string): number {
  const value = Number(text)
  if (!/^\d+(\.\d+)?$/.test(text) || value > 1) throw new CliUsageError(`--faults ${name} must be within 0..1, got "${text}"`)
  return value
}

function seconds(text: string): number {
  if (!/^\d+$/.test(text)) throw new CliUsageError(`--faults retry-after must be whole seconds, got "${text}"`)
  return Number(text)
}

function positive(ms: number, name: string): number {
  if (ms <= 0) throw new CliUsageError(`--faults ${name} must be longer than 0`)
  return ms
}
