import type { Decimal } from '@shared/money/decimal'

/** Why a reservation was refused: whose funds were short, of what, and by how much. */
export interface InsufficientFunds {
  /** `bot`: the bot's own allocation is short; `account`: the account's free balance is. */
  readonly scope: 'bot' | 'account'
  readonly asset: string
  readonly needed: Decimal
  readonly available: Decimal
}

/** Describes a refusal for a person: "bot 2 needs 105 USDT, has 80 available". */
export function describeInsufficientFunds(botId: string, short: InsufficientFunds): string {
  const whose = short.scope === 'bot' ? `bot ${botId}` : 'the account'
  return `${whose} needs ${short.needed.toFixed()} ${short.asset}, has ${short.available.toFixed()} available`
}
