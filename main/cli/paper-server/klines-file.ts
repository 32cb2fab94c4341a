import type { Candle } from '../../engine/exchange/port/market-event'
import { parseKline } from '../../engine/exchange/binance/parse-market'
import { CliUsageError } from '../cli-usage-error'

/**
 * Reads a klines file for `--price-source replay:FILE`. Accepted: Binance's klines JSON (an array
 * of 12-element rows, as `GET /api/v3/klines` answers), an object of such arrays by symbol
 * (`{"BTCUSDT": [[...], ...]}`), or CSV rows in the same column order (Binance's public data
 * files; a header line is skipped, microsecond times are read as such). A file without symbol
 * names is for `defaultSymbol`, which must then be given.
 */
export function readKlinesFile(text: string, path: string, defaultSymbol: string | undefined): Candle[] {
  const trimmed = text.trim()
  const bySymbol: [string | undefined, unknown[]][] = []
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let payload: unknown
    try {
      payload = JSON.parse(trimmed)
    } catch (error) {
      throw new CliUsageError(`replay file ${path} is not JSON: ${(error as Error).message}`, { cause: error })
    }
    if (Array.isArray(payload)) bySymbol.push([defaultSymbol, payload])
    else {
      for (const [symbol, rows] of Object.entries(payload as Record<string, unknown>)) {
        if (!Array.isArray(rows)) throw new CliUsageError(`replay file ${path}: ${symbol} must hold an array of klines`)
        bySymbol.push([symbol, rows])
      }
    }
  } else {
    bySymbol.push([defaultSymbol, csvRows(trimmed)])
  }
  const candles: Candle[] = []
  for (const [symbol, rows] of bySymbol) {
    if (symbol === undefined) throw new CliUsageError(`replay file ${path} names no symbol: give exactly one --symbols, or use {"SYMBOL": [...]}`)
    rows.forEach((row, index) => {
      try {
        candles.push(parseKline(row, symbol, Number.MAX_SAFE_INTEGER))
      } catch (error) {
        throw new CliUsageError(`replay file ${path}: kline ${index + 1} of ${symbol}: ${(error as Error).message}`, { cause: error })
      }
    })
  }
  if (candles.length === 0) throw new CliUsageError(`replay file ${path} holds no klines`)
  return candles
}

function csvRows(text: string): unknown[][] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && /^\d/.test(line))
    .map((line) => {
      const cells: unknown[] = line.split(',').map((cell) => cell.trim())
      // Times are numbers in Binance's rows; its data files moved spot times to microseconds in 2025
      for (const index of [0, 6]) cells[index] = toMs(String(cells[index]))
      return cells
    })
}

function toMs(text: string): number | string {
  if (!/^\d+$/.test(text)) return text
  return text.length >= 16 ? Math.floor(Number(text) / 1000) : Number(text)
}
