import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import { sql } from 'kysely';

/** The two databases the kiosk can keep its state in: one file per kiosk, or one server for many. */
export type StoreDialect = 'sqlite' | 'postgres';

/**
 * The few places where the two dialects need different DDL, kept in one file so every migration is
 * written once: an auto-numbered key, SQLite's STRICT tables, SQLite's NOCASE collation.
 */
export function schemaHelpers(dialect: StoreDialect) {
  return {
    /** SQLite's INTEGER PRIMARY KEY is the rowid and numbers itself; PostgreSQL needs an identity. */
    id: (column: ColumnDefinitionBuilder) =>
      dialect === 'postgres' ? column.primaryKey().generatedByDefaultAsIdentity() : column.primaryKey(),
    /** STRICT makes SQLite refuse a value of the wrong type, as PostgreSQL always does. */
    finish: <T extends string, C extends string>(table: CreateTableBuilder<T, C>) =>
      dialect === 'sqlite' ? table.modifyEnd(sql`strict`) : table,
    /** Only for the first schema, which SQLite files already hold: new lookups use accounts.username_key. */
    noCase: (column: ColumnDefinitionBuilder) => (dialect === 'sqlite' ? column.modifyEnd(sql`collate nocase`) : column),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations describe tables that the typed schema does not have yet
export type AnyDb = Kysely<any>;
