import { describe, expect, it } from 'vitest'
import { TestClock } from '../clock/test-clock'
import { openJournal } from '../journal'
import { MemoryLogger } from '../logging/logger'
import { BotIncidents } from './bot-incidents'

function setUp() {
  const journal = openJournal(':memory:')
  const clock = new TestClock()
  const logger = new MemoryLogger()
  journal.saveBot({ botId: 'b1', symbol: 'BTCUSDT', configJson: '{}', status: 'running', createdAtMs: 0, updatedAtMs: 0 })
  const lines = () => logger.lines.filter((line) => line.level !== 'debug').map((line) => `${line.level}: ${line.message}`)
  return { journal, clock, logger, lines, incidents: new BotIncidents({ botId: 'b1', journal, clock, logger }) }
}

describe('BotIncidents', () => {
  it('opens one incident per kind, and logs a recurrence only when its state changes', () => {
    const { journal, incidents, lines } = setUp()
    incidents.open('replan', 'the grid 40000–50000 was not placed: notional 4.4 is below 5', {}, 'kept:BELOW_MIN_NOTIONAL')
    // New numbers, same problem: nothing a person needs to read again
    incidents.open('replan', 'the grid 39000–49000 was not placed: notional 4.3 is below 5', {}, 'kept:BELOW_MIN_NOTIONAL')
    incidents.open('replan', 'the grid 38000–48000 was not placed: notional 4.2 is below 5', {}, 'kept:BELOW_MIN_NOTIONAL')
    // Another problem: one warning
    incidents.open('replan', 'the grid 38000–48000 was not placed: too many orders', {}, 'kept:TOO_MANY_ORDERS')
    incidents.open('replan', 'the grid 37000–47000 was not placed: too many orders', {}, 'kept:TOO_MANY_ORDERS')
    expect(journal.listIncidents({ botId: 'b1' }).map((incident) => incident.message)).toEqual(['the grid 40000–50000 was not placed: notional 4.4 is below 5'])
    expect(lines()).toEqual(['error: bot b1: the grid 40000–50000 was not placed: notional 4.4 is below 5', 'warn: bot b1: still: the grid 38000–48000 was not placed: too many orders'])
  })

  it('knows an open incident across a restart by its message, and opens a new one once the old is resolved', async () => {
    const { journal, clock, logger, incidents, lines } = setUp()
    incidents.open('start', 'the bot did not start: no base', {})
    const restarted = new BotIncidents({ botId: 'b1', journal, clock, logger })
    restarted.open('start', 'the bot did not start: no base', {})
    expect(lines()).toEqual(['error: bot b1: the bot did not start: no base'])
    await clock.advance(1_000)
    expect(restarted.resolve('start')).toBe(true)
    expect(restarted.resolve('start')).toBe(false)
    restarted.open('start', 'the bot did not start: no base', {})
    expect(journal.listIncidents({ botId: 'b1' }).map((incident) => incident.resolvedAtMs === null)).toEqual([false, true])
  })
})
