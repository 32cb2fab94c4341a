import type { Balance } from '../port/account'
import type { BalancesEvent } from '../port/user-event'
import { decimalField, integerField, rawArray, rawObject, textField } from './raw-fields'

/** Parses an `outboundAccountPosition` event: the balances of the assets that may have changed. */
export function parseBalancesEvent(raw: unknown): BalancesEvent {
  const what = 'outboundAccountPosition'
  const source = rawObject(raw, what)
  const balances: Balance[] = rawArray(source['B'], `${what}.B`).map((entry, index) => {
    const item = rawObject(entry, `${what}.B[${index}]`)
    const owner = `${what}.B[${index}]`
    return { asset: textField(item, 'a', owner), free: decimalField(item, 'f', owner), locked: decimalField(item, 'l', owner) }
  })
  return { type: 'balances', balances, eventTimeMs: integerField(source, 'E', what) }
}
