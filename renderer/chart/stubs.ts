import type { CandleView } from '@shared/api'

/** The open time of the first stub candle: 2026-01-01T00:00:00Z. */
export const STUB_START_MS = Date.UTC(2026, 0, 1)

/** Returns a one-minute candle `minute` minutes after the stub start, flat at `close` unless told. */
export function stubCandle(minute: number, close = '100.00', overrides: Partial<CandleView> = {}): CandleView {
  return { openTimeMs: STUB_START_MS + minute * 60_000, open: close, high: close, low: close, close, volume: '1', ...overrides }
}

/** Returns `count` consecutive one-minute stub candles from the stub start. */
export function stubCandles(count: number): CandleView[] {
  return Array.from({ length: count }, (_, minute) => stubCandle(minute))
}
