import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { IntentStatus } from './journal-records'
import { JournalDataError } from './journal-data-error'
import { JournalDuplicateError } from './journal-duplicate-error'
import { JournalMisuseError } from './journal-misuse-error'
import { JournalRecordMissingError } from './journal-record-missing-error'
import { openJournal } from './open-journal'
import type { SqliteJournal } from './sqlite-journal'
import { botRecord, fillRecord, incidentRecord, intentRecord, levelRecord, orderEventRecord, timerRecord } from './stubs'

let journal: SqliteJournal

beforeEach(() => {
  journal = openJournal(':memory:')
  journal.saveBot(botRecord())
})

afterEach(() => {
  journal.close()
})

describe('bots', () => {
  it('saves, reads back and lists bots oldest first', () => {
    journal.saveBot(botRecord({ botId: 'bot-0', symbol: 'ETHUSDT', createdAtMs: 5, updatedAtMs: 5 }))
    journal.saveBot(botRecord({ botId: 'bot-2', createdAtMs: Date.UTC(2027, 0, 1) }))
    expect(journal.getBot('bot-1')).toEqual(botRecord())
    expect(journal.listBots().map((bot) => bot.botId)).toEqual(['bot-0', 'bot-1', 'bot-2'])
    expect(journal.getBot('nobody')).toBeUndefined()
  })

  it('replaces a bot in place, keeping the rows that refer to it', () => {
    journal.createIntent(intentRecord())
    journal.saveBot(botRecord({ status: 'emergency', configJson: '{"grids":12}', updatedAtMs: 99 }))
    expect(journal.getBot('bot-1')).toEqual(botRecord({ status: 'emergency', configJson: '{"grids":12}', updatedAtMs: 99 }))
    expect(journal.listBots()).toHaveLength(1)
    expect(journal.getIntent('bot-1_L3_B_1')).toBeDefined()
  })

  it('refuses configuration text that is not JSON', () => {
    expect(() => journal.saveBot(botRecord({ configJson: '{grids: 12' }))).toThrow(/CHECK constraint failed/)
  })
})

