import type { AccountSnapshot, Balance } from '../port/account'
import { booleanField, decimalField, integerField, rawArray, rawObject, textField } from './raw-fields'

/** Parses `GET /api/v3/account` into the account's balances (every asset listed, zero ones included). */
export function parseAccount(raw: unknown): AccountSnapshot {
  const source = rawObject(raw, 'account')
  const balances = new Map<string, Balance>()
  rawArray(source['balances'], 'account.balances').forEach((entry, index) => {
    const what = `account.balances[${index}]`
    const balance = rawObject(entry, what)
    const asset = textField(balance, 'asset', what)
    balances.set(asset, { asset, free: decimalField(balance, 'free', what), locked: decimalField(balance, 'locked', what) })
  })
  return { balances, updatedAtMs: integerField(source, 'updateTime', 'account'), canTrade: booleanField(source, 'canTrade', 'account') }
}
