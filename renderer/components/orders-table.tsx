import type { BotView } from '@shared/api'

/** The bot's orders that are open or on their way, OCO legs included. */
export function OrdersTable({ bot }: { readonly bot: BotView }) {
  return (
    <section className="panel" aria-label="Open orders">
      <table className="table">
        <caption>Open orders ({bot.openOrders.length})</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Purpose</th>
            <th scope="col">Level</th>
            <th scope="col">Side</th>
            <th scope="col">Type</th>
            <th scope="col">Price</th>
            <th scope="col">Quantity</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {bot.openOrders.map((order) => (
            <tr key={order.clientOrderId} data-order={order.clientOrderId}>
              <td className="mono">{order.clientOrderId}</td>
              <td>{order.purpose}</td>
              <td>{order.level ?? '–'}</td>
              <td className={order.side === 'BUY' ? 'buy' : 'sell'}>{order.side}</td>
              <td>{order.type}</td>
              <td>{order.stopPrice !== null ? `${order.price ?? ''} (stop ${order.stopPrice})` : (order.price ?? 'market')}</td>
              <td>{order.quantity ?? '–'}</td>
              <td>{order.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
