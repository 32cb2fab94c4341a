/**
 * The klines layouts Gridkeeper reads:
 * - `binance-csv`: data.binance.vision's CSV, 12 columns (open time, open, high, low, close,
 *   volume, close time, quote volume, trades, taker buy base, taker buy quote, ignore), or the
 *   first 11 of them; with or without a header line;
 * - `binance-json`: the answer of `GET /api/v3/klines`, an array of 12-element arrays with the
 *   prices as strings;
 * - `freqtrade-json`: freqtrade's OHLCV JSON, an array of `[time, open, high, low, close, volume]` numbers.
 */
export type KlinesFormat = 'binance-csv' | 'binance-json' | 'freqtrade-json'

/**
 * Returns the layout of klines text by a look at its start: CSV unless it opens with `[` or `{`, and for
 * JSON the number of values in the first row (6 for freqtrade, 12 for Binance). Undefined for
 * a JSON object, and for JSON whose first row is neither (or that has no rows); the parser says
 * what is wrong.
 */
export function detectKlinesFormat(text: string): KlinesFormat | undefined {
  const start = firstContentIndex(text)
  if (text[start] === '{') return undefined
  if (text[start] !== '[') return 'binance-csv'
  const rowStart = text.indexOf('[', start + 1)
  if (rowStart < 0) return undefined
  const rowEnd = text.indexOf(']', rowStart)
  if (rowEnd < 0) return undefined
  const values = text.slice(rowStart + 1, rowEnd).split(',').length
  if (values === 6) return 'freqtrade-json'
  if (values === 12) return 'binance-json'
  return undefined
}

/** Returns the index of the first character after a byte-order mark and white space. */
export function firstContentIndex(text: string): number {
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0
  while (index < text.length && /\s/.test(text[index] as string)) index++
  return index
}
