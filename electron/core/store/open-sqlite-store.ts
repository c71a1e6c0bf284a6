import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './database-schema.js';
import { applyMigrations, type MigrationReport } from './migrate.js';
import { migrations as defaultMigrations, type Migration } from './migrations/index.js';
import { createStore, type Store, type StoreRetryPolicy } from './store.js';
import { StoreOpenError } from './store-open-error.js';

export interface OpenSqliteOptions {
  /**
   * Path to a better_sqlite3.node built for the running runtime. Electron and Node have different
   * ABIs, so the shell points this at its own build while tests use the default Node build.
   */
  nativeBinding?: string;
  /** Only tests pass another list, to show that re-opening applies just the new steps. */
  migrations?: readonly Migration[];
  /** Timestamp for schema_migrations rows; the store has no clock of its own. */
  now?: () => string;
  retry?: StoreRetryPolicy;
}

export interface OpenedSqliteStore {
  store: Store;
  migrations: MigrationReport;
}

/**
 * How long SQLite itself waits for another connection's lock. Short on purpose: this wait blocks the
 * event loop; the store retries without blocking (store.ts).
 */
export const sqliteBusyTimeoutMs = 20;

export async function openSqliteStoreWithReport(path: string, options: OpenSqliteOptions = {}): Promise<OpenedSqliteStore> {
  let raw: BetterSqlite3.Database;
  try {
    // A fresh install names a file in a folder that may not exist yet (e.g. data/kiosk.db beside the config).
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    raw = new BetterSqlite3(path, options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding });
  } catch (error) {
    throw StoreOpenError.from(error, `the database file ${path} cannot be opened`);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    try {
      raw.pragma('journal_mode = WAL');
      raw.pragma('foreign_keys = ON');
      raw.pragma(`busy_timeout = ${sqliteBusyTimeoutMs}`);
      // WAL + NORMAL is durable across application crashes; only an OS crash can lose the last commit.
      raw.pragma('synchronous = NORMAL');
      const check = raw.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check).slice(0, 120)}`), { code: 'SQLITE_CORRUPT' });
    } catch (error) {
      throw StoreOpenError.from(error, `the database file ${path} is not a usable SQLite database`);
    }
    const store = createStore({ db, dialect: 'sqlite', ...(options.retry === undefined ? {} : { retry: options.retry }) });
    let report: MigrationReport;
    try {
      report = await applyMigrations(db, 'sqlite', options.migrations ?? defaultMigrations, options.now ?? (() => new Date().toISOString()));
    } catch (error) {
      throw StoreOpenError.from(error, `the database file ${path} could not be brought up to date`);
    }
    return { store, migrations: report };
  } catch (error) {
    await db.destroy();
    // Kysely closes the file only if a query ever opened its connection: one refused by the checks
    // above would otherwise stay open (and locked against unmounting) for the life of the process.
    if (raw.open) raw.close();
    throw error;
  }
}

export async function openSqliteStore(path: string, options: OpenSqliteOptions = {}): Promise<Store> {
  return (await openSqliteStoreWithReport(path, options)).store;
}
