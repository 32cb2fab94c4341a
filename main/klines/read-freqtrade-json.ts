import { Decimal } from '@shared/money/decimal'
import { KlineRowBuffer } from './kline-row-buffer'
import { rowPreview } from './row-preview'

/**
 * Reads freqtrade's OHLCV JSON rows (`[time, open, high, low, close, volume]`, all JSON numbers)
 * into a row buffer numbered by position. freqtrade writes prices as JSON numbers, so each is
 * taken as the shortest text that reads back as the same double, `String(number)` (e.g. 58720.45
 * becomes '58720.45'), with exponent forms such as 1e-7 written out in plain notation. That text
 * is exact for every price freqtrade wrote from Binance's decimal strings with up to 15 digits.
 */
export function readFreqtradeJson(payload: readonly unknown[], file: string): KlineRowBuffer {
  const rows = new KlineRowBuffer(file, 'row')
  for (let index = 0; index < payload.length; index++) {
    const row = payload[index]
    const rowNumber = index + 1
    if (!Array.isArray(row) || row.length !== 6 || !row.every((value) => typeof value === 'number')) {
      rows.fail([rowNumber], `expected freqtrade's [time, open, high, low, close, volume] with numbers, got ${rowPreview(row)}`)
    }
    const values = row as number[]
    rows.add(rowNumber, values[0] as number, numberText(values[1] as number), numberText(values[2] as number), numberText(values[3] as number), numberText(values[4] as number), values[5] as number)
  }
  return rows
}

/** Returns the shortest round-trip text of a number in plain notation. */
function numberText(value: number): string {
  const text = String(value)
  return text.includes('e') ? new Decimal(text).toFixed() : text
}
