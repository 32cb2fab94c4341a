import type { BotView } from '@shared/api'
import { formatExact } from './decimal-text-format'

/** The bot's orders that are open or on their way, OCO legs included. */
export function OrdersTable({ bot }: { readonly bot: BotView }) {
  const price = (text: string) => formatExact(text, bot.priceDecimals)
  return (
    <section className="panel panel-wide" aria-label="Open orders">
      <table className="table">
        <caption>Open orders ({bot.openOrders.length})</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Purpose</th>
            <th scope="col">Level</th>
            <th scope="col">Side</th>
            <th scope="col">Type</th>
            <th scope="col" className="number">Price{bot.quoteAsset === '' ? '' : ` (${bot.quoteAsset})`}</th>
            <th scope="col" className="number">Quantity{bot.baseAsset === '' ? '' : ` (${bot.baseAsset})`}</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {bot.openOrders.map((order) => (
            <tr key={order.clientOrderId} data-order={order.clientOrderId}>
              <td className="mono order-id">{order.clientOrderId}</td>
              <td>{order.purpose}</td>
              <td>{order.level ?? '–'}</td>
              <td className={order.side === 'BUY' ? 'buy' : 'sell'}>{order.side}</td>
              <td>{order.type}</td>
              <td className="number">{order.stopPrice !== null ? `${order.price === null ? '' : price(order.price)} (stop ${price(order.stopPrice)})` : order.price === null ? 'market' : price(order.price)}</td>
              <td className="number">{order.quantity === null ? '–' : formatExact(order.quantity, bot.quantityDecimals)}</td>
              <td>{order.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