describe('intents', () => {
  it('creates an intent and reads back exactly what was written', () => {
    const intent = intentRecord({ quoteOrderQty: '100.00000001', sourceFillKey: 'BTCUSDT:1000', purpose: 'counter', side: 'SELL' })
    journal.createIntent(intent)
    expect(journal.getIntent(intent.intentId)).toEqual(intent)
    expect(journal.getIntent('unknown')).toBeUndefined()
  })

  it('keeps money exactly as given, trailing zeros included', () => {
    journal.createIntent(intentRecord({ price: '0.10000000', quantity: '123456789012345678.123456789012345678' }))
    const stored = journal.getIntent('bot-1_L3_B_1')
    expect(stored?.price).toBe('0.10000000')
    expect(stored?.quantity).toBe('123456789012345678.123456789012345678')
  })

  it('throws JournalDuplicateError on a second intent with the same id and keeps the first', () => {
    journal.createIntent(intentRecord())
    expect(() => journal.createIntent(intentRecord({ price: '1.00' }))).toThrow(JournalDuplicateError)
    expect(journal.getIntent('bot-1_L3_B_1')?.price).toBe('96000.10')
  })

  it('throws JournalRecordMissingError for an intent of a bot that was never saved', () => {
    const attempt = () => journal.createIntent(intentRecord({ botId: 'ghost' }))
    expect(attempt).toThrow(JournalRecordMissingError)
    expect(attempt).toThrow("createIntent: journal has no bot 'ghost'")
  })

  it('refuses money that is not exact decimal text and stores nothing', () => {
    for (const price of ['1e-7', 'NaN', ' 1.5', '1.', '.5', '+1', '1,5', '']) {
      expect(() => journal.createIntent(intentRecord({ price }))).toThrow(JournalDataError)
    }
    expect(() => journal.createIntent(intentRecord({ quantity: 0.1 as unknown as string }))).toThrow(JournalDataError)
    expect(journal.listIntents('bot-1')).toEqual([])
  })

  it('updates only the patched fields and returns the updated intent', () => {
    journal.createIntent(intentRecord({ lastError: 'old error' }))
    const sending = journal.updateIntent('bot-1_L3_B_1', { status: 'sending', attempts: 1, updatedAtMs: 10 })
    expect(sending).toEqual(intentRecord({ lastError: 'old error', status: 'sending', attempts: 1, updatedAtMs: 10 }))
    const placed = journal.updateIntent('bot-1_L3_B_1', { status: 'placed', venueOrderId: '777', lastError: null })
    expect(placed).toEqual(intentRecord({ status: 'placed', attempts: 1, updatedAtMs: 10, venueOrderId: '777', lastError: null }))
    expect(journal.getIntent('bot-1_L3_B_1')).toEqual(placed)
  })

  it('returns the intent unchanged for an empty patch', () => {
    journal.createIntent(intentRecord())
    expect(journal.updateIntent('bot-1_L3_B_1', {})).toEqual(intentRecord())
  })

  it('throws JournalRecordMissingError when updating an unknown intent', () => {
    expect(() => journal.updateIntent('nope', { status: 'placed' })).toThrow(JournalRecordMissingError)
    expect(() => journal.updateIntent('nope', { status: 'placed' })).toThrow("updateIntent: journal has no intent 'nope'")
  })

  it('lists a bot\'s intents oldest first, optionally by status', () => {
    journal.saveBot(botRecord({ botId: 'bot-2' }))
    journal.createIntent(intentRecord({ intentId: 'c', createdAtMs: 30, status: 'placed' }))
    journal.createIntent(intentRecord({ intentId: 'a', createdAtMs: 10, status: 'pending' }))
    journal.createIntent(intentRecord({ intentId: 'b2', createdAtMs: 20, status: 'unknown' }))
    journal.createIntent(intentRecord({ intentId: 'b1', createdAtMs: 20, status: 'done' }))
    journal.createIntent(intentRecord({ intentId: 'other', botId: 'bot-2', status: 'pending' }))
    const ids = (statuses?: readonly IntentStatus[]) => journal.listIntents('bot-1', statuses).map((intent) => intent.intentId)
    // Equal times keep the order of writing
    expect(ids()).toEqual(['a', 'b2', 'b1', 'c'])
    expect(ids(['pending', 'sending', 'placed', 'unknown'])).toEqual(['a', 'b2', 'c'])
    expect(ids(['done'])).toEqual(['b1'])
    expect(ids([])).toEqual([])
    expect(journal.listIntents('bot-2').map((intent) => intent.intentId)).toEqual(['other'])
    expect(journal.listIntents('nobody')).toEqual([])
  })
})

describe('order events', () => {
  it('appends events and lists them in the order they were appended', () => {
    const accepted = orderEventRecord({ atMs: 50 })
    const partial = orderEventRecord({ dedupeKey: 'trade:1001', eventType: 'OrderFilled', status: 'PARTIALLY_FILLED', executedQty: '0.0005', cumulativeQuoteQty: '48.00005', atMs: 40 })
    const filled = orderEventRecord({ dedupeKey: 'trade:1002', eventType: 'OrderFilled', status: 'FILLED', executedQty: '0.00105', cumulativeQuoteQty: '100.8001', atMs: 60 })
    expect(journal.appendOrderEvent(accepted)).toBe(true)
    expect(journal.appendOrderEvent(partial)).toBe(true)
    expect(journal.appendOrderEvent(filled)).toBe(true)
    expect(journal.appendOrderEvent(orderEventRecord({ clientOrderId: 'other' }))).toBe(true)
    expect(journal.listOrderEvents('bot-1_L3_B_1')).toEqual([accepted, partial, filled])
    expect(journal.listOrderEvents('none')).toEqual([])
  })

  it('returns false and stores nothing for a repeated dedupe key of the same order', () => {
    expect(journal.appendOrderEvent(orderEventRecord())).toBe(true)
    expect(journal.appendOrderEvent(orderEventRecord({ status: 'CANCELED', atMs: 999 }))).toBe(false)
    expect(journal.listOrderEvents('bot-1_L3_B_1')).toEqual([orderEventRecord()])
  })

  it('refuses quantities that are not exact decimal text', () => {
    expect(() => journal.appendOrderEvent(orderEventRecord({ executedQty: '1e-3' }))).toThrow(JournalDataError)
    expect(journal.listOrderEvents('bot-1_L3_B_1')).toEqual([])
  })
})

