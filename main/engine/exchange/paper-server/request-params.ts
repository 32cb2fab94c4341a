import { PaperApiError } from './paper-api-error'

/** The parameters of one request: name → value, decoded, in the order they were sent. */
export type RequestParams = ReadonlyMap<string, string>

/**
 * Parses the query string and the form body of a REST request the way Binance reads them:
 * percent-decoded (`+` is a space in a form body), the query winning when both carry a name.
 * The same name twice in one part is -1101.
 */
export function parseRequestParams(rawQuery: string, rawBody: string): RequestParams {
  const query = parsePart(rawQuery)
  const body = parsePart(rawBody)
  const merged = new Map(body)
  for (const [name, value] of query) merged.set(name, value)
  return merged
}

function parsePart(raw: string): Map<string, string> {
  const out = new Map<string, string>()
  if (raw === '') return out
  for (const pair of raw.split('&')) {
    if (pair === '') continue
    const equals = pair.indexOf('=')
    const name = decode(equals < 0 ? pair : pair.slice(0, equals))
    const value = equals < 0 ? '' : decode(pair.slice(equals + 1))
    if (out.has(name)) throw new PaperApiError(400, -1101, `Duplicate values for parameter '${name}'.`)
    out.set(name, value)
  }
  return out
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    throw new PaperApiError(400, -1100, `Illegal characters found in a parameter.`)
  }
}
