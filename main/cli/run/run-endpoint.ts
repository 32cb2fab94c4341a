import { customEndpoints, DEMO_ENDPOINTS, LIVE_ENDPOINTS, TESTNET_ENDPOINTS, type BinanceEndpoints } from '../../engine/exchange/binance/urls'
import { quotedInput } from '@shared/validation/quoted-input'
import { CliUsageError } from '../cli-usage-error'

/**
 * Reads `--endpoint`: live, testnet, demo, or the REST base of a paper server or another
 * Binance-compatible exchange (http://127.0.0.1:PORT); its WebSocket base is the same host and
 * port over ws:// unless `ws` names another.
 */
export function runEndpoint(endpoint: string, ws: string | undefined): BinanceEndpoints {
  const named: Readonly<Record<string, BinanceEndpoints>> = { live: LIVE_ENDPOINTS, testnet: TESTNET_ENDPOINTS, demo: DEMO_ENDPOINTS }
  const known = Object.hasOwn(named, endpoint) ? named[endpoint] : undefined
  if (known !== undefined) {
    if (ws !== undefined) throw new CliUsageError(`--ws applies to a URL --endpoint only, not to ${endpoint}`)
    return known
  }
  const rest = parseUrl(endpoint, '--endpoint', ['http:', 'https:'], 'live, testnet, demo or an http(s):// URL')
  const socket = ws === undefined ? rest.replace(/^http/, 'ws') : parseUrl(ws, '--ws', ['ws:', 'wss:'], 'a ws(s):// URL')
  return customEndpoints(rest, socket)
}

function parseUrl(text: string, option: string, protocols: readonly string[], expected: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new CliUsageError(`${option} must be ${expected}, got ${quotedInput(text)}`)
  }
  if (!protocols.includes(url.protocol)) throw new CliUsageError(`${option} must be ${expected}, got ${quotedInput(text)}`)
  return text.replace(/\/+$/, '')
}
