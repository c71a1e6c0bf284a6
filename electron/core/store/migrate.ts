import { sql, type Kysely } from 'kysely';
import type { AnyDb, StoreDialect } from './dialect.js';
import type { Migration } from './migrations/index.js';
import { inTransaction } from './transaction.js';

export interface MigrationReport {
  /** Versions applied by this call, oldest first (empty when the database was already current). */
  applied: number[];
  version: number;
}

/** Any constant will do: every kiosk that migrates the shared database takes the same lock. */
const migrationLockId = 73_019_471;

/**
 * Applies, in order, every migration newer than the database's recorded version, each in its own
 * transaction together with its schema_migrations row: a failing step leaves the database at the
 * last good version instead of half-migrated. Several kiosks starting at once against one
 * PostgreSQL take turns through an advisory lock and re-read the version inside it: in a READ
 * COMMITTED transaction, whose next statement sees what the lock's previous holder committed (a
 * SERIALIZABLE one keeps the snapshot of the statement that waited for the lock, and would apply the
 * same step again: "relation already exists"). The bookkeeping table is created under the lock too,
 * as two CREATE TABLE IF NOT EXISTS at the same moment can both try to create it.
 */
export async function applyMigrations(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the runner works below the typed schema
  db: Kysely<any>,
  dialect: StoreDialect,
  list: readonly Migration[],
  now: () => string,
): Promise<MigrationReport> {
  assertAscending(list);
  const known = list.at(-1)?.version ?? 0;
  const applied: number[] = [];
  for (;;) {
    const step = await inTransaction(db as AnyDb, dialect, async (tx) => {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${migrationLockId})`.execute(tx);
      await sql
        .raw('create table if not exists schema_migrations (version integer primary key, name text not null, applied_at text not null)')
        .execute(tx);
      const current = await currentVersion(tx);
      if (current > known) throw new Error(`Database schema version ${current} is newer than this kiosk understands (${known}).`);
      const next = list.find((migration) => migration.version > current);
      if (next === undefined) return { done: true as const, version: current };
      await next.up(tx, dialect);
      await tx.insertInto('schema_migrations').values({ version: next.version, name: next.name, applied_at: now() }).execute();
      return { done: false as const, version: next.version };
    }, { isolation: 'readCommitted' });
    if (step.done) return { applied, version: Math.max(step.version, known) };
    applied.push(step.version);
  }
}

async function currentVersion(db: AnyDb): Promise<number> {
  const row = await db.selectFrom('schema_migrations').select(sql<number>`coalesce(max(version), 0)`.as('version')).executeTakeFirstOrThrow();
  return Number(row.version);
}

function assertAscending(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    const previous = index === 0 ? 0 : list[index - 1]!.version;
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(`Migration versions must be whole numbers in ascending order (at "${migration.name}").`);
    }
  });
}
