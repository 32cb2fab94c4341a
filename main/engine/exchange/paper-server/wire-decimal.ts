import type { Decimal } from '@shared/money/decimal'

/** Decimals Binance pads prices, quantities and balances to. */
export const WIRE_DECIMALS = 8

/**
 * Formats an amount the way Binance writes it: plain notation, padded to 8 decimals
 * ("0.10000000"); a value with more decimals keeps them all, so nothing is ever rounded away.
 */
export function wireDecimal(value: Decimal): string {
  return value.toFixed(Math.max(WIRE_DECIMALS, value.decimalPlaces()))
}
