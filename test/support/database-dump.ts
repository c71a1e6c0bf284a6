import BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../../electron/core/store/database.js';

/**
 * Every row of every table (schema included), in a stable order, as one string: two dumps are equal
 * exactly when nothing in the database changed.
 */
export function dumpDatabase(db: Db): string {
  const tables = db
    .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all();
  const dump = tables.map((table) => {
    const quoted = `"${table.name.replaceAll('"', '""')}"`;
    const rows = db.prepare(`SELECT * FROM ${quoted} ORDER BY rowid`).all();
    return { table: table.name, sql: table.sql, rows };
  });
  return JSON.stringify(dump);
}

/** Rows of one table, for assertions that read like the table itself. */
export function rowsOf<T = Record<string, unknown>>(db: Db, table: string): T[] {
  return db.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}" ORDER BY rowid`).all() as T[];
}

/** Reads a database file through its own read-only connection (e.g. after the kiosk has closed it). */
export function readDatabaseFile<T>(file: string, read: (db: Db) => T): T {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
