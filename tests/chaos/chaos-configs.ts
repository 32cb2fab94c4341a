import { botConfig } from '@shared/config/bot-config'
import { Decimal } from '@shared/money/decimal'
import type { GridBotConfig } from '../../main/engine/bot/grid-bot-config'
import { BOT_CONFIG, ETH_BOT_CONFIG } from '../engine/harness'
import { CHAOS_RECONCILE_INTERVAL_MS, type ChaosOptions } from './chaos-options'

/** The bots of a chaos run: reconciling every 30 s, and with stops, recentering and protection in strategy runs. */
export function chaosConfigs(options: Pick<ChaosOptions, 'bots' | 'strategy'>, random: () => number): GridBotConfig[] {
  const plain = (options.bots === 2 ? [BOT_CONFIG, ETH_BOT_CONFIG] : [BOT_CONFIG]).map((config) => botConfig({ ...config, reconcile: { intervalMs: CHAOS_RECONCILE_INTERVAL_MS } }))
  return options.strategy === true ? plain.map((config) => withStrategy(config, random)) : plain
}

/** A bot configuration with stops near the market's edges and quick recentering, for strategy chaos. */
function withStrategy(config: GridBotConfig, random: () => number): GridBotConfig {
  const lower = new Decimal(config.grid.lower)
  const upper = new Decimal(config.grid.upper)
  const outcomes = ['keep', 'cancel', 'sell-all'] as const
  // Near stops fire often; far ones leave room for the price to stay outside the range and recenter
  const margin = random() < 0.5 ? new Decimal('0.015') : new Decimal('0.2')
  return botConfig({
    ...config,
    // The bot is given more base than its grid needs, so there is inventory for the OCO backstop
    grid: { ...config.grid, baseHeld: config.symbol === 'ETHUSDT' ? '0.2' : '0.01' },
    risk: {
      stopLoss: lower.mul(new Decimal(1).sub(margin)).toDecimalPlaces(2).toFixed(),
      takeProfit: upper.mul(new Decimal(1).add(margin)).toDecimalPlaces(2).toFixed(),
      stopOutcome: outcomes[Math.floor(random() * outcomes.length)] ?? 'cancel',
      ocoBackstop: true
    },
    recenter: { enabled: true, confirmationMs: 60_000, cooldownMs: 120_000, hysteresisPct: '0.5' },
    marketState: { candleInterval: '1m', windowCandles: 5, trendThresholdPct: '1', volatilityThresholdPct: '2', hysteresisCandles: 2 },
    protective: { noBuysInDowntrend: true, pauseBuysWhenVolatile: random() < 0.5 },
    deadlock: { cooldownMs: 60_000 },
    baseTrades: { attempts: 2, repriceIntervalMs: 5_000, useMarketOrders: true }
  })
}
