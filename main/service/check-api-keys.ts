import type { ConnectionTest } from '@shared/api'
import { BinanceRestClient } from '../engine/exchange/binance/client'
import type { BinanceEndpoints } from '../engine/exchange/binance/urls'
import type { ApiKeys } from '../keys/api-keys'

/** What `GET /api/v3/account` says about the key that signed it. */
interface AccountAnswer {
  readonly canTrade?: boolean
  readonly canWithdraw?: boolean
  readonly canDeposit?: boolean
  readonly permissions?: readonly string[]
}

/** What `GET /sapi/v1/account/apiRestrictions` answers (production only). */
interface RestrictionsAnswer {
  readonly ipRestrict?: boolean
  readonly enableWithdrawals?: boolean
  readonly enableSpotAndMarginTrading?: boolean
}

/**
 * Tests a key against an endpoint, as "test connection" shows it: whether it can trade, whether
 * withdrawals are enabled, and whether it is restricted to IP addresses (asked only on live
 * Binance: testnet, demo and paper servers have no such endpoint). Warnings are worded for the
 * person; a failed request is reported as the exchange's own message.
 */
export async function checkApiKeys(endpoints: BinanceEndpoints, keys: ApiKeys): Promise<ConnectionTest> {
  const client = new BinanceRestClient({ restUrl: endpoints.rest, apiKey: keys.apiKey, apiSecret: keys.apiSecret, recvWindowMs: 10_000, requestTimeoutMs: 10_000 })
  const time = (await client.serverTime()) as { serverTime?: number }
  if (typeof time.serverTime === 'number') client.setTimeOffsetMs(time.serverTime - Date.now())
  const account = (await client.account()) as AccountAnswer
  let restrictions: RestrictionsAnswer | undefined
  if (endpoints.name === 'live') restrictions = (await client.apiRestrictions()) as RestrictionsAnswer
  const canWithdraw = restrictions?.enableWithdrawals ?? account.canWithdraw ?? false
  const ipRestricted = restrictions === undefined ? null : restrictions.ipRestrict === true
  const warnings: string[] = []
  if (account.canTrade !== true) warnings.push('This key cannot trade: enable spot trading for it on the exchange.')
  if (canWithdraw) warnings.push('WITHDRAWALS ARE ENABLED for this key. A trading bot never needs them: turn them off on the exchange.')
  if (ipRestricted === false) warnings.push('This key works from any IP address: restrict it to your own on the exchange.')
  return { endpoint: endpoints.name, canTrade: account.canTrade === true, canWithdraw, ipRestricted, permissions: account.permissions ?? [], warnings }
}
