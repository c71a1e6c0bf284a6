import { writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { accountRows } from '../../../electron/core/store/accounts.js';
import { migrations, type Migration } from '../../../electron/core/store/migrations/index.js';
import { openSqliteStore, openSqliteStoreWithReport, sqliteBusyTimeoutMs } from '../../../electron/core/store/open-sqlite-store.js';
import { StoreOpenError } from '../../../electron/core/store/store-open-error.js';
import type { Store } from '../../../electron/core/store/store.js';
import { readDatabaseFile, rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock } from '../../support/test-clock.js';
import { allTables } from '../../support/schema-tables.js';

const dirs = createTempDirs();
const opened: Store[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  dirs.removeAll();
});

const now = () => '2026-03-02T09:00:00.000Z';
const fileIn = (dir = dirs.make()) => path.join(dir, 'kiosk.db');

async function open(file: string, options: Parameters<typeof openSqliteStoreWithReport>[1] = {}) {
  const result = await openSqliteStoreWithReport(file, { now, ...options });
  opened.push(result.store);
  return result;
}

async function openAndClose(file: string, options: Parameters<typeof openSqliteStoreWithReport>[1] = {}): Promise<void> {
  const store = await openSqliteStore(file, { now, ...options });
  await store.close();
}

const tableNames = (db: BetterSqlite3.Database) =>
  db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => row.name);

/** A pragma as the store's own connection sees it (foreign_keys and busy_timeout are per connection). */
async function pragma(store: Store, name: string): Promise<unknown> {
  const { rows } = await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(store.db);
  return Object.values(rows[0] ?? {})[0];
}

