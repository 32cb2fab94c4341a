/** The text a REST request signed and the signature it carries. */
export interface SignedPayload {
  readonly payload: string
  readonly signature: string | undefined
}

/**
 * Returns what Binance verifies a REST signature over: the query string and the body exactly as
 * sent (still percent-encoded), concatenated with no separator, with the `signature` parameter
 * taken out; and the signature itself, percent-decoded (RSA/Ed25519 base64 travels encoded).
 */
export function restSignedPayload(rawQuery: string, rawBody: string): SignedPayload {
  const query = withoutSignature(rawQuery)
  const body = withoutSignature(rawBody)
  const signature = query.signature ?? body.signature
  return { payload: query.rest + body.rest, signature }
}

function withoutSignature(raw: string): { rest: string; signature: string | undefined } {
  if (raw === '') return { rest: '', signature: undefined }
  let signature: string | undefined
  const kept: string[] = []
  for (const pair of raw.split('&')) {
    if (pair.startsWith('signature=')) signature = safeDecode(pair.slice('signature='.length))
    else kept.push(pair)
  }
  return { rest: kept.join('&'), signature }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * Returns the texts a WebSocket API request may have signed: its parameters except `signature`,
 * sorted by name and joined `name=value&…` with the values as UTF-8 text (Binance's rule), and the
 * same with each value percent-encoded (what the `binance` SDK signs; identical for ASCII-safe
 * values). A JSON number or boolean counts as its text.
 */
export function wsApiSignedPayloads(params: Readonly<Record<string, unknown>>): readonly string[] {
  const names = Object.keys(params)
    .filter((name) => name !== 'signature' && params[name] !== undefined)
    .sort()
  const text = (name: string) => valueText(params[name])
  const plain = names.map((name) => `${name}=${text(name)}`).join('&')
  const encoded = names.map((name) => `${name}=${encodeURIComponent(text(name))}`).join('&')
  return plain === encoded ? [plain] : [plain, encoded]
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return JSON.stringify(value)
}
