import { basename } from 'node:path'

const NAMED = /^([A-Z0-9]+)(?:_([A-Z0-9]+))?-/

/**
 * Returns the symbol a klines file's name gives, or null: `BTCUSDT-1m-2024-01.csv`
 * (data.binance.vision) and `BTC_USDT-1m.json` (freqtrade) both give 'BTCUSDT'.
 */
export function symbolFromFileName(path: string): string | null {
  const match = NAMED.exec(basename(path))
  if (match === null) return null
  return `${match[1]}${match[2] ?? ''}`
}
