import { Decimal } from '@shared/money/decimal'
import { clientOrderId } from '../port/identifiers'
import type { NewOcoList, NewOrder, OcoLeg } from '../port/new-order'
import type { JournalEntry, WireOrder } from './journal-format'

type OcoEntry = Extract<JournalEntry, { k: 'oco' }>

/** Returns an order as the exact text a journal entry keeps. */
export function orderText(order: NewOrder): WireOrder {
  return compact({
    symbol: order.symbol,
    clientOrderId: order.clientOrderId,
    side: order.side,
    type: order.type,
    quantity: order.quantity?.toFixed(),
    quoteOrderQty: order.quoteOrderQty?.toFixed(),
    price: order.price?.toFixed(),
    stopPrice: order.stopPrice?.toFixed(),
    timeInForce: order.timeInForce
  })
}

/** Returns the order a journal entry keeps. */
export function orderFrom(text: WireOrder): NewOrder {
  const decimal = (name: string) => (text[name] === undefined ? {} : { [name]: new Decimal(text[name] as string) })
  return {
    symbol: text['symbol'] as string,
    clientOrderId: clientOrderId(text['clientOrderId'] as string),
    side: text['side'] as NewOrder['side'],
    type: text['type'] as NewOrder['type'],
    ...decimal('quantity'),
    ...decimal('quoteOrderQty'),
    ...decimal('price'),
    ...decimal('stopPrice'),
    ...(text['timeInForce'] !== undefined ? { timeInForce: text['timeInForce'] as NewOrder['timeInForce'] } : {})
  }
}

/** Returns an OCO list as the exact text a journal entry keeps. */
export function ocoText(list: NewOcoList): OcoEntry['list'] {
  return { s: list.symbol, id: list.listClientOrderId, side: list.side, q: list.quantity.toFixed(), above: legText(list.above), below: legText(list.below) }
}

/** Returns the OCO list a journal entry keeps. */
export function ocoFrom(text: OcoEntry['list']): NewOcoList {
  return {
    symbol: text.s,
    listClientOrderId: clientOrderId(text.id),
    side: text.side as NewOcoList['side'],
    quantity: new Decimal(text.q),
    above: legFrom(text.above),
    below: legFrom(text.below)
  }
}

function legText(leg: OcoLeg): WireOrder {
  return compact({ clientOrderId: leg.clientOrderId, type: leg.type, price: leg.price?.toFixed(), stopPrice: leg.stopPrice?.toFixed(), timeInForce: leg.timeInForce })
}

function legFrom(text: WireOrder): OcoLeg {
  return {
    clientOrderId: clientOrderId(text['clientOrderId'] as string),
    type: text['type'] as OcoLeg['type'],
    ...(text['price'] !== undefined ? { price: new Decimal(text['price']) } : {}),
    ...(text['stopPrice'] !== undefined ? { stopPrice: new Decimal(text['stopPrice']) } : {}),
    ...(text['timeInForce'] !== undefined ? { timeInForce: text['timeInForce'] as OcoLeg['timeInForce'] } : {})
  }
}

function compact(record: Record<string, string | undefined>): WireOrder {
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined))
}
