import { describe, expect, it } from 'vitest'
import { ClockStoppedError } from '../clock/clock-stopped-error'
import { MemoryLogger } from './logger'
import { withoutStopIncidents } from './without-stop-incidents'

describe('withoutStopIncidents', () => {
  it('writes a warning or error the stop caused at debug, and every other line as it is', () => {
    const memory = new MemoryLogger()
    const logger = withoutStopIncidents(memory)
    logger.error('periodic reconciliation failed', { botId: 'b1', error: String(new ClockStoppedError()) })
    logger.warn('reading the market state failed; the last state stands', { error: new ClockStoppedError().message })
    logger.error('a grid level could not be driven', { level: 3, error: 'ExchangeRejectedError: -2010 insufficient balance' })
    logger.warn('the OS keychain cannot be read')
    logger.info('stopped', { botId: 'b1' })
    logger.debug('tick')
    expect(memory.lines.map((line) => `${line.level} ${line.message}`)).toEqual([
      'debug periodic reconciliation failed',
      'debug reading the market state failed; the last state stands',
      'error a grid level could not be driven',
      'warn the OS keychain cannot be read',
      'info stopped',
      'debug tick'
    ])
  })
})
