import type { DatabaseSync, StatementSync } from 'node:sqlite'

const SQL = {
  upsertBot: `
    INSERT INTO bots (bot_id, symbol, config_json, status, created_at_ms, updated_at_ms)
    VALUES (:botId, :symbol, :configJson, :status, :createdAtMs, :updatedAtMs)
    ON CONFLICT (bot_id) DO UPDATE SET
      symbol = excluded.symbol, config_json = excluded.config_json, status = excluded.status,
      created_at_ms = excluded.created_at_ms, updated_at_ms = excluded.updated_at_ms`,
  getBot: 'SELECT * FROM bots WHERE bot_id = ?',
  listBots: 'SELECT * FROM bots ORDER BY created_at_ms, rowid',

  insertIntent: `
    INSERT INTO intents (intent_id, bot_id, symbol, purpose, level, side, type, price, quantity, quote_order_qty,
      status, attempts, last_error, venue_order_id, source_fill_key, stop_price, list_id, created_at_ms, updated_at_ms)
    VALUES (:intentId, :botId, :symbol, :purpose, :level, :side, :type, :price, :quantity, :quoteOrderQty,
      :status, :attempts, :lastError, :venueOrderId, :sourceFillKey, :stopPrice, :listId, :createdAtMs, :updatedAtMs)`,
  updateIntent: `
    UPDATE intents SET
      status = CASE WHEN :setStatus THEN :status ELSE status END,
      attempts = CASE WHEN :setAttempts THEN :attempts ELSE attempts END,
      last_error = CASE WHEN :setLastError THEN :lastError ELSE last_error END,
      venue_order_id = CASE WHEN :setVenueOrderId THEN :venueOrderId ELSE venue_order_id END,
      price = CASE WHEN :setPrice THEN :price ELSE price END,
      quantity = CASE WHEN :setQuantity THEN :quantity ELSE quantity END,
      updated_at_ms = CASE WHEN :setUpdatedAtMs THEN :updatedAtMs ELSE updated_at_ms END
    WHERE intent_id = :intentId
    RETURNING *`,
  getIntent: 'SELECT * FROM intents WHERE intent_id = ?',
  listIntents: 'SELECT * FROM intents WHERE bot_id = ? ORDER BY created_at_ms, rowid',
  // The statuses arrive as one JSON array, so a single cached statement serves any number of them
  listIntentsInStatuses: `
    SELECT * FROM intents
    WHERE bot_id = ? AND status IN (SELECT value FROM json_each(?))
    ORDER BY created_at_ms, rowid`,

  insertOrderEvent: `
    INSERT INTO order_events (client_order_id, dedupe_key, event_type, status, executed_qty, cumulative_quote_qty, payload_json, at_ms)
    VALUES (:clientOrderId, :dedupeKey, :eventType, :status, :executedQty, :cumulativeQuoteQty, :payloadJson, :atMs)
    ON CONFLICT (client_order_id, dedupe_key) DO NOTHING`,
  listOrderEvents: 'SELECT * FROM order_events WHERE client_order_id = ? ORDER BY event_seq',

  insertFill: `
    INSERT INTO fills (symbol, trade_id, order_id, client_order_id, bot_id, side, price, quantity, quote_quantity,
      commission, commission_asset, is_maker, time_ms, counter_intent_id, hedge_note, commission_quote)
    VALUES (:symbol, :tradeId, :orderId, :clientOrderId, :botId, :side, :price, :quantity, :quoteQuantity,
      :commission, :commissionAsset, :isMaker, :timeMs, :counterIntentId, :hedgeNote, :commissionQuote)
    ON CONFLICT (symbol, trade_id) DO NOTHING`,
  getFill: 'SELECT * FROM fills WHERE symbol = ? AND trade_id = ?',
  listFills: 'SELECT * FROM fills WHERE bot_id = ? ORDER BY time_ms, rowid',
  listFillsFrom: 'SELECT * FROM fills WHERE bot_id = ? AND time_ms >= ? ORDER BY time_ms, rowid',
  listLatestFills: 'SELECT * FROM (SELECT rowid AS row_order, * FROM fills WHERE bot_id = ? ORDER BY time_ms DESC, rowid DESC LIMIT ?) ORDER BY time_ms, row_order',
  countFills: 'SELECT COUNT(*) AS count FROM fills WHERE bot_id = ?',
  firstFill: 'SELECT * FROM fills WHERE bot_id = ? ORDER BY time_ms, rowid LIMIT 1',
  listUnhedgedFills: 'SELECT * FROM fills WHERE bot_id = ? AND counter_intent_id IS NULL AND hedge_note IS NULL ORDER BY time_ms, rowid',
  setFillCounterIntent: 'UPDATE fills SET counter_intent_id = ? WHERE symbol = ? AND trade_id = ?',
  setFillHedgeNote: 'UPDATE fills SET hedge_note = ? WHERE symbol = ? AND trade_id = ?',

  upsertLevel: `
    INSERT INTO levels (bot_id, level, state_json, updated_at_ms) VALUES (:botId, :level, :stateJson, :updatedAtMs)
    ON CONFLICT (bot_id, level) DO UPDATE SET state_json = excluded.state_json, updated_at_ms = excluded.updated_at_ms`,
  listLevels: 'SELECT * FROM levels WHERE bot_id = ? ORDER BY level',
  clearLevels: 'DELETE FROM levels WHERE bot_id = ?',

  insertIncident: `
    INSERT INTO incidents (incident_id, bot_id, kind, severity, message, details_json, opened_at_ms, resolved_at_ms)
    VALUES (:incidentId, :botId, :kind, :severity, :message, :detailsJson, :openedAtMs, :resolvedAtMs)`,
  upsertBotState: `
    INSERT INTO bot_state (bot_id, name, value_json, updated_at_ms) VALUES (?, ?, ?, ?)
    ON CONFLICT (bot_id, name) DO UPDATE SET value_json = excluded.value_json, updated_at_ms = excluded.updated_at_ms`,
  getBotState: 'SELECT value_json FROM bot_state WHERE bot_id = ? AND name = ?',
  insertBotEvent: `
    INSERT INTO bot_events (bot_id, type, level, message, details_json, at_ms)
    VALUES (:botId, :type, :level, :message, :detailsJson, :atMs)`,
  listBotEvents: `
    SELECT * FROM (
      SELECT * FROM bot_events WHERE bot_id = :botId AND (:level IS NULL OR level = :level) ORDER BY event_seq DESC LIMIT :limit
    ) ORDER BY event_seq`,
  resolveIncident: 'UPDATE incidents SET resolved_at_ms = ? WHERE incident_id = ? AND resolved_at_ms IS NULL',
  getIncident: 'SELECT * FROM incidents WHERE incident_id = ?',
  listIncidents: `
    SELECT * FROM incidents
    WHERE (:openOnly = 0 OR resolved_at_ms IS NULL) AND (:botId IS NULL OR bot_id = :botId)
    ORDER BY opened_at_ms, rowid`,

  upsertTimer: `
    INSERT INTO timers (bot_id, name, at_ms) VALUES (:botId, :name, :atMs)
    ON CONFLICT (bot_id, name) DO UPDATE SET at_ms = excluded.at_ms`,
  getTimer: 'SELECT * FROM timers WHERE bot_id = ? AND name = ?',
  clearTimer: 'DELETE FROM timers WHERE bot_id = ? AND name = ?',

  // One statement reads and bumps the counter, so no other write can slip in between
  nextCounter: `
    INSERT INTO counters (bot_id, name, value) VALUES (?, ?, 1)
    ON CONFLICT (bot_id, name) DO UPDATE SET value = value + 1
    RETURNING value`
} as const

/** The journal's prepared statements, by name. */
export type JournalStatements = { readonly [Name in keyof typeof SQL]: StatementSync }

/** Prepares every statement the journal uses, once per connection, so no call parses SQL again. */
export function prepareJournalStatements(db: DatabaseSync): JournalStatements {
  const entries = Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)] as const)
  return Object.fromEntries(entries) as JournalStatements
}
