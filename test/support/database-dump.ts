import { sql } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { Store } from '../../electron/core/store/store.js';
import type { StoreConfig } from '../../shared/config/config-schema.js';

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

/**
 * Whole tables of a kiosk's database read through a connection of their own, whichever back end it
 * is (e.g. after the kiosk has closed its store): `select * ... order by 1`, as `rowsOf` reads them.
 */
export async function readTables(
  store: StoreConfig,
  env: Record<string, string | undefined>,
  tables: readonly string[],
): Promise<Record<string, Record<string, unknown>[]>> {
  const query = (table: string) => {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`Not a table name: ${table}`);
    return `select * from ${table} order by 1`;
  };
  if (store.kind === 'sqlite') {
    return readDatabaseFile(store.path, (db) => Object.fromEntries(tables.map((table) => [table, db.prepare(query(table)).all() as Record<string, unknown>[]])));
  }
  const password = store.passwordEnv === undefined ? undefined : env[store.passwordEnv];
  const client = new pg.Client({ host: store.host, port: store.port, database: store.database, user: store.user, ...(password === undefined ? {} : { password }) });
  await client.connect();
  try {
    const result: Record<string, Record<string, unknown>[]> = {};
    for (const table of tables) result[table] = (await client.query<Record<string, unknown>>(query(table))).rows;
    return result;
  } finally {
    await client.end();
  }
}
