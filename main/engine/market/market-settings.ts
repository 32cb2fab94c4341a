import type { BotConfig } from '@shared/config/bot-config'

/** The market-state settings of a bot's configuration (`marketState`): interval, window, thresholds, hysteresis. */
export type MarketStateSettings = BotConfig['marketState']

/** The protective-mode switches of a bot's configuration (`protective`). */
export type ProtectiveSettings = BotConfig['protective']

/** A candle interval the market state can be read from. */
export type CandleInterval = MarketStateSettings['candleInterval']

/** Length of each candle interval in milliseconds; a Record so a new interval in the config fails to compile here. */
export const CANDLE_INTERVAL_MS: Readonly<Record<CandleInterval, number>> = {
  '1m': 60_000,
  '3m': 180_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '4h': 14_400_000
}
