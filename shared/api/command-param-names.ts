import { CONFIG_SETTING_NAMES } from '../config/setting-names'
import { settingName } from '../validation/setting-name'

/**
 * The name a person knows each parameter of the app's commands by, keyed by where it sits in the
 * parameters; a bot configuration inside them is named by the configuration's own names.
 */
export const COMMAND_PARAM_NAMES: Readonly<Record<string, string>> = {
  '': 'The request',
  botId: 'Bot id',
  level: 'Level',
  sellBase: 'Whether to sell the base',
  symbol: 'Symbol',
  interval: 'Candle interval',
  limit: 'Number of candles',
  config: 'The bot configuration',
  expected: 'The confirmed plan',
  stopLoss: 'Stop-loss',
  takeProfit: 'Take-profit',
  profile: 'Key profile',
  apiKey: 'API key',
  apiSecret: 'API secret',
  mode: 'Trading mode',
  klines: 'The candle source',
  'klines.kind': 'The candle source',
  'klines.symbol': 'Symbol',
  'klines.interval': 'Candle interval',
  'klines.fromMs': 'Start of the backtest',
  'klines.toMs': 'End of the backtest',
  'klines.path': 'Klines file',
  backtestId: 'Backtest id'
}

/** Returns the name of the parameter at a path of a command's parameters ("Bot id" for `botId`). */
export function commandParamName(path: readonly PropertyKey[]): string {
  if (path[0] === 'config' && path.length > 1) return settingName(CONFIG_SETTING_NAMES, path.slice(1))
  return settingName(COMMAND_PARAM_NAMES, path)
}
