import type { BotView } from '@shared/api'

/** The bot's recent fills, newest first, each with the order that answers it. */
export function FillsTable({ bot }: { readonly bot: BotView }) {
  return (
    <section className="panel" aria-label="Fills">
      <table className="table">
        <caption>Fills ({bot.fills.length})</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Level</th>
            <th scope="col">Side</th>
            <th scope="col">Price</th>
            <th scope="col">Quantity</th>
            <th scope="col">Fee</th>
            <th scope="col">Answered by</th>
          </tr>
        </thead>
        <tbody>
          {[...bot.fills].reverse().map((fill) => (
            <tr key={fill.tradeId} data-fill={fill.tradeId}>
              <td>{new Date(fill.timeMs).toLocaleTimeString()}</td>
              <td>{fill.level ?? '–'}</td>
              <td className={fill.side === 'BUY' ? 'buy' : 'sell'}>{fill.side}</td>
              <td>{fill.price}</td>
              <td>{fill.quantity}</td>
              <td>
                {fill.commission} {fill.commissionAsset}
              </td>
              <td className="mono">{fill.hedgedBy ?? 'pending'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
