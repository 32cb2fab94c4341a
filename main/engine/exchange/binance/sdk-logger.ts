import type { DefaultLogger } from 'binance'
import type { Logger } from '../../logging/logger'

/**
 * Returns a logger for the SDK's clients that writes into ours at debug level: the SDK logs every
 * connect, reconnect and socket error itself, and the adapter reports what matters (stream
 * status events, warnings) on its own.
 */
export function sdkLogger(logger: Logger): DefaultLogger {
  const write = (message: unknown) => logger.debug(`binance sdk: ${typeof message === 'string' ? message : safeText(message)}`)
  return { trace: () => {}, info: write, error: write }
}

function safeText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    // Socket errors hold circular references
    return String(value)
  }
}
