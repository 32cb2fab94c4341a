import type { BotConfigInput } from '@shared/config/bot-config'

/** A grid form's fields, as typed (text until the configuration schema checks them); the bot setup and the backtest share it. */
export interface SetupDraft {
  readonly id: string
  readonly symbol: string
  readonly lower: string
  readonly upper: string
  readonly grids: string
  readonly spacing: 'arithmetic' | 'geometric'
  readonly investment: string
  readonly stopLoss: string
  readonly takeProfit: string
  readonly stopOutcome: 'keep' | 'cancel' | 'sell-all'
  readonly ocoBackstop: boolean
  readonly noBuysInDowntrend: boolean
  readonly pauseBuysWhenVolatile: boolean
  readonly recenter: boolean
}

/** Fills the form from a configuration. */
export function draftOf(config: BotConfigInput): SetupDraft {
  return {
    id: config.id,
    symbol: config.symbol,
    lower: config.grid.lower,
    upper: config.grid.upper,
    grids: String(config.grid.grids),
    spacing: config.grid.spacing ?? 'arithmetic',
    investment: config.grid.investment,
    stopLoss: config.risk?.stopLoss ?? '',
    takeProfit: config.risk?.takeProfit ?? '',
    stopOutcome: config.risk?.stopOutcome ?? 'cancel',
    ocoBackstop: config.risk?.ocoBackstop ?? true,
    noBuysInDowntrend: config.protective?.noBuysInDowntrend ?? true,
    pauseBuysWhenVolatile: config.protective?.pauseBuysWhenVolatile ?? false,
    recenter: config.recenter?.enabled ?? true
  }
}

/** Builds the configuration the form describes (the schema in main decides whether it is valid). */
export function configOf(draft: SetupDraft): BotConfigInput {
  return {
    id: draft.id.trim(),
    symbol: draft.symbol,
    grid: { lower: draft.lower.trim(), upper: draft.upper.trim(), grids: Number(draft.grids), spacing: draft.spacing, investment: draft.investment.trim(), baseHeld: '0' },
    risk: {
      ...(draft.stopLoss.trim() === '' ? {} : { stopLoss: draft.stopLoss.trim() }),
      ...(draft.takeProfit.trim() === '' ? {} : { takeProfit: draft.takeProfit.trim() }),
      stopOutcome: draft.stopOutcome,
      ocoBackstop: draft.ocoBackstop
    },
    protective: { noBuysInDowntrend: draft.noBuysInDowntrend, pauseBuysWhenVolatile: draft.pauseBuysWhenVolatile },
    recenter: { enabled: draft.recenter }
  }
}
