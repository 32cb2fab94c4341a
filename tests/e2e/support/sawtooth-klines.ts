import { writeFileSync } from 'node:fs'

/**
 * Writes a klines file whose every 1m candle swings from `low` to `high` around `mid`, so a grid
 * placed across that band has orders filled on every candle: a deterministic market for the tests.
 */
export function writeSawtoothKlines(path: string, options: { readonly mid: number; readonly swing: number; readonly candles: number }): void {
  const start = Date.UTC(2026, 0, 1)
  const rows = Array.from({ length: options.candles }, (_, index) => {
    const open = start + index * 60_000
    const up = index % 2 === 0
    const mid = options.mid.toFixed(2)
    return [open, mid, (options.mid + options.swing).toFixed(2), (options.mid - options.swing).toFixed(2), up ? (options.mid + 10).toFixed(2) : (options.mid - 10).toFixed(2), '1.5', open + 59_999, '90000', 20, '0.7', '42000', '0']
  })
  writeFileSync(path, JSON.stringify({ BTCUSDT: rows }))
}
