import type { BotConfig } from '@shared/config/bot-config'
import { KLINE_INTERVAL_MS } from '../exchange/port/kline-interval'

/** The market-state settings of a bot's configuration (`marketState`): interval, window, thresholds, hysteresis. */
export type MarketStateSettings = BotConfig['marketState']

/** The protective-mode switches of a bot's configuration (`protective`). */
export type ProtectiveSettings = BotConfig['protective']

/** A candle interval the market state can be read from. */
export type CandleInterval = MarketStateSettings['candleInterval']

/** Length of each candle interval in milliseconds; a Record so a new interval in the config fails to compile here. */
export const CANDLE_INTERVAL_MS: Readonly<Record<CandleInterval, number>> = KLINE_INTERVAL_MS
