import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from './dialect.js';

/**
 * How a PostgreSQL transaction sees other kiosks' work. `serializable` (every step): the
 * count-then-insert of a throttle and the check-then-consume of a code hold across kiosks.
 * `readCommitted` only for work that serializes itself with a lock taken inside the transaction (the
 * migration runner): a serializable transaction's snapshot is taken at its first statement, before
 * such a lock is granted, so it would not see what the lock's previous holder committed.
 */
export type PostgresIsolation = 'serializable' | 'readCommitted';

/**
 * Whose turn a PostgreSQL step takes, through one advisory lock every kiosk's steps share: `shared`
 * (every first try) runs beside any number of others, optimistically, as SERIALIZABLE allows;
 * `alone` (a step that already lost to conflicting steps) waits until the steps under way have
 * finished and keeps new ones waiting until it has, so it cannot lose again. Without it a long step
 * (a code request) can lose every try to a stream of short ones on the same account (wrong codes
 * from other kiosks) and end as "busy". The lock is taken before BEGIN: inside a SERIALIZABLE
 * transaction it would come after the snapshot, which would not see what the steps before committed.
 * `none`: work that does not take turns (the migration runner has its own lock).
 */
export type StepTurn = 'shared' | 'alone' | 'none';

/** Any constant will do, as long as it differs from the migration runner's. */
export const stepTurnLockId = 73_019_472;

/**
 * One transaction on one connection, begun so that it cannot fail half-way for lack of a lock:
 * SQLite takes the write lock at BEGIN IMMEDIATE (a deferred transaction that reads and then writes
 * would fail at the write without waiting), PostgreSQL runs SERIALIZABLE so that the
 * count-then-insert of a throttle and the check-then-consume of a code hold across kiosks; its
 * serialization failures are retried by the caller.
 */
export async function inTransaction<DB, T>(
  db: Kysely<DB>,
  dialect: StoreDialect,
  work: (tx: Kysely<DB>) => Promise<T>,
  options: { isolation?: PostgresIsolation; turn?: StepTurn } = {},
): Promise<T> {
  return db.connection().execute(async (connection) => {
    if (dialect === 'sqlite') return transact(connection, 'begin immediate', work);
    const begin = `begin isolation level ${(options.isolation ?? 'serializable') === 'serializable' ? 'serializable' : 'read committed'}`;
    const turn = options.turn ?? 'none';
    if (turn === 'none') return transact(connection, begin, work);
    const [lock, unlock] = turn === 'alone' ? ['pg_advisory_lock', 'pg_advisory_unlock'] : ['pg_advisory_lock_shared', 'pg_advisory_unlock_shared'];
    await sql.raw(`select ${lock}(${stepTurnLockId})`).execute(connection);
    try {
      return await transact(connection, begin, work);
    } finally {
      // A session lock outlives the transaction: released here, or with the session if the connection
      // broke. Left held on a pooled connection, it would stop every later step that must run alone.
      const release = sql.raw(`select ${unlock}(${stepTurnLockId})`);
      await release.execute(connection).catch(async () => {
        // Only a session still inside a failed transaction refuses it: end that, then release.
        await sql.raw('rollback').execute(connection).catch(() => undefined);
        await release.execute(connection).catch(() => undefined);
      });
    }
  });
}

async function transact<DB, T>(connection: Kysely<DB>, begin: string, work: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
  await sql.raw(begin).execute(connection);
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
}
