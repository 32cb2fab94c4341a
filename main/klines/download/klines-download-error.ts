import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/**
 * A klines download that stopped: the exchange refused the request (unknown symbol, banned for
 * longer than the caller waits), answered something that is not klines, or stayed unreachable.
 * What was fetched before stays in the cache, so running again resumes.
 */
export class KlinesDownloadError extends GridkeeperError {
  override readonly name = 'KlinesDownloadError' as const
  /** The HTTP status of the last answer, when there was one. */
  readonly status: number | undefined

  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super('KLINES_DOWNLOAD', message, options)
    this.status = status
  }
}

/** Returns true for a KlinesDownloadError, also after it crossed a process boundary. */
export function isKlinesDownloadError(value: unknown): value is KlinesDownloadError {
  return (value as { name?: unknown } | null)?.name === 'KlinesDownloadError'
}
