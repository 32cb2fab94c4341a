import { customEndpoints } from '../engine/exchange/binance/urls'
import { isLoopbackHost } from '../web/loopback-host'
import type { AppServiceOptions } from './app-service'

/** What the environment may change in the desktop app (end-to-end tests drive it this way). */
export interface EnvironmentOverrides {
  readonly dataDir?: string
  readonly service: Pick<AppServiceOptions, 'paperServer' | 'endpoints' | 'klinesBaseUrl'>
  /** The variables a packaged app left alone, each with why; say so once the log is open. */
  readonly ignored: readonly string[]
}

/** Which kind of build reads the environment. */
export interface EnvironmentOverridesOptions {
  /** A packaged (installed) app, as opposed to one run from the repository for development and tests. */
  readonly packaged: boolean
}

const URL_VARIABLES = ['GRIDKEEPER_PAPER_SERVER', 'GRIDKEEPER_TESTNET_URL', 'GRIDKEEPER_KLINES_URL'] as const

/**
 * Reads GRIDKEEPER_DATA_DIR (another data folder), GRIDKEEPER_PAPER_SERVER (a paper server's REST
 * base for Paper mode, its key in GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET) and
 * GRIDKEEPER_TESTNET_URL (another REST base for Testnet mode; WebSockets on the same host and
 * port) and GRIDKEEPER_KLINES_URL (where backtests download klines).
 *
 * A packaged app takes an address only when it is on this computer (loopback), so a variable set
 * behind the person's back cannot send their testnet keys, or Paper and backtest traffic, to
 * another host; it keeps its own data folder too. What it leaves alone is listed in `ignored`.
 * A development build takes every variable, and throws, naming it, when one is unusable.
 */
export function readEnvironmentOverrides(env: Readonly<Record<string, string | undefined>>, options: EnvironmentOverridesOptions): EnvironmentOverrides {
  const ignored: string[] = []
  const urls = new Map<(typeof URL_VARIABLES)[number], string>()
  for (const name of URL_VARIABLES) {
    const value = url(env, name, options.packaged ? (reason) => ignored.push(`${name} (${reason})`) : undefined)
    if (value === undefined) continue
    const host = new URL(value).hostname
    if (options.packaged && !isLoopbackHost(host)) ignored.push(`${name} (${host} is not this computer)`)
    else urls.set(name, value)
  }
  const paper = urls.get('GRIDKEEPER_PAPER_SERVER')
  const testnet = urls.get('GRIDKEEPER_TESTNET_URL')
  const klines = urls.get('GRIDKEEPER_KLINES_URL')
  const apiKey = env['GRIDKEEPER_API_KEY']
  const apiSecret = env['GRIDKEEPER_API_SECRET']
  if (paper !== undefined && (!apiKey || !apiSecret)) throw new Error('GRIDKEEPER_PAPER_SERVER needs the paper server key in GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET')
  let dataDir = env['GRIDKEEPER_DATA_DIR']
  if (dataDir && options.packaged) {
    ignored.push('GRIDKEEPER_DATA_DIR (it keeps its own data folder)')
    dataDir = undefined
  }
  return {
    ...(dataDir ? { dataDir } : {}),
    service: {
      ...(paper === undefined ? {} : { paperServer: { endpoints: customEndpoints(paper, paper.replace(/^http/, 'ws')), apiKey: apiKey ?? '', apiSecret: apiSecret ?? '' } }),
      ...(testnet === undefined ? {} : { endpoints: { testnet: customEndpoints(testnet, testnet.replace(/^http/, 'ws')) } }),
      ...(klines === undefined ? {} : { klinesBaseUrl: klines })
    },
    ignored
  }
}

/** Gives the one log line that says which variables a packaged app left alone. */
export function describeIgnoredOverrides(ignored: readonly string[]): string {
  return `the installed app ignored ${ignored.join(', ')}: outside development it takes only addresses on this computer from the environment`
}

/** Reads an http(s) URL variable; an unusable one throws, or with `unusable` is reported there and skipped. */
function url(env: Readonly<Record<string, string | undefined>>, name: string, unusable?: (reason: string) => void): string | undefined {
  const value = env[name]
  if (!value) return undefined
  let valid = /^https?:\/\/[^\s/]+/.test(value)
  if (valid) {
    try {
      new URL(value)
    } catch {
      valid = false
    }
  }
  if (!valid) {
    if (unusable === undefined) throw new Error(`${name} must be an http(s):// URL, got "${value}"`)
    unusable('not an http(s) URL')
    return undefined
  }
  return value.replace(/\/+$/, '')
}
