import { Decimal } from '@shared/money/decimal'
import type { FillRecord } from '../../main/engine/journal'
import { describeTrade } from './describe-trade'
import type { EpochFlows } from './epoch-flows'
import type { AccountTrade } from './exchange-history'
import type { IncidentNames } from './incident-names'
import type { Outstanding } from './outstanding'

/** What the balance of the current grid needs besides its flows and outstanding obligations. */
export interface GapBalanceContext {
  readonly names: IncidentNames
  /** Base the bot's sales (exit sell-all, emergency sale) really sold on the exchange in this grid. */
  readonly sold: Decimal
  /** The journal's claims that base of this grid was sold: sales tried, and obligations it ended as sold. */
  readonly saleNotes: readonly string[]
  /** SELL quantity of a level the journal says it ended as sold (the intents it voided). */
  readonly voidedAsSold: (level: number) => Decimal
  /** The most SELL dust a level may carry (a sale drops it too). */
  readonly dustBound: (level: number) => Decimal
  /** One lot step: a sale rounds the base it sells down to it. */
  readonly step: Decimal
  readonly fills: ReadonlyMap<string, FillRecord>
  readonly baseAsset: string
}

const ZERO = new Decimal(0)

/**
 * Checks the current grid's quantities, now. Each gap between level L and L + 1 carries one unit:
 * its planned order (the BUY at L or the SELL at L + 1), less the base its BUY trades paid as fees.
 * A BUY trade at L moves it to a SELL owed at L + 1, a SELL trade at L + 1 back to a BUY owed at L,
 * and netting opposite obligations on a level moves it between the sides of both gaps around that
 * level — none of that changes the unit. So the unit must equal what the gap holds: its open
 * orders' remaining quantity on the exchange, what waits in the journal, and carried dust. Less
 * is allowed only for trades an incident names, or for the SELLs (and SELL dust) the journal says a
 * sale voided, in all no more than what the bot's sales really sold. And the BUY side alone — planned BUYs plus SELL trades minus BUY trades, against BUY
 * orders, waits and dust — must come out even, with the netting it implies on each level never
 * negative.
 */
export function checkGapBalance(flows: EpochFlows, outstanding: Outstanding, context: GapBalanceContext): string[] {
  const violations: string[] = []
  const top = flows.levelCount - 1
  let voided = ZERO
  const unanswered: { readonly text: string; readonly gap: string; readonly amount: Decimal; readonly trades: readonly AccountTrade[] }[] = []
  for (let level = 0; level < top; level += 1) {
    const buy = flows.flow(level, 'BUY')
    const sell = flows.flow(level + 1, 'SELL')
    const unit = flows.plan(level, 'BUY').add(flows.plan(level + 1, 'SELL')).sub(buy.baseFees)
    const parts = {
      live: buy.live.add(sell.live),
      waiting: outstanding.waiting(level, 'BUY').add(outstanding.waiting(level + 1, 'SELL')),
      dust: outstanding.dust(level, 'BUY').add(outstanding.dust(level + 1, 'SELL'))
    }
    const short = unit.sub(parts.live).sub(parts.waiting).sub(parts.dust)
    const gapText = `gap ${level}–${level + 1} (BUY@${level} / SELL@${level + 1}) owes ${unit.toFixed()} (plan ${flows.plan(level, 'BUY').add(flows.plan(level + 1, 'SELL')).toFixed()} − base fees ${buy.baseFees.toFixed()}) and holds ${parts.live.toFixed()} on the exchange + ${parts.waiting.toFixed()} waiting + ${parts.dust.toFixed()} dust`
    if (short.isNegative()) {
      violations.push(`${gapText}: ${short.neg().toFixed()} more than it owes; ${recent([...buy.trades, ...sell.trades], context.fills)}`)
      continue
    }
    if (short.isZero()) continue
    const excused = Decimal.min(short, excusedBy([...buy.trades, ...sell.trades], context))
    const rest = short.sub(excused)
    if (rest.isZero()) continue
    // A sale accounts only for the SELLs of this gap the journal says it voided, and the dust it dropped
    const sale = context.sold.gt(0) || context.saleNotes.length > 0
    const asSold = sale ? Decimal.min(rest, context.voidedAsSold(level + 1).add(context.dustBound(level + 1))) : ZERO
    voided = voided.add(asSold)
    if (rest.gt(asSold)) unanswered.push({ text: gapText, gap: `${level}–${level + 1}`, amount: rest.sub(asSold), trades: [...buy.trades, ...sell.trades] })
  }
  violations.push(...describeUnanswered(unanswered, top, context.fills))
  if (voided.gt(context.sold.add(context.step))) {
    violations.push(`grid SELLs of ${voided.toFixed()} were dropped as sold (the journal: ${context.saleNotes.join(', ') || 'nothing'}), but the bot's sales sold only ${context.sold.toFixed()} on the exchange`)
  }
  violations.push(...checkBuySide(flows, outstanding, context))
  return violations
}

