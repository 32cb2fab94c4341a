import type { ChartLevel, ChartLevelKind } from './chart-level'

/** What a price line stands for: a grid level kind, or the stop-loss or take-profit. */
export type PriceLineKind = ChartLevelKind | 'stop-loss' | 'take-profit'

/** One horizontal price line to draw, identified by its price, kind and title together. */
export interface PriceLineSpec {
  readonly key: string
  readonly price: string
  readonly kind: PriceLineKind
  readonly title: string
}

/** Returns the identity of a line: two lines with the same price, kind and title are the same line. */
export function priceLineKey(price: string, kind: PriceLineKind, title: string): string {
  return JSON.stringify([price, kind, title])
}

function spec(price: string, kind: PriceLineKind, title: string): PriceLineSpec {
  return { key: priceLineKey(price, kind, title), price, kind, title }
}

/**
 * Returns the lines to draw for the grid levels and the stop-loss and take-profit prices, each
 * line once (a repeated level would otherwise stack two identical lines).
 */
export function priceLineSpecs(levels: readonly ChartLevel[], stopLoss: string | null, takeProfit: string | null): PriceLineSpec[] {
  const specs = new Map<string, PriceLineSpec>()
  const add = (line: PriceLineSpec) => {
    if (!specs.has(line.key)) specs.set(line.key, line)
  }
  for (const level of levels) add(spec(level.price, level.kind, level.title))
  if (stopLoss !== null) add(spec(stopLoss, 'stop-loss', 'Stop-loss'))
  if (takeProfit !== null) add(spec(takeProfit, 'take-profit', 'Take-profit'))
  return [...specs.values()]
}
