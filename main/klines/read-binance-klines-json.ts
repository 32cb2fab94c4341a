import { KlineRowBuffer } from './kline-row-buffer'
import { rowPreview } from './row-preview'

/**
 * Reads Binance's klines JSON (the answer of `GET /api/v3/klines`: 12-element arrays, open time a
 * number, prices and volume as decimal strings) into a row buffer numbered by position.
 */
export function readBinanceKlinesJson(payload: readonly unknown[], file: string): KlineRowBuffer {
  const rows = new KlineRowBuffer(file, 'row')
  for (let index = 0; index < payload.length; index++) {
    const row = payload[index]
    const rowNumber = index + 1
    if (!Array.isArray(row) || row.length !== 12 || typeof row[0] !== 'number' || ![1, 2, 3, 4, 5].every((at) => typeof row[at] === 'string')) {
      rows.fail([rowNumber], `expected Binance's 12-element kline [openTime, "open", "high", "low", "close", "volume", ...], got ${rowPreview(row)}`)
    }
    const values = row as unknown[]
    rows.add(rowNumber, values[0] as number, values[1] as string, values[2] as string, values[3] as string, values[4] as string, values[5] as string)
  }
  return rows
}
