import { useMemo } from 'react'
import type { BotView } from '@shared/api'
import { groupFills } from '../store/fill-groups'
import { formatExact } from './decimal-text-format'

/** The bot's recent fills taken together per order, newest first, each with the order that answers it. */
export function FillsTable({ bot }: { readonly bot: BotView }) {
  const groups = useMemo(() => groupFills(bot.fills), [bot.fills])
  return (
    <section className="panel panel-wide" aria-label="Fills">
      <table className="table">
        <caption>
          Fills ({groups.length} {groups.length === 1 ? 'order' : 'orders'}, {bot.fills.length} {bot.fills.length === 1 ? 'trade' : 'trades'})
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Level</th>
            <th scope="col">Side</th>
            <th scope="col" className="number">Price{bot.quoteAsset === '' ? '' : ` (${bot.quoteAsset})`}</th>
            <th scope="col" className="number">Quantity{bot.baseAsset === '' ? '' : ` (${bot.baseAsset})`}</th>
            <th scope="col" className="number">Fee</th>
            <th scope="col">Answered by</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.clientOrderId} data-fill-order={group.clientOrderId}>
              <td>{new Date(group.timeMs).toLocaleTimeString()}</td>
              <td>{group.level ?? '–'}</td>
              <td className={group.side === 'BUY' ? 'buy' : 'sell'}>{group.side}</td>
              <td className="number">
                {group.fillCount > 1 ? 'avg ' : ''}
                {formatExact(group.price, bot.priceDecimals)}
              </td>
              <td className="number">
                {formatExact(group.quantity, bot.quantityDecimals)}
                {group.fillCount > 1 && <span className="muted"> in {group.fillCount} trades</span>}
              </td>
              <td className="number">{group.fees.map((fee) => `${formatExact(fee.amount, null)} ${fee.asset}`).join(' + ')}</td>
              <td className="wrap">
                {group.hedgedBy.length === 0 && group.coveredBy.length === 0 ? 'pending' : [...group.hedgedBy.map((id) => <span key={id} className="mono order-id">{id}</span>), ...group.coveredBy.map((text) => <span key={text}>{text}</span>)]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
