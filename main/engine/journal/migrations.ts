/** One step of the journal schema: applied once, in a transaction, then `user_version` is `version`. */
export interface JournalMigration {
  /** The schema version this step produces; versions run 1, 2, 3 … without gaps. */
  readonly version: number
  /** What the step does, for logs and error messages. */
  readonly description: string
  /** The SQL of the step (several statements). */
  readonly sql: string
}

/**
 * Marks a SQLite file as a Gridkeeper journal (`PRAGMA application_id`, the header bytes 68-71):
 * "GKJL" in ASCII. A database with any other non-zero id belongs to another program.
 */
export const JOURNAL_APPLICATION_ID = 0x474b4a4c

/**
 * The journal schema, oldest step first. Never edit a step that has shipped: append a new one.
 *
 * Money is TEXT holding exact decimal strings (a NUMERIC or REAL column would turn "0.10" into a
 * float), booleans are INTEGER 0/1, times are INTEGER epoch milliseconds. Tables are STRICT so a
 * value of the wrong type is refused instead of converted.
 */
export const JOURNAL_MIGRATIONS: readonly JournalMigration[] = [
  {
    version: 1,
    description: 'bots, intents, order events, fills, levels, incidents, timers, counters',
    sql: `
      PRAGMA application_id = ${JOURNAL_APPLICATION_ID};

      CREATE TABLE bots (
        bot_id TEXT PRIMARY KEY,
        symbol TEXT NOT NULL,
        config_json TEXT NOT NULL CHECK (json_valid(config_json)),
        status TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE intents (
        intent_id TEXT PRIMARY KEY,
        bot_id TEXT NOT NULL REFERENCES bots (bot_id),
        symbol TEXT NOT NULL,
        purpose TEXT NOT NULL,
        level INTEGER,
        side TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
        type TEXT NOT NULL,
        price TEXT,
        quantity TEXT,
        quote_order_qty TEXT,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL CHECK (attempts >= 0),
        last_error TEXT,
        venue_order_id TEXT,
        source_fill_key TEXT,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX intents_by_bot_status ON intents (bot_id, status);

      CREATE TABLE order_events (
        event_seq INTEGER PRIMARY KEY,
        client_order_id TEXT NOT NULL,
        dedupe_key TEXT NOT NULL,
        event_type TEXT NOT NULL,
        status TEXT NOT NULL,
        executed_qty TEXT NOT NULL,
        cumulative_quote_qty TEXT NOT NULL,
        payload_json TEXT NOT NULL CHECK (json_valid(payload_json)),
        at_ms INTEGER NOT NULL,
        UNIQUE (client_order_id, dedupe_key)
      ) STRICT;

      CREATE TABLE fills (
        symbol TEXT NOT NULL,
        trade_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        client_order_id TEXT NOT NULL,
        bot_id TEXT NOT NULL REFERENCES bots (bot_id),
        side TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
        price TEXT NOT NULL,
        quantity TEXT NOT NULL,
        quote_quantity TEXT NOT NULL,
        commission TEXT NOT NULL,
        commission_asset TEXT NOT NULL,
        is_maker INTEGER NOT NULL CHECK (is_maker IN (0, 1)),
        time_ms INTEGER NOT NULL,
        counter_intent_id TEXT REFERENCES intents (intent_id),
        PRIMARY KEY (symbol, trade_id)
      ) STRICT;
      CREATE INDEX fills_by_bot ON fills (bot_id, time_ms);
      CREATE INDEX fills_unhedged_by_bot ON fills (bot_id, time_ms) WHERE counter_intent_id IS NULL;

      CREATE TABLE levels (
        bot_id TEXT NOT NULL REFERENCES bots (bot_id),
        level INTEGER NOT NULL,
        state_json TEXT NOT NULL CHECK (json_valid(state_json)),
        updated_at_ms INTEGER NOT NULL,
        PRIMARY KEY (bot_id, level)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE incidents (
        incident_id TEXT PRIMARY KEY,
        bot_id TEXT REFERENCES bots (bot_id),
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        message TEXT NOT NULL,
        details_json TEXT NOT NULL CHECK (json_valid(details_json)),
        opened_at_ms INTEGER NOT NULL,
        resolved_at_ms INTEGER
      ) STRICT;
      CREATE INDEX incidents_by_bot ON incidents (bot_id);
      CREATE INDEX incidents_open ON incidents (opened_at_ms) WHERE resolved_at_ms IS NULL;

      CREATE TABLE timers (
        bot_id TEXT NOT NULL REFERENCES bots (bot_id),
        name TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        PRIMARY KEY (bot_id, name)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE counters (
        bot_id TEXT NOT NULL REFERENCES bots (bot_id),
        name TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value >= 1),
        PRIMARY KEY (bot_id, name)
      ) STRICT, WITHOUT ROWID;
    `
  },
  {
    version: 2,
    description: 'fills hedged without an order: dust carried on a level, or fills that need no counter-order',
    sql: `
      ALTER TABLE fills ADD COLUMN hedge_note TEXT;
      DROP INDEX fills_unhedged_by_bot;
      CREATE INDEX fills_unhedged_by_bot ON fills (bot_id, time_ms) WHERE counter_intent_id IS NULL AND hedge_note IS NULL;
    `
  },
  {
    version: 3,
    description: "bot events: what happened to a bot and why, for the person's event log",
    sql: `
      CREATE TABLE bot_events (
        event_seq INTEGER PRIMARY KEY,
        bot_id TEXT NOT NULL REFERENCES bots (bot_id),
        type TEXT NOT NULL,
        level INTEGER,
        message TEXT NOT NULL,
        details_json TEXT NOT NULL CHECK (json_valid(details_json)),
        at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX bot_events_by_bot ON bot_events (bot_id, event_seq);
    `
  },
  {
    version: 4,
    description: 'bot state: named JSON values a bot keeps across restarts (e.g. its market-state memory)',
    sql: `
      CREATE TABLE bot_state (
        bot_id TEXT NOT NULL REFERENCES bots (bot_id),
        name TEXT NOT NULL,
        value_json TEXT NOT NULL CHECK (json_valid(value_json)),
        updated_at_ms INTEGER NOT NULL,
        PRIMARY KEY (bot_id, name)
      ) STRICT, WITHOUT ROWID;
    `
  },
  {
    version: 5,
    description: 'intents of order-list legs: their stop price and the list they belong to',
    sql: `
      ALTER TABLE intents ADD COLUMN stop_price TEXT;
      ALTER TABLE intents ADD COLUMN list_id TEXT;
      CREATE INDEX intents_by_list ON intents (list_id) WHERE list_id IS NOT NULL;
    `
  },
  {
    version: 6,
    description: 'fills paying their commission in a third asset (BNB): its value in the quote asset when it was paid',
    sql: `
      ALTER TABLE fills ADD COLUMN commission_quote TEXT;
    `
  }
]

/** The schema version this code writes and the newest it can read. */
export const LATEST_JOURNAL_VERSION: number = JOURNAL_MIGRATIONS.at(-1)?.version ?? 0