describe('fills', () => {
  it('records a fill and reads it back with its boolean intact', () => {
    const maker = fillRecord()
    const taker = fillRecord({ tradeId: '1002', isMaker: false, timeMs: maker.timeMs + 1 })
    expect(journal.recordFill(maker)).toBe(true)
    expect(journal.recordFill(taker)).toBe(true)
    expect(journal.getFill('BTCUSDT', '1001')).toEqual(maker)
    expect(journal.getFill('BTCUSDT', '1002')?.isMaker).toBe(false)
    expect(journal.getFill('ETHUSDT', '1001')).toBeUndefined()
  })

  it('returns false and stores nothing for a repeated (symbol, tradeId)', () => {
    expect(journal.recordFill(fillRecord())).toBe(true)
    expect(journal.recordFill(fillRecord({ quantity: '9' }))).toBe(false)
    expect(journal.getFill('BTCUSDT', '1001')?.quantity).toBe('0.00105000')
    // The same trade id on another symbol is another trade
    expect(journal.recordFill(fillRecord({ symbol: 'ETHUSDT' }))).toBe(true)
  })

  it('lists a bot\'s fills in trade time order', () => {
    journal.saveBot(botRecord({ botId: 'bot-2' }))
    journal.recordFill(fillRecord({ tradeId: '3', timeMs: 300 }))
    journal.recordFill(fillRecord({ tradeId: '1', timeMs: 100 }))
    journal.recordFill(fillRecord({ tradeId: '2b', timeMs: 200 }))
    journal.recordFill(fillRecord({ tradeId: '2a', timeMs: 200 }))
    journal.recordFill(fillRecord({ tradeId: '9', botId: 'bot-2' }))
    expect(journal.listFills('bot-1').map((fill) => fill.tradeId)).toEqual(['1', '2b', '2a', '3'])
    expect(journal.listFills('bot-2').map((fill) => fill.tradeId)).toEqual(['9'])
  })

  it('lists the fills no intent hedges yet, and drops one once it is hedged', () => {
    journal.recordFill(fillRecord({ tradeId: '1', timeMs: 100 }))
    journal.recordFill(fillRecord({ tradeId: '2', timeMs: 200 }))
    journal.createIntent(intentRecord({ intentId: 'counter-for-0' }))
    journal.recordFill(fillRecord({ tradeId: '0', timeMs: 50, counterIntentId: 'counter-for-0' }))
    expect(journal.listUnhedgedFills('bot-1').map((fill) => fill.tradeId)).toEqual(['1', '2'])

    journal.createIntent(intentRecord({ intentId: 'counter-for-1', purpose: 'counter', side: 'SELL', sourceFillKey: 'BTCUSDT:1' }))
    journal.setFillCounterIntent('BTCUSDT', '1', 'counter-for-1')
    expect(journal.listUnhedgedFills('bot-1').map((fill) => fill.tradeId)).toEqual(['2'])
    expect(journal.getFill('BTCUSDT', '1')?.counterIntentId).toBe('counter-for-1')
  })

  it('refuses to hedge an unknown fill or with an unknown intent', () => {
    journal.recordFill(fillRecord())
    expect(() => journal.setFillCounterIntent('BTCUSDT', '404', 'x')).toThrow("journal has no fill 'BTCUSDT:404'")
    expect(() => journal.setFillCounterIntent('BTCUSDT', '1001', 'no-such-intent')).toThrow("journal has no intent 'no-such-intent'")
    expect(journal.getFill('BTCUSDT', '1001')?.counterIntentId).toBeNull()
  })

  it('refuses a fill of an unknown bot or naming an unknown counter intent', () => {
    expect(() => journal.recordFill(fillRecord({ botId: 'ghost' }))).toThrow("recordFill: journal has no bot 'ghost'")
    expect(() => journal.recordFill(fillRecord({ counterIntentId: 'ghost-intent' }))).toThrow("recordFill: journal has no intent 'ghost-intent'")
    expect(() => journal.recordFill(fillRecord({ commission: '-' }))).toThrow(JournalDataError)
    expect(journal.listFills('bot-1')).toEqual([])
  })
})

