import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, openDatabaseWithReport } from '../../../electron/core/store/database.js';
import { migrations, type Migration } from '../../../electron/core/store/migrations.js';
import { rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
afterEach(() => dirs.removeAll());

const now = () => '2026-03-02T09:00:00.000Z';
const tableNames = (db: BetterSqlite3.Database) =>
  db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => row.name);

describe('database migrations', () => {
  it('create every table on a fresh file, with WAL, foreign keys and a busy timeout', () => {
    const file = path.join(dirs.make(), 'kiosk.db');
    const { db, migrations: report } = openDatabaseWithReport(file, { now });
    expect(report).toEqual({ applied: [1], version: 1 });
    expect(tableNames(db)).toEqual([
      'accounts',
      'audit_log',
      'challenges',
      'contact_methods',
      'password_history',
      'schema_migrations',
      'throttle_blocks',
      'throttle_events',
    ]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(rowsOf(db, 'schema_migrations')).toEqual([{ version: 1, name: 'initial schema', applied_at: now() }]);
    db.close();
  });

  it('apply nothing when an up-to-date file is opened again, and keep its data', () => {
    const file = path.join(dirs.make(), 'kiosk.db');
    const first = openDatabase(file, { now });
    first.prepare("INSERT INTO audit_log (at, kiosk_id, event, outcome) VALUES ('t', 'k', 'e', 'ok')").run();
    first.close();

    const { db, migrations: report } = openDatabaseWithReport(file, { now: () => 'later' });
    expect(report).toEqual({ applied: [], version: 1 });
    expect(rowsOf(db, 'audit_log')).toHaveLength(1);
    expect(rowsOf(db, 'schema_migrations')).toHaveLength(1);
    db.close();
  });

  it('apply only the new migrations to an existing file', () => {
    const file = path.join(dirs.make(), 'kiosk.db');
    openDatabase(file, { now }).close();
    const next: Migration = { version: 2, name: 'kiosk notes', sql: 'CREATE TABLE kiosk_notes (id INTEGER PRIMARY KEY, note TEXT NOT NULL) STRICT;' };

    const { db, migrations: report } = openDatabaseWithReport(file, { now: () => 'later', migrations: [...migrations, next] });
    expect(report).toEqual({ applied: [2], version: 2 });
    expect(tableNames(db)).toContain('kiosk_notes');
    expect(rowsOf(db, 'schema_migrations')).toEqual([
      { version: 1, name: 'initial schema', applied_at: now() },
      { version: 2, name: 'kiosk notes', applied_at: 'later' },
    ]);
    db.close();
  });

  it('roll back a failing migration completely and leave the file at the last good version', () => {
    const file = path.join(dirs.make(), 'kiosk.db');
    openDatabase(file, { now }).close();
    const broken: Migration = { version: 2, name: 'broken', sql: 'CREATE TABLE half_done (id INTEGER); SELECT * FROM no_such_table;' };

    expect(() => openDatabase(file, { now, migrations: [...migrations, broken] })).toThrow(/no_such_table/);
    const db = openDatabase(file, { now });
    expect(tableNames(db)).not.toContain('half_done');
    expect(rowsOf<{ version: number }>(db, 'schema_migrations').map((row) => row.version)).toEqual([1]);
    db.close();
  });

  it('refuse a file written by a newer kiosk', () => {
    const file = path.join(dirs.make(), 'kiosk.db');
    const future: Migration = { version: 2, name: 'future', sql: 'CREATE TABLE future (id INTEGER) STRICT;' };
    openDatabase(file, { now, migrations: [...migrations, future] }).close();
    expect(() => openDatabase(file, { now })).toThrow(/newer than this kiosk understands/);
  });

  it('refuse a migration list out of order', () => {
    const file = path.join(dirs.make(), 'kiosk.db');
    const list: Migration[] = [
      { version: 2, name: 'b', sql: 'SELECT 1;' },
      { version: 1, name: 'a', sql: 'SELECT 1;' },
    ];
    expect(() => openDatabase(file, { now, migrations: list })).toThrow(/ascending/);
  });

  it('enforce the schema: case-insensitive unique usernames and foreign keys', () => {
    const db = openDatabase(path.join(dirs.make(), 'kiosk.db'), { now });
    const insert = db.prepare(
      "INSERT INTO accounts (username, first_name, last_name, password_hash, password_changed_at) VALUES (?, 'A', 'B', 'h', 't')",
    );
    insert.run('amira.khan');
    expect(() => insert.run('Amira.Khan')).toThrow(/UNIQUE/);
    expect(() =>
      db.prepare("INSERT INTO contact_methods (account_id, kind, value) VALUES (999, 'email', 'x@y.example')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare("INSERT INTO audit_log (at, kiosk_id, event, outcome) VALUES ('t', 'k', 'e', 'maybe')").run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('pass the nativeBinding option through to better-sqlite3', () => {
    const file = path.join(dirs.make(), 'kiosk.db');
    expect(() => openDatabase(file, { nativeBinding: path.join(dirs.make(), 'missing.node') })).toThrow();
    const binding = path.resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    const db = openDatabase(file, { nativeBinding: binding, now });
    expect(tableNames(db)).toContain('accounts');
    db.close();
  });
});
