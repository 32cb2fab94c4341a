import { CLOCK_STOPPED_MESSAGE } from '../clock/clock-stopped-error'
import type { LogFields, Logger } from './logger'

/**
 * Wraps a logger so that a warning or an error whose fields carry a ClockStoppedError is written
 * at debug: work the stop of the process cut short (a retry waiting out a Retry-After, a
 * reconciliation, a level's order) failed for no other reason, and is taken up by the next start.
 */
export function withoutStopIncidents(logger: Logger): Logger {
  const stopped = (fields: LogFields | undefined) => Object.values(fields ?? {}).some((value) => typeof value === 'string' && value.includes(CLOCK_STOPPED_MESSAGE))
  return {
    debug: (message, fields) => logger.debug(message, fields),
    info: (message, fields) => logger.info(message, fields),
    warn: (message, fields) => (stopped(fields) ? logger.debug(message, fields) : logger.warn(message, fields)),
    error: (message, fields) => (stopped(fields) ? logger.debug(message, fields) : logger.error(message, fields))
  }
}
