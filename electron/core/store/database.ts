import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { applyMigrations, type MigrationReport } from './migrate.js';
import { migrations as defaultMigrations, type Migration } from './migrations.js';

export type Db = BetterSqlite3.Database;

export interface OpenDatabaseOptions {
  /**
   * Path to a better_sqlite3.node built for the running runtime. Electron and Node have different
   * ABIs, so the shell points this at its own build while tests use the default Node build.
   */
  nativeBinding?: string;
  /** Only tests pass another list, to show that re-opening applies just the new steps. */
  migrations?: readonly Migration[];
  /** Timestamp for schema_migrations rows; the store has no clock of its own. */
  now?: () => string;
}

export interface OpenedDatabase {
  db: Db;
  migrations: MigrationReport;
}

/** Waits this long for another connection's write lock before failing with SQLITE_BUSY. */
const busyTimeoutMs = 5000;

export function openDatabaseWithReport(path: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  // A fresh install names a file in a folder that may not exist yet (e.g. data/kiosk.db beside the config).
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path, options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // WAL + NORMAL is durable across application crashes; only an OS crash can lose the last commit.
    db.pragma('synchronous = NORMAL');
    const report = applyMigrations(db, options.migrations ?? defaultMigrations, options.now ?? (() => new Date().toISOString()));
    return { db, migrations: report };
  } catch (error) {
    db.close();
    throw error;
  }
}

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  return openDatabaseWithReport(path, options).db;
}

/** Runs `work` in one transaction (a savepoint when already inside one) and returns its result. */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work)();
}
