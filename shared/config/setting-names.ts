import { settingName } from '../validation/setting-name'

/**
 * The name a person knows each setting of a bot configuration by, keyed by where it sits in the
 * configuration (the form's labels where the app has a field for it). Messages about a setting
 * start with its name, never with its place in the JSON.
 */
export const CONFIG_SETTING_NAMES: Readonly<Record<string, string>> = {
  '': 'The configuration',
  id: 'Bot id',
  symbol: 'Symbol',
  grid: 'The grid section',
  'grid.lower': 'Lower price',
  'grid.upper': 'Upper price',
  'grid.grids': 'Number of grids',
  'grid.spacing': 'Grid spacing',
  'grid.investment': 'Investment',
  'grid.baseHeld': 'Base held',
  fees: 'The fees section',
  'fees.maker': 'Maker fee',
  'fees.taker': 'Taker fee',
  risk: 'The risk section',
  'risk.stopLoss': 'Stop-loss',
  'risk.takeProfit': 'Take-profit',
  'risk.stopOutcome': 'What a stop does',
  'risk.ocoBackstop': 'OCO backstop',
  'risk.stopLimitSlippagePct': 'OCO stop slippage',
  marketState: 'The market state section',
  'marketState.candleInterval': 'Market state candle interval',
  'marketState.windowCandles': 'Market state window (candles)',
  'marketState.trendThresholdPct': 'Trend threshold',
  'marketState.volatilityThresholdPct': 'Volatility threshold',
  'marketState.hysteresisCandles': 'Market state confirmation (candles)',
  protective: 'The protective modes section',
  'protective.noBuysInDowntrend': 'No buys in a downtrend',
  'protective.pauseBuysWhenVolatile': 'Pause buys when volatile',
  recenter: 'The recentering section',
  'recenter.enabled': 'Recentering',
  'recenter.confirmationMs': 'Recenter confirmation time',
  'recenter.cooldownMs': 'Recenter cooldown',
  'recenter.hysteresisPct': 'Recenter margin',
  'recenter.valueReservePct': 'Recenter value reserve',
  deadlock: 'The deadlock section',
  'deadlock.cooldownMs': 'Deadlock cooldown',
  baseTrades: 'The base trades section',
  'baseTrades.useMarketOrders': 'Market orders for base trades',
  'baseTrades.attempts': 'Base trade attempts',
  'baseTrades.repriceIntervalMs': 'Base trade reprice interval',
  'baseTrades.priceOffsetTicks': 'Base trade price offset (ticks)',
  'baseTrades.marketBuyHeadroomPct': 'Market buy headroom',
  orders: 'The orders section',
  'orders.maxAttempts': 'Order send attempts',
  'orders.baseRetryDelayMs': 'First retry wait',
  'orders.maxRetryDelayMs': 'Longest retry wait',
  'orders.budgetMs': 'Order time budget',
  'orders.cancelSweeps': 'Cancel sweeps',
  'orders.cancelSweepPauseMs': 'Pause between cancel sweeps',
  'orders.waitRecheckMs': 'Wait before an order is tried again',
  'orders.unknownQueryDelaysMs': 'Waits before asking about an unknown send',
  reconcile: 'The reconciliation section',
  'reconcile.intervalMs': 'Reconciliation interval',
  'reconcile.rulesMaxAgeMs': 'Exchange rules refresh age',
  emergency: 'The emergency section',
  'emergency.flatten': 'Sell the base on an emergency'
}

/**
 * Returns the name of the setting at a path of a bot configuration ("Lower price" for
 * `grid.lower`); an entry of a list is named by its place ("… (entry 3)").
 */
export function configSettingName(path: readonly PropertyKey[]): string {
  return settingName(CONFIG_SETTING_NAMES, path)
}