describe('levels', () => {
  it('saves, replaces, lists by index and clears a bot\'s levels', () => {
    journal.saveBot(botRecord({ botId: 'bot-2' }))
    journal.saveLevel(levelRecord({ level: 10 }))
    journal.saveLevel(levelRecord({ level: 2 }))
    journal.saveLevel(levelRecord({ level: 3 }))
    journal.saveLevel(levelRecord({ level: 3, stateJson: '{"state":"sell-open"}', updatedAtMs: 7 }))
    journal.saveLevel(levelRecord({ botId: 'bot-2', level: 1 }))
    expect(journal.listLevels('bot-1')).toEqual([
      levelRecord({ level: 2 }),
      levelRecord({ level: 3, stateJson: '{"state":"sell-open"}', updatedAtMs: 7 }),
      levelRecord({ level: 10 })
    ])
    journal.clearLevels('bot-1')
    expect(journal.listLevels('bot-1')).toEqual([])
    expect(journal.listLevels('bot-2')).toHaveLength(1)
  })

  it('refuses a level of an unknown bot', () => {
    expect(() => journal.saveLevel(levelRecord({ botId: 'ghost' }))).toThrow("saveLevel: journal has no bot 'ghost'")
  })
})

describe('incidents', () => {
  it('opens, lists and resolves incidents, filtering by bot and openness', () => {
    journal.saveBot(botRecord({ botId: 'bot-2' }))
    journal.openIncident(incidentRecord({ incidentId: 'i2', openedAtMs: 20 }))
    journal.openIncident(incidentRecord({ incidentId: 'i1', openedAtMs: 10, severity: 'warning' }))
    journal.openIncident(incidentRecord({ incidentId: 'account', botId: null, openedAtMs: 15 }))
    journal.openIncident(incidentRecord({ incidentId: 'other', botId: 'bot-2', openedAtMs: 5 }))
    const ids = (filter?: { openOnly?: boolean; botId?: string }) => journal.listIncidents(filter).map((incident) => incident.incidentId)
    expect(ids()).toEqual(['other', 'i1', 'account', 'i2'])
    expect(ids({ botId: 'bot-1' })).toEqual(['i1', 'i2'])

    journal.resolveIncident('i1', 30)
    expect(ids({ openOnly: true })).toEqual(['other', 'account', 'i2'])
    expect(ids({ openOnly: true, botId: 'bot-1' })).toEqual(['i2'])
    expect(ids({ openOnly: false, botId: 'bot-1' })).toEqual(['i1', 'i2'])
    expect(journal.listIncidents({ botId: 'bot-1' })[0]).toEqual(incidentRecord({ incidentId: 'i1', openedAtMs: 10, severity: 'warning', resolvedAtMs: 30 }))
  })

  it('keeps the first resolution time when resolved again', () => {
    journal.openIncident(incidentRecord())
    journal.resolveIncident('incident-1', 30)
    journal.resolveIncident('incident-1', 99)
    expect(journal.listIncidents()[0]?.resolvedAtMs).toBe(30)
  })

  it('throws for a duplicate incident id, an unknown incident or an unknown bot', () => {
    journal.openIncident(incidentRecord())
    expect(() => journal.openIncident(incidentRecord({ message: 'again' }))).toThrow(JournalDuplicateError)
    expect(() => journal.resolveIncident('nope', 1)).toThrow(JournalRecordMissingError)
    expect(() => journal.openIncident(incidentRecord({ incidentId: 'x', botId: 'ghost' }))).toThrow(JournalRecordMissingError)
    expect(journal.listIncidents()).toEqual([incidentRecord()])
  })
})

describe('timers', () => {
  it('sets, replaces, reads and clears timers per bot and name', () => {
    journal.setTimer(timerRecord())
    journal.setTimer(timerRecord({ name: 'deadlock-cooldown-until', atMs: 5 }))
    journal.setTimer(timerRecord({ atMs: 42 }))
    expect(journal.getTimer('bot-1', 'out-of-range-since')).toEqual(timerRecord({ atMs: 42 }))
    expect(journal.getTimer('bot-1', 'deadlock-cooldown-until')?.atMs).toBe(5)
    journal.clearTimer('bot-1', 'out-of-range-since')
    expect(journal.getTimer('bot-1', 'out-of-range-since')).toBeUndefined()
    expect(() => journal.clearTimer('bot-1', 'never-set')).not.toThrow()
    expect(journal.getTimer('bot-1', 'deadlock-cooldown-until')).toBeDefined()
  })

  it('refuses a timer of an unknown bot', () => {
    expect(() => journal.setTimer(timerRecord({ botId: 'ghost' }))).toThrow(JournalRecordMissingError)
  })
})

