import { tradeId, venueOrderId } from '../port/identifiers'
import type { FillReport } from '../port/order-report'
import { booleanField, decimalField, integerField, integerText, rawObject, textField } from './raw-fields'

/**
 * Parses one row of `GET /api/v3/myTrades` into a fill. Binance's trade history names the order
 * by its exchange id only, so the fill has no `clientOrderId`: mapping it to ours is the engine's
 * business (it knows which intent holds that order id).
 */
export function parseFill(raw: unknown): FillReport {
  const what = 'trade'
  const source = rawObject(raw, what)
  return {
    symbol: textField(source, 'symbol', what),
    tradeId: tradeId(integerText(source, 'id', what)),
    orderId: venueOrderId(integerText(source, 'orderId', what)),
    side: booleanField(source, 'isBuyer', what) ? 'BUY' : 'SELL',
    price: decimalField(source, 'price', what),
    quantity: decimalField(source, 'qty', what),
    quoteQuantity: decimalField(source, 'quoteQty', what),
    commission: decimalField(source, 'commission', what),
    commissionAsset: textField(source, 'commissionAsset', what),
    isMaker: booleanField(source, 'isMaker', what),
    timeMs: integerField(source, 'time', what)
  }
}
