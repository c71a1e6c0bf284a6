import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from './dialect.js';

/**
 * One transaction on one connection, begun so that it cannot fail half-way for lack of a lock:
 * SQLite takes the write lock at BEGIN IMMEDIATE (a deferred transaction that reads and then writes
 * would fail at the write without waiting), PostgreSQL runs SERIALIZABLE so that the
 * count-then-insert of a throttle and the check-then-consume of a code hold across kiosks; its
 * serialization failures are retried by the caller.
 */
export async function inTransaction<DB, T>(db: Kysely<DB>, dialect: StoreDialect, work: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql.raw(dialect === 'sqlite' ? 'begin immediate' : 'begin isolation level serializable').execute(connection);
    let result: T;
    try {
      result = await work(connection);
    } catch (error) {
      await sql.raw('rollback').execute(connection).catch(() => undefined);
      throw error;
    }
    try {
      await sql.raw('commit').execute(connection);
    } catch (error) {
      // A failed COMMIT (disk full, serialization failure) leaves SQLite inside the transaction.
      await sql.raw('rollback').execute(connection).catch(() => undefined);
      throw error;
    }
    return result;
  });
}
