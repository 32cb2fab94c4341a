/** The order sides a journal row may hold. */
export const SIDES: Readonly<Record<'BUY' | 'SELL', true>> = { BUY: true, SELL: true }
