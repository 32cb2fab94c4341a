import { isPlainDecimal } from '@shared/money/decimal'
import { CliUsageError } from '../cli-usage-error'

/** Reads `NAME=AMOUNT,NAME=AMOUNT` (e.g. `USDT=10000,BTC=0`) into exact decimal text by name, or throws naming `option`. */
export function parseAssetAmounts(text: string, option: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')) {
    const match = /^([A-Za-z0-9]{1,20})=(.+)$/.exec(part)
    const amount = match?.[2]
    if (match === null || amount === undefined || !isPlainDecimal(amount) || amount.startsWith('-')) {
      throw new CliUsageError(`--${option}: "${part}" must be NAME=AMOUNT with a plain non-negative decimal, such as USDT=10000`)
    }
    out[(match[1] ?? '').toUpperCase()] = amount
  }
  if (Object.keys(out).length === 0) throw new CliUsageError(`--${option} must name at least one NAME=AMOUNT`)
  return out
}
