import { PaperApiError } from './paper-api-error'
import { invalidValue, mandatory } from './param-reader'

/** Binance's default recvWindow in milliseconds. */
export const DEFAULT_RECV_WINDOW_MS = 5000
/** The largest recvWindow Binance accepts. */
export const MAX_RECV_WINDOW_MS = 60_000
/** How far ahead of the server a timestamp may be. */
export const MAX_AHEAD_MS = 1000

/**
 * Checks a signed request's `timestamp` (ms, or µs when it has 16 digits) and `recvWindow`
 * (ms, up to three decimals, at most 60000) against the server's clock, as Binance does:
 * -1021 when the timestamp is 1000 ms or more ahead, or older than the window.
 */
export function checkTimestamp(timestampText: string | undefined, recvWindowText: string | undefined, nowMs: number): void {
  if (timestampText === undefined || timestampText === '') throw mandatory('timestamp')
  if (!/^[0-9]{1,20}$/.test(timestampText)) throw new PaperApiError(400, -1100, "Illegal characters found in parameter 'timestamp'; legal range is '^[0-9]{1,20}$'.")
  const raw = Number(timestampText)
  const timestampMs = timestampText.length >= 16 ? raw / 1000 : raw
  let recvWindowMs = DEFAULT_RECV_WINDOW_MS
  if (recvWindowText !== undefined && recvWindowText !== '') {
    if (!/^[0-9]{1,5}(\.[0-9]{1,3})?$/.test(recvWindowText)) throw invalidValue('recvWindow')
    recvWindowMs = Number(recvWindowText)
    if (recvWindowMs > MAX_RECV_WINDOW_MS) throw invalidValue('recvWindow')
  }
  if (timestampMs >= nowMs + MAX_AHEAD_MS) throw new PaperApiError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.")
  if (nowMs - timestampMs > recvWindowMs) throw outsideRecvWindow()
}

/** Binance's -1021 for a request whose timestamp is older than its recvWindow. */
export function outsideRecvWindow(): PaperApiError {
  return new PaperApiError(400, -1021, 'Timestamp for this request is outside of the recvWindow.')
}
