/**
 * The schema, as an append-only list. A migration that has shipped is never edited: a change is a new
 * entry, so a kiosk that re-opens an older file applies exactly the steps it has not seen.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const initialSchema = `
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL COLLATE NOCASE UNIQUE,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  locked_at TEXT,
  password_hash TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
) STRICT;

CREATE TABLE password_history (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  password_hash TEXT NOT NULL,
  set_at TEXT NOT NULL,
  retired_at TEXT NOT NULL
) STRICT;
CREATE INDEX password_history_by_account ON password_history (account_id, id);

CREATE TABLE contact_methods (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
  value TEXT NOT NULL,
  verified_at TEXT,
  UNIQUE (account_id, kind, value)
) STRICT;

CREATE TABLE challenges (
  id TEXT PRIMARY KEY,
  account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
  username_key TEXT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('reset')),
  method TEXT NOT NULL CHECK (method IN ('email', 'sms')),
  code_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  failed_tries INTEGER NOT NULL DEFAULT 0 CHECK (failed_tries >= 0),
  max_tries INTEGER NOT NULL CHECK (max_tries >= 1),
  consumed_at TEXT
) STRICT;
CREATE INDEX challenges_open_by_username ON challenges (username_key, purpose) WHERE consumed_at IS NULL;

CREATE TABLE throttle_events (
  id INTEGER PRIMARY KEY,
  scope TEXT NOT NULL,
  subject TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX throttle_events_window ON throttle_events (scope, subject, at);

CREATE TABLE throttle_blocks (
  scope TEXT NOT NULL,
  subject TEXT NOT NULL,
  blocked_at TEXT NOT NULL,
  blocked_until TEXT NOT NULL,
  cause_event_id INTEGER,
  PRIMARY KEY (scope, subject)
) STRICT;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kiosk_id TEXT NOT NULL,
  event TEXT NOT NULL,
  username TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
  actor TEXT,
  detail TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_log_by_time ON audit_log (at);
`;

export const migrations: readonly Migration[] = [{ version: 1, name: 'initial schema', sql: initialSchema }];
