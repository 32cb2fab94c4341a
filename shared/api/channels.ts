import type { ApiCommands, ApiEvents } from './api'

/** Maps each command to its channel; the only place command channel strings appear. */
export const commandChannels = {
  getInfo: 'app.getInfo',
  getState: 'app.getState',
  getCandles: 'market.getCandles',
  previewPlan: 'bot.previewPlan',
  startBot: 'bot.start',
  pauseBot: 'bot.pause',
  resumeBot: 'bot.resume',
  emergencyStop: 'bot.emergencyStop',
  holdLevel: 'bot.holdLevel',
  releaseLevel: 'bot.releaseLevel',
  recenterNow: 'bot.recenterNow',
  diagnoseRebalance: 'bot.diagnoseRebalance',
  rebalanceNow: 'bot.rebalanceNow',
  cancelOco: 'bot.cancelOco',
  moveOco: 'bot.moveOco',
  saveKeys: 'keys.save',
  deleteKeys: 'keys.delete',
  testConnection: 'keys.testConnection',
  setMode: 'app.setMode',
  startNewJournal: 'app.startNewJournal',
  dismissAway: 'app.dismissAway',
  stopAll: 'bot.stopAll',
  startBacktest: 'backtest.start',
  cancelBacktest: 'backtest.cancel'
} as const satisfies { readonly [Method in keyof ApiCommands]: `${string}.${string}` }

/** Maps each event to its channel. */
export const eventChannels = {
  state: 'event.state',
  candle: 'event.candle',
  backtest: 'event.backtest'
} as const satisfies { readonly [Event in keyof ApiEvents]: `event.${string}` }

/** Names one command channel of the contract. */
export type CommandChannel = (typeof commandChannels)[keyof typeof commandChannels]

/** Names one event channel of the contract. */
export type EventChannel = (typeof eventChannels)[keyof typeof eventChannels]
