/** The candle intervals the market state can be read from (and so the ones a backtest runs on). */
export const MARKET_STATE_INTERVALS = ['1m', '3m', '5m', '15m', '30m', '1h', '4h'] as const
