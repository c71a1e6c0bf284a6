import { sql } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import type { Store } from '../../electron/core/store/store.js';

/**
 * Every row of every table, in a stable order, as one string: two dumps are equal exactly when
 * nothing in the database changed. Works on either dialect through Kysely's introspection.
 */
export async function dumpStore(store: Store): Promise<string> {
  const tables = (await store.db.introspection.getTables()).map((table) => table.name).sort();
  const dump: { table: string; rows: unknown[] }[] = [];
  for (const table of tables) dump.push({ table, rows: await rowsOf(store, table) });
  return JSON.stringify(dump);
}

/** Rows of one table in a stable order (by every column), for assertions that read like the table. */
export async function rowsOf<T = Record<string, unknown>>(store: Store, table: string): Promise<T[]> {
  const result = await sql<T>`select * from ${sql.table(table)} order by 1`.execute(store.db);
  return result.rows;
}

/** Reads a SQLite file through its own read-only connection (e.g. after the kiosk has closed it). */
export function readDatabaseFile<T>(file: string, read: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