describe('counters', () => {
  it('counts 1, 2, 3 … separately per bot and name', () => {
    journal.saveBot(botRecord({ botId: 'bot-2' }))
    expect([journal.nextCounter('bot-1', 'L3'), journal.nextCounter('bot-1', 'L3'), journal.nextCounter('bot-1', 'L3')]).toEqual([1, 2, 3])
    expect(journal.nextCounter('bot-1', 'L4')).toBe(1)
    expect(journal.nextCounter('bot-2', 'L3')).toBe(1)
    expect(journal.nextCounter('bot-1', 'L3')).toBe(4)
  })

  it('gives back a value that a rolled-back transaction took', () => {
    expect(journal.nextCounter('bot-1', 'cycle')).toBe(1)
    expect(() =>
      journal.transaction(() => {
        journal.nextCounter('bot-1', 'cycle')
        throw new Error('send failed')
      })
    ).toThrow('send failed')
    expect(journal.nextCounter('bot-1', 'cycle')).toBe(2)
  })

  it('refuses a counter of an unknown bot', () => {
    expect(() => journal.nextCounter('ghost', 'L1')).toThrow(JournalRecordMissingError)
  })
})

describe('transaction', () => {
  it('commits every write of the work together and returns its result', () => {
    const result = journal.transaction(() => {
      journal.recordFill(fillRecord())
      journal.createIntent(intentRecord({ intentId: 'counter', purpose: 'counter', side: 'SELL', sourceFillKey: 'BTCUSDT:1001' }))
      journal.setFillCounterIntent('BTCUSDT', '1001', 'counter')
      return 'done'
    })
    expect(result).toBe('done')
    expect(journal.getFill('BTCUSDT', '1001')?.counterIntentId).toBe('counter')
    expect(journal.getIntent('counter')).toBeDefined()
  })

  it('rolls back every write when the work throws, leaving no trace, and rethrows the same error', () => {
    const failure = new Error('exchange said no')
    let caught: unknown
    try {
      journal.transaction(() => {
        journal.saveBot(botRecord({ botId: 'bot-9' }))
        journal.createIntent(intentRecord())
        journal.updateIntent('bot-1_L3_B_1', { status: 'sending' })
        journal.appendOrderEvent(orderEventRecord())
        journal.recordFill(fillRecord())
        journal.saveLevel(levelRecord())
        journal.openIncident(incidentRecord())
        journal.setTimer(timerRecord())
        journal.nextCounter('bot-1', 'L3')
        throw failure
      })
    } catch (error) {
      caught = error
    }
    expect(caught).toBe(failure)
    expect(journal.getBot('bot-9')).toBeUndefined()
    expect(journal.getIntent('bot-1_L3_B_1')).toBeUndefined()
    expect(journal.listOrderEvents('bot-1_L3_B_1')).toEqual([])
    expect(journal.listFills('bot-1')).toEqual([])
    expect(journal.listLevels('bot-1')).toEqual([])
    expect(journal.listIncidents()).toEqual([])
    expect(journal.getTimer('bot-1', 'out-of-range-since')).toBeUndefined()
    expect(journal.nextCounter('bot-1', 'L3')).toBe(1)
    // The journal is usable afterwards, outside any transaction
    journal.createIntent(intentRecord())
    expect(journal.getIntent('bot-1_L3_B_1')).toBeDefined()
  })

  it('rolls back when a journal call inside fails, e.g. a duplicate intent', () => {
    journal.createIntent(intentRecord())
    expect(() =>
      journal.transaction(() => {
        journal.recordFill(fillRecord())
        journal.createIntent(intentRecord())
      })
    ).toThrow(JournalDuplicateError)
    expect(journal.listFills('bot-1')).toEqual([])
  })

  it('nests: an inner success folds into the outer transaction', () => {
    journal.transaction(() => {
      journal.createIntent(intentRecord({ intentId: 'outer' }))
      journal.transaction(() => journal.createIntent(intentRecord({ intentId: 'inner' })))
    })
    expect(journal.listIntents('bot-1').map((intent) => intent.intentId)).toEqual(['outer', 'inner'])
  })

  it('nests: an inner failure the outer work catches rolls back only the inner writes', () => {
    journal.transaction(() => {
      journal.createIntent(intentRecord({ intentId: 'outer' }))
      expect(() =>
        journal.transaction(() => {
          journal.createIntent(intentRecord({ intentId: 'inner' }))
          throw new Error('inner failed')
        })
      ).toThrow('inner failed')
      journal.createIntent(intentRecord({ intentId: 'after' }))
    })
    expect(journal.listIntents('bot-1').map((intent) => intent.intentId)).toEqual(['outer', 'after'])
  })

  it('nests: an outer failure rolls back writes of inner transactions that succeeded', () => {
    expect(() =>
      journal.transaction(() => {
        journal.transaction(() => journal.createIntent(intentRecord({ intentId: 'inner' })))
        journal.transaction(() => journal.transaction(() => journal.createIntent(intentRecord({ intentId: 'deeper' }))))
        throw new Error('outer failed')
      })
    ).toThrow('outer failed')
    expect(journal.listIntents('bot-1')).toEqual([])
  })

  it('refuses asynchronous work and rolls back what it wrote before its first await', async () => {
    const work = async () => {
      journal.createIntent(intentRecord())
      await Promise.resolve()
      throw new Error('late failure, must not go unhandled')
    }
    expect(() => journal.transaction(work)).toThrow(JournalMisuseError)
    expect(journal.getIntent('bot-1_L3_B_1')).toBeUndefined()
    await Promise.resolve()
  })
})

