import { customEndpoints } from '../engine/exchange/binance/urls'
import type { AppServiceOptions } from './app-service'

/** What the environment may change in the desktop app (end-to-end tests drive it this way). */
export interface EnvironmentOverrides {
  readonly dataDir?: string
  readonly service: Pick<AppServiceOptions, 'paperServer' | 'endpoints' | 'klinesBaseUrl'>
}

/**
 * Reads GRIDKEEPER_DATA_DIR (another data folder), GRIDKEEPER_PAPER_SERVER (a paper server's REST
 * base for Paper mode, its key in GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET) and
 * GRIDKEEPER_TESTNET_URL (another REST base for Testnet mode; WebSockets on the same host and
 * port) and GRIDKEEPER_KLINES_URL (where backtests download klines). Throws, naming the variable,
 * when one is set but unusable.
 */
export function readEnvironmentOverrides(env: Readonly<Record<string, string | undefined>>): EnvironmentOverrides {
  const paper = url(env, 'GRIDKEEPER_PAPER_SERVER')
  const testnet = url(env, 'GRIDKEEPER_TESTNET_URL')
  const klines = url(env, 'GRIDKEEPER_KLINES_URL')
  const apiKey = env['GRIDKEEPER_API_KEY']
  const apiSecret = env['GRIDKEEPER_API_SECRET']
  if (paper !== undefined && (!apiKey || !apiSecret)) throw new Error('GRIDKEEPER_PAPER_SERVER needs the paper server key in GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET')
  const dataDir = env['GRIDKEEPER_DATA_DIR']
  return {
    ...(dataDir ? { dataDir } : {}),
    service: {
      ...(paper === undefined ? {} : { paperServer: { endpoints: customEndpoints(paper, paper.replace(/^http/, 'ws')), apiKey: apiKey ?? '', apiSecret: apiSecret ?? '' } }),
      ...(testnet === undefined ? {} : { endpoints: { testnet: customEndpoints(testnet, testnet.replace(/^http/, 'ws')) } }),
      ...(klines === undefined ? {} : { klinesBaseUrl: klines })
    }
  }
}

function url(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name]
  if (!value) return undefined
  if (!/^https?:\/\/[^\s/]+/.test(value)) throw new Error(`${name} must be an http(s):// URL, got "${value}"`)
  return value.replace(/\/+$/, '')
}