const versionsIn = (file: string) =>
  readDatabaseFile(file, (db) => db.prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version').all().map((row) => row.version));


/** A step after the last real one, for the tests that show how a later release's migration is applied. */
const kioskNotes: Migration = {
  version: 8,
  name: 'kiosk notes',
  up: async (db) => {
    await db.schema.createTable('kiosk_notes').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('note', 'text', (c) => c.notNull()).execute();
  },
};

describe('database migrations', () => {
  it('create every table on a fresh file, with WAL, foreign keys and a short busy timeout', async () => {
    const file = fileIn();
    const { store, migrations: report } = await open(file);
    expect(report).toEqual({ applied: [1, 2, 3, 4, 5, 6, 7], version: 7 });
    expect(readDatabaseFile(file, tableNames)).toEqual(allTables);
    expect(await pragma(store, 'journal_mode')).toBe('wal');
    expect(await pragma(store, 'foreign_keys')).toBe(1);
    // Short on purpose: SQLite's own wait blocks the event loop; the store retries without blocking.
    expect(sqliteBusyTimeoutMs).toBe(20);
    expect(await pragma(store, 'busy_timeout')).toBe(20);
    expect(await rowsOf(store, 'schema_migrations')).toEqual([
      { version: 1, name: 'initial schema', applied_at: now() },
      { version: 2, name: 'durable and shared state', applied_at: now() },
      { version: 3, name: 'password history derivations', applied_at: now() },
      { version: 4, name: 'authenticator apps', applied_at: now() },
      { version: 5, name: 'technicians and help tickets', applied_at: now() },
      { version: 6, name: 'directory sources', applied_at: now() },
      { version: 7, name: 'notice language', applied_at: now() },
    ]);
  });

  it('create the folder the file is named in', async () => {
    const file = path.join(dirs.make(), 'not', 'yet', 'kiosk.db');
    expect((await open(file)).migrations.version).toBe(7);
  });

  it('apply nothing when an up-to-date file is opened again, and keep its data', async () => {
    const file = fileIn();
    const first = await openSqliteStore(file, { now });
    await first.db.insertInto('audit_log').values({ at: 't', kiosk_id: 'k', event: 'e', outcome: 'ok', detail: '{}', seq: 1, prev_hash: '', hash: 'h' }).execute();
    await first.close();

    const { store, migrations: report } = await open(file, { now: () => 'later' });
    expect(report).toEqual({ applied: [], version: 7 });
    expect(await rowsOf(store, 'audit_log')).toHaveLength(1);
    expect(await rowsOf(store, 'schema_migrations')).toHaveLength(7);
  });

  it('apply only the new migrations to an older file', async () => {
    const file = fileIn();
    // A file from a release that knew only the first step.
    await openAndClose(file, { migrations: migrations.slice(0, 1) });
    expect(versionsIn(file)).toEqual([1]);

    const { store, migrations: report } = await open(file, { now: () => 'later', migrations: [...migrations, kioskNotes] });
    expect(report).toEqual({ applied: [2, 3, 4, 5, 6, 7, 8], version: 8 });
    expect(readDatabaseFile(file, tableNames)).toEqual([...allTables, 'kiosk_notes'].sort());
    expect(await rowsOf(store, 'schema_migrations')).toEqual([
      { version: 1, name: 'initial schema', applied_at: now() },
      { version: 2, name: 'durable and shared state', applied_at: 'later' },
      { version: 3, name: 'password history derivations', applied_at: 'later' },
      { version: 4, name: 'authenticator apps', applied_at: 'later' },
      { version: 5, name: 'technicians and help tickets', applied_at: 'later' },
      { version: 6, name: 'directory sources', applied_at: 'later' },
      { version: 7, name: 'notice language', applied_at: 'later' },
      { version: 8, name: 'kiosk notes', applied_at: 'later' },
    ]);
  });

  it('roll back a failing migration completely and leave the file at the last good version', async () => {
    const file = fileIn();
    await openAndClose(file);
    const broken: Migration = {
      version: 8,
      name: 'broken',
      up: async (db) => {
        await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
        await sql`select * from no_such_table`.execute(db);
      },
    };

    const failure = openSqliteStore(file, { now, migrations: [...migrations, broken] });
    await expect(failure).rejects.toThrow(StoreOpenError);
    await expect(failure).rejects.toThrow(/could not be brought up to date.*no such table: no_such_table/);
    expect(readDatabaseFile(file, tableNames)).not.toContain('half_done');
    expect(versionsIn(file)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await open(file)).migrations).toEqual({ applied: [], version: 7 });
  });

  it('refuse a file written by a newer kiosk', async () => {
    const file = fileIn();
    await openAndClose(file, { migrations: [...migrations, kioskNotes] });
    await expect(openSqliteStore(file, { now })).rejects.toThrow(/newer than this kiosk understands/);
    expect(versionsIn(file)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuse a migration list out of order', async () => {
    const list: Migration[] = [
      { version: 2, name: 'b', up: async () => undefined },
      { version: 1, name: 'a', up: async () => undefined },
    ];
    await expect(openSqliteStore(fileIn(), { now, migrations: list })).rejects.toThrow(/ascending/);
  });

  it('refuse a file that is not a database, saying so in words', async () => {
    const file = fileIn();
    writeFileSync(file, 'this is not a database, just text that happens to be long enough '.repeat(100));
    await expect(openSqliteStore(file, { now })).rejects.toThrow(/is not a usable SQLite database: it is damaged or not a database/);
  });

  it('enforce the schema: case-insensitive unique usernames (beyond ASCII), foreign keys and checks', async () => {
    const { store } = await open(fileIn());
    const insert = (username: string) =>
      store.run((tx) => accountRows.insert(tx, { username, firstName: 'A', lastName: 'B', passwordHash: 'h', passwordChangedAt: 't' }));
    await insert('amira.khan');
    await expect(insert('Amira.Khan')).rejects.toThrow(/UNIQUE/);
    // SQLite's NOCASE folds ASCII only; the username key folds every script.
    await insert('émile.zola');
    await expect(insert('ÉMILE.ZOLA')).rejects.toThrow(/UNIQUE/);
    await expect(
      store.db.insertInto('contact_methods').values({ account_id: 999, kind: 'email', value: 'x@y.example', verified_at: null }).execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
    await expect(
      store.db
        .insertInto('audit_log')
        .values({ at: 't', kiosk_id: 'k', event: 'e', outcome: 'maybe' as 'ok', detail: '{}', seq: 1, prev_hash: '', hash: 'h' })
        .execute(),
    ).rejects.toThrow(/CHECK/);
    await expect(sql`insert into outbox (kind, channel, recipient, payload, created_at, next_attempt_at) values ('k', 'pigeon', 'r', '{}', 't', 't')`.execute(store.db)).rejects.toThrow(/CHECK/);
    // STRICT tables refuse a value of the wrong type, as PostgreSQL would.
    await expect(sql`insert into throttle_events (scope, subject, at) values ('s', 'x', ${Buffer.from('blob')})`.execute(store.db)).rejects.toThrow(/cannot store BLOB/);
  });

  it('pass the nativeBinding option through to better-sqlite3', async () => {
    const file = fileIn();
    await expect(openSqliteStore(file, { nativeBinding: path.join(dirs.make(), 'missing.node') })).rejects.toThrow(/cannot be opened/);
    const binding = path.resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    await open(file, { nativeBinding: binding });
    expect(readDatabaseFile(file, tableNames)).toContain('accounts');
  });
});

/**
 * The first schema exactly as the kiosk wrote it before the store moved to Kysely (raw SQL run by
 * better-sqlite3, from electron/core/store/migrations.ts at that time), with its schema_migrations row.
 */
const rawVersionOneSql = `
CREATE TABLE schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
) STRICT;

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

INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'initial schema', '2026-01-05T08:00:00.000Z');
`;

/** A kiosk's file from before the move to Kysely, in use: people, contacts, history, codes, counts, audit. */
function writeRawVersionOneFile(file: string, extra: (db: BetterSqlite3.Database) => void = () => undefined): void {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.transaction(() => {
      db.exec(rawVersionOneSql);
      const account = db.prepare(
        "INSERT INTO accounts (username, first_name, last_name, locked, locked_at, password_hash, password_changed_at) VALUES (?, ?, ?, ?, ?, 'h', '2026-01-01T00:00:00.000Z')",
      );
      const amira = account.run('Amira.Khan', 'Amira', 'Khan', 0, null).lastInsertRowid;
      const dev = account.run('dev.patel', 'Dev', 'Patel', 1, '2026-01-04T10:00:00.000Z').lastInsertRowid;
      db.prepare("INSERT INTO contact_methods (account_id, kind, value, verified_at) VALUES (?, 'email', ?, '2026-01-02T00:00:00.000Z')").run(amira, 'amira.khan@homemail.example');
      db.prepare("INSERT INTO password_history (account_id, password_hash, set_at, retired_at) VALUES (?, 'old', '2025-06-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')").run(dev);
      db.prepare(
        "INSERT INTO challenges (id, account_id, username_key, purpose, method, code_hash, created_at, expires_at, max_tries) VALUES ('c1', ?, 'amira.khan', 'reset', 'email', 'abc', '2026-01-05T09:00:00.000Z', '2026-01-05T09:10:00.000Z', 5)",
      ).run(amira);
      db.prepare("INSERT INTO throttle_events (scope, subject, at) VALUES ('failedProofs', 'amira.khan', '2026-01-05T09:01:00.000Z')").run();
      db.prepare("INSERT INTO audit_log (at, kiosk_id, event, username, outcome, detail) VALUES ('2026-01-05T09:00:00.000Z', 'kiosk-1', 'reset.begin', 'Amira.Khan', 'ok', '{}')").run();
      extra(db);
    })();
  } finally {
    db.close();
  }
}

describe('a SQLite file written by the kiosk before the move to Kysely', () => {
  it('is upgraded to the current version, keeping its people, their contacts, history and audit', async () => {
    const file = fileIn();
    writeRawVersionOneFile(file);

    const { store, migrations: report } = await open(file, { now: () => 'upgraded' });
    expect(report).toEqual({ applied: [2, 3, 4, 5, 6, 7], version: 7 });
    expect(readDatabaseFile(file, tableNames)).toEqual(allTables);
    expect(await rowsOf(store, 'schema_migrations')).toEqual([
      { version: 1, name: 'initial schema', applied_at: '2026-01-05T08:00:00.000Z' },
      { version: 2, name: 'durable and shared state', applied_at: 'upgraded' },
      { version: 3, name: 'password history derivations', applied_at: 'upgraded' },
      { version: 4, name: 'authenticator apps', applied_at: 'upgraded' },
      { version: 5, name: 'technicians and help tickets', applied_at: 'upgraded' },
      { version: 6, name: 'directory sources', applied_at: 'upgraded' },
      { version: 7, name: 'notice language', applied_at: 'upgraded' },
    ]);

    // Every account has its case-insensitive key, so any spelling finds it.
    expect(await rowsOf(store, 'accounts')).toMatchObject([
      { username: 'Amira.Khan', username_key: 'amira.khan', locked: 0 },
      { username: 'dev.patel', username_key: 'dev.patel', locked: 1, locked_at: '2026-01-04T10:00:00.000Z' },
    ]);
    // A lock that lasts until unlocked (lockMinutes 0): the file's lock is from January.
    const directory = createStoreDirectory(store, createArgon2Hasher(), createTestClock(), { failedSignIns: { limit: 10, windowMinutes: 30, lockMinutes: 0 } });
    for (const typed of ['amira.khan', 'AMIRA.KHAN', 'Amira.Khan']) {
      expect(await directory.findAccount(typed), typed).toMatchObject({ username: 'Amira.Khan', firstName: 'Amira', status: 'active', locked: false });
    }
    expect(await directory.findAccount('DEV.PATEL')).toMatchObject({ username: 'dev.patel', locked: true });
    expect(await rowsOf(store, 'contact_methods')).toHaveLength(1);
    expect(await directory.passwordHashes((await directory.findAccount('dev.patel'))!.id, 'all')).toEqual(['h', 'old']);

    // Old audit rows stay, outside the new chain (seq 0, no seals), with no pseudonym.
    expect(await rowsOf(store, 'audit_log')).toMatchObject([{ event: 'reset.begin', username: 'Amira.Khan', name_key: null, seq: 0, prev_hash: '', hash: '' }]);
    // Open codes were keyed by the typed name: they are dropped (they live ten minutes anyway).
    expect(await rowsOf(store, 'challenges')).toEqual([]);
    expect(await rowsOf(store, 'throttle_events')).toHaveLength(1);

    // The new tables take rows at once: the new account key is enforced, and re-opening applies nothing.
    await expect(store.run((tx) => accountRows.insert(tx, { username: 'amira.KHAN', firstName: 'A', lastName: 'K', passwordHash: 'h', passwordChangedAt: 't' }))).rejects.toThrow(/UNIQUE/);
    await store.close();
    expect((await open(file)).migrations).toEqual({ applied: [], version: 7 });
  });

  it('stays at version 1, untouched, when its usernames collide under the new key, and says why', async () => {
    // NOCASE folded ASCII only, so the old schema let "émile" and "ÉMILE" be two accounts.
    const file = fileIn();
    writeRawVersionOneFile(file, (db) => {
      const insert = db.prepare("INSERT INTO accounts (username, first_name, last_name, password_hash, password_changed_at) VALUES (?, 'É', 'Z', 'h', 't')");
      insert.run('émile.zola');
      insert.run('ÉMILE.ZOLA');
    });
    const before = readDatabaseFile(file, (db) => JSON.stringify(tableNames(db).map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all())));

    await expect(openSqliteStore(file, { now })).rejects.toThrow(/could not be brought up to date.*UNIQUE constraint failed: accounts\.username_key/);
    expect(versionsIn(file)).toEqual([1]);
    const after = readDatabaseFile(file, (db) => JSON.stringify(tableNames(db).map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all())));
    expect(after).toBe(before);
  });
});