describe('connection', () => {
  it('runs in-memory journals with synchronous FULL, foreign keys and a busy timeout', () => {
    expect(journal.connectionSettings()).toMatchObject({ journalMode: 'memory', synchronous: 'FULL', foreignKeys: true, busyTimeoutMs: 5000 })
  })

  it('closes once; a second close does nothing and later calls fail', () => {
    journal.close()
    expect(() => journal.close()).not.toThrow()
    expect(() => journal.getBot('bot-1')).toThrow()
  })
})

describe('fill hedge notes', () => {
  it('takes a fill covered by a note out of the unhedged list, and refuses an unknown fill', () => {
    const journal = openJournal(':memory:')
    journal.saveBot(botRecord())
    journal.recordFill(fillRecord({ tradeId: '1' }))
    journal.recordFill(fillRecord({ tradeId: '2' }))
    journal.setFillHedgeNote('BTCUSDT', '1', 'dust:4')
    expect(journal.listUnhedgedFills('bot-1').map((fill) => fill.tradeId)).toEqual(['2'])
    expect(journal.getFill('BTCUSDT', '1')?.hedgeNote).toBe('dust:4')
    expect(() => journal.setFillHedgeNote('BTCUSDT', '99', 'dust:1')).toThrow(JournalRecordMissingError)
  })
})

describe('bot events', () => {
  it('lists a bot\'s events oldest first, by level, and the newest few', () => {
    const journal = openJournal(':memory:')
    journal.saveBot(botRecord())
    const event = (type: string, level: number | null, atMs: number) => ({ botId: 'bot-1', type, level, message: type, detailsJson: '{}', atMs })
    journal.appendBotEvent(event('Paused', null, 1))
    journal.appendBotEvent(event('LevelHeld', 3, 2))
    journal.appendBotEvent(event('LevelReleased', 3, 3))
    journal.appendBotEvent(event('Resumed', null, 4))
    expect(journal.listBotEvents('bot-1').map((entry) => entry.type)).toEqual(['Paused', 'LevelHeld', 'LevelReleased', 'Resumed'])
    expect(journal.listBotEvents('bot-1', { level: 3 }).map((entry) => entry.type)).toEqual(['LevelHeld', 'LevelReleased'])
    expect(journal.listBotEvents('bot-1', { limit: 2 }).map((entry) => entry.type)).toEqual(['LevelReleased', 'Resumed'])
    expect(() => journal.appendBotEvent({ ...event('x', null, 5), botId: 'nobody' })).toThrow(JournalRecordMissingError)
  })
})

describe('bot state', () => {
  it('keeps one JSON value per bot and name, replaced by the next save, across a reopen', () => {
    const journal = openJournal(':memory:')
    journal.saveBot(botRecord())
    expect(journal.getBotState('bot-1', 'market')).toBeUndefined()
    journal.saveBotState('bot-1', 'market', '{"state":"ranging"}', 1)
    journal.saveBotState('bot-1', 'market', '{"state":"trending-down"}', 2)
    expect(journal.getBotState('bot-1', 'market')).toBe('{"state":"trending-down"}')
    expect(() => journal.saveBotState('nobody', 'market', '{}', 3)).toThrow(JournalRecordMissingError)
    expect(() => journal.saveBotState('bot-1', 'market', 'not json', 3)).toThrow()
  })
})