function checkBuySide(flows: EpochFlows, outstanding: Outstanding, context: GapBalanceContext): string[] {
  const violations: string[] = []
  const top = flows.levelCount - 1
  let netted = ZERO
  let excused = ZERO
  for (let level = top; level >= 0; level -= 1) {
    const buy = flows.flow(level, 'BUY')
    const sellAbove = flows.flow(level + 1, 'SELL')
    const owed = flows.plan(level, 'BUY').add(sellAbove.filled).sub(buy.filled)
    const held = buy.live.add(outstanding.waiting(level, 'BUY')).add(outstanding.dust(level, 'BUY'))
    netted = netted.add(owed.sub(held))
    excused = excused.add(excusedBy(sellAbove.trades, context))
    if (netted.isNegative()) {
      violations.push(
        `BUYs on levels ${level}–${top} hold ${netted.neg().toFixed()} more than their plan and trades owe (level ${level}: plan ${flows.plan(level, 'BUY').toFixed()} + SELL trades above ${sellAbove.filled.toFixed()} − BUY trades ${buy.filled.toFixed()}, held ${held.toFixed()}); ${recent([...buy.trades, ...sellAbove.trades], context.fills)}`
      )
      return violations
    }
  }
  if (netted.gt(excused)) violations.push(`the BUY side holds ${netted.sub(excused).toFixed()} less than its plan and trades owe (after ${excused.toFixed()} excused by incidents)`)
  return violations
}

/** One line per unanswered gap; one line for all of them when more than three are (a grid gone as a whole). */
function describeUnanswered(gaps: readonly { readonly text: string; readonly gap: string; readonly amount: Decimal; readonly trades: readonly AccountTrade[] }[], gapCount: number, fills: ReadonlyMap<string, FillRecord>): string[] {
  if (gaps.length <= 3) return gaps.map((gap) => `${gap.text}: ${gap.amount.toFixed()} unanswered; ${recent(gap.trades, fills)}`)
  const total = gaps.reduce((sum, gap) => sum.add(gap.amount), ZERO)
  return [
    `${gaps.length} of ${gapCount} gaps hold ${total.toFixed()} less than they owe, with nothing open, waiting or carried for it (${gaps.map((gap) => `${gap.gap}: ${gap.amount.toFixed()}`).join(', ')}); ${recent(gaps.flatMap((gap) => gap.trades), fills)}`
  ]
}

/** Counter quantity of the trades an incident names. */
function excusedBy(trades: readonly AccountTrade[], context: GapBalanceContext): Decimal {
  let total = ZERO
  for (const trade of trades) {
    if (context.names.namingTrade(trade.tradeId) === undefined) continue
    total = total.add(trade.side === 'BUY' && trade.commissionAsset === context.baseAsset ? trade.quantity.sub(trade.commission) : trade.quantity)
  }
  return total
}

function recent(trades: readonly AccountTrade[], fills: ReadonlyMap<string, FillRecord>): string {
  const latest = [...trades].sort((a, b) => b.timeMs - a.timeMs || Number(BigInt(b.tradeId) - BigInt(a.tradeId))).slice(0, 3)
  return latest.length === 0 ? 'no trades in this gap' : `latest: ${latest.map((trade) => describeTrade(trade, fills.get(trade.tradeId))).join(', ')}`
}
