import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { BotRecord, FillRecord, IncidentRecord, IntentRecord, LevelRecord, OrderEventRecord, TimerRecord } from './journal-records'

const T0 = Date.UTC(2026, 0, 1)

/** Builds a bot record for tests. */
export function botRecord(overrides: Partial<BotRecord> = {}): BotRecord {
  return {
    botId: 'bot-1',
    symbol: 'BTCUSDT',
    configJson: '{"lower":"90000","upper":"110000","grids":10}',
    status: 'running',
    createdAtMs: T0,
    updatedAtMs: T0,
    ...overrides
  }
}

/** Builds a pending grid buy intent of bot-1 for tests. */
export function intentRecord(overrides: Partial<IntentRecord> = {}): IntentRecord {
  return {
    intentId: 'bot-1_L3_B_1',
    botId: 'bot-1',
    symbol: 'BTCUSDT',
    purpose: 'grid',
    level: 3,
    side: 'BUY',
    type: 'LIMIT',
    price: '96000.10',
    quantity: '0.00105000',
    quoteOrderQty: null,
    status: 'pending',
    attempts: 0,
    lastError: null,
    venueOrderId: null,
    sourceFillKey: null,
    stopPrice: null,
    listId: null,
    createdAtMs: T0,
    updatedAtMs: T0,
    ...overrides
  }
}

/** Builds an order event (a NEW report) for tests. */
export function orderEventRecord(overrides: Partial<OrderEventRecord> = {}): OrderEventRecord {
  return {
    clientOrderId: 'bot-1_L3_B_1',
    dedupeKey: 'status:NEW',
    eventType: 'OrderAccepted',
    status: 'NEW',
    executedQty: '0.00000000',
    cumulativeQuoteQty: '0.00000000',
    payloadJson: '{"orderId":12345,"status":"NEW"}',
    atMs: T0,
    ...overrides
  }
}

/** Builds an unhedged maker buy fill of bot-1 for tests. */
export function fillRecord(overrides: Partial<FillRecord> = {}): FillRecord {
  return {
    symbol: 'BTCUSDT',
    tradeId: '1001',
    orderId: '12345',
    clientOrderId: 'bot-1_L3_B_1',
    botId: 'bot-1',
    side: 'BUY',
    price: '96000.10',
    quantity: '0.00105000',
    quoteQuantity: '100.80010500',
    commission: '0.00000105',
    commissionAsset: 'BTC',
    isMaker: true,
    timeMs: T0,
    counterIntentId: null,
    hedgeNote: null,
    ...overrides
  }
}

/** Builds a level record for tests. */
export function levelRecord(overrides: Partial<LevelRecord> = {}): LevelRecord {
  return { botId: 'bot-1', level: 3, stateJson: '{"state":"buy-open"}', updatedAtMs: T0, ...overrides }
}

/** Builds an open critical incident of bot-1 for tests. */
export function incidentRecord(overrides: Partial<IncidentRecord> = {}): IncidentRecord {
  return {
    incidentId: 'incident-1',
    botId: 'bot-1',
    kind: 'counter-order-failed',
    severity: 'critical',
    message: 'counter-order for fill BTCUSDT:1001 could not be placed',
    detailsJson: '{"fill":"BTCUSDT:1001"}',
    openedAtMs: T0,
    resolvedAtMs: null,
    ...overrides
  }
}

/** Builds a timer record for tests. */
export function timerRecord(overrides: Partial<TimerRecord> = {}): TimerRecord {
  return { botId: 'bot-1', name: 'out-of-range-since', atMs: T0, ...overrides }
}

/** A temporary folder under the project's `.tmp/` for tests; `remove` deletes it and all inside. */
export interface TempFolder {
  readonly path: string
  remove(): void
}

/** Creates a fresh temporary folder under `<cwd>/.tmp/`. */
export function tempFolder(prefix = 'journal-'): TempFolder {
  const root = join(process.cwd(), '.tmp')
  mkdirSync(root, { recursive: true })
  const path = mkdtempSync(join(root, prefix))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** Returns the SHA-256 of a file's bytes, to prove a refused file was left unchanged. */
export function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}
