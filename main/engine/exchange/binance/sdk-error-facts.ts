/** What an error from the `binance` SDK (or the network under it) says, in one shape. */
export interface SdkErrorFacts {
  /** HTTP status (or WebSocket API `status`) when the answer carried one. */
  readonly httpStatus?: number
  /** Binance's error code (`code` of `{code, msg}`), when the answer carried one. */
  readonly venueCode?: number
  readonly message: string
  /** The answer's headers (lowercase names), when it had any. */
  readonly headers: Readonly<Record<string, string>>
  /** Node's or axios's error code for a request that got no answer (ECONNRESET, ECONNABORTED …). */
  readonly networkCode?: string
  /** Epoch milliseconds from a WebSocket API 429/418 `error.data.retryAfter`. */
  readonly retryAtMs?: number
}

type Loose = Record<string, unknown>

/**
 * Reads any error the SDK rejects with: its plain objects `{code, message, body, headers, …}`
 * (REST answers with an error, parseExceptions on), axios errors `{code: 'ECONNRESET', response:
 * {status, data, headers}}` (parseExceptions off, or no answer at all), WebSocket API rejections
 * `{status, error: {code, msg, data}}`, bare strings and Error objects.
 */
export function sdkErrorFacts(raw: unknown): SdkErrorFacts {
  if (typeof raw === 'string') return { message: raw, headers: {} }
  if (typeof raw !== 'object' || raw === null) return { message: String(raw), headers: {} }
  const error = raw as Loose
  const response = asObject(error['response'])
  const wsError = asObject(error['error'])
  const body = asObject(response?.['data']) ?? asObject(error['body']) ?? wsError
  const bodyCode = body?.['code']
  const ownCode = error['code']
  const venueCode = typeof bodyCode === 'number' ? bodyCode : typeof ownCode === 'number' ? ownCode : undefined
  const networkCode = typeof ownCode === 'string' ? ownCode : undefined
  const status = response?.['status'] ?? error['status']
  const message = textOf(body?.['msg']) ?? textOf(error['message']) ?? textOf(response?.['statusText']) ?? networkCode ?? 'unknown error'
  const retryAfter = asObject(wsError?.['data'])?.['retryAfter']
  return {
    ...(typeof status === 'number' ? { httpStatus: status } : {}),
    ...(venueCode !== undefined ? { venueCode } : {}),
    message,
    headers: headersOf(response?.['headers'] ?? error['headers']),
    ...(networkCode !== undefined ? { networkCode } : {}),
    ...(typeof retryAfter === 'number' ? { retryAtMs: retryAfter } : {})
  }
}

/** Returns headers as a plain object with lowercase names (axios may hand an AxiosHeaders instance). */
export function headersOf(value: unknown): Readonly<Record<string, string>> {
  const source = asObject(value)
  if (source === undefined) return {}
  const plain = typeof source['toJSON'] === 'function' ? asObject((source['toJSON'] as () => unknown).call(source)) ?? source : source
  const out: Record<string, string> = {}
  for (const [name, entry] of Object.entries(plain)) {
    if (typeof entry === 'string' || typeof entry === 'number') out[name.toLowerCase()] = String(entry)
    else if (Array.isArray(entry) && entry.length > 0) out[name.toLowerCase()] = String(entry[0])
  }
  return out
}

function asObject(value: unknown): Loose | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
