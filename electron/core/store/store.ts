import type { Kysely } from 'kysely';
import type { RandomSource } from '../ports.js';
import { cryptoRandom } from '../system.js';
import type { Database } from './database-schema.js';
import type { StoreDialect } from './dialect.js';
import { classifyStoreError, describeStoreError, StoreBusyError, StoreUnavailableError } from './store-errors.js';
import { inTransaction } from './transaction.js';

/** A transaction's view of the database: repositories take it as their first argument. */
export type Tx = Kysely<Database>;

export interface Store {
  readonly dialect: StoreDialect;
  /**
   * Runs one step's reads and writes as one transaction, all or nothing, retried when another writer
   * (another step, another kiosk) got in the way. Gives up with StoreBusyError, or StoreUnavailableError
   * when the database cannot take writes at all.
   * Inside `work`, await nothing but the database: on SQLite the step holds the only connection.
   * `work` may run more than once, so it must not send mail or change memory that outlives it.
   */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Reads that need no transaction (one query, or reads that may see different moments), with the
   * same retries and errors as `run` but without taking SQLite's write lock.
   */
  read<T>(work: (db: Tx) => Promise<T>): Promise<T>;
  /** The database itself (admin commands, tests). */
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

export interface StoreRetryPolicy {
  attempts: number;
  /**
   * Longest wait before retry n (1-based), in milliseconds. The store waits between half of it and
   * all of it, drawn at random: kiosks that collided once must not retry in step and collide again.
   */
  delayMs(attempt: number): number;
}

/**
 * SQLite's own busy wait blocks the event loop (better-sqlite3 is synchronous, and in Electron that
 * freezes the window), so the driver waits only briefly and the waiting happens here, between
 * attempts, without blocking: about 1 s in all before the person is told the kiosk is busy.
 * PostgreSQL's serialization failures are the same "try again" and wait the same way.
 */
export const defaultRetryPolicy: StoreRetryPolicy = {
  attempts: 8,
  delayMs: (attempt) => Math.min(320, 10 * 2 ** (attempt - 1)),
};

/**
 * Optimistic tries before a PostgreSQL step runs alone. Conflicts between kiosks are rare (different
 * people), so nearly every step runs beside the others; one that met two conflicts in a row is in a
 * crowd on one account, where waiting its turn is quicker than losing again.
 */
const losesBeforeAlone = 2;

/** Half the policy's wait, plus up to as much again at random (so at least 1 ms). */
function jitteredDelayMs(longestMs: number, random: RandomSource): number {
  const half = Math.floor(longestMs / 2);
  return half + random.int(0, longestMs - half + 1);
}

export function createStore(options: {
  db: Kysely<Database>;
  dialect: StoreDialect;
  retry?: StoreRetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Spreads the waits between retries. The OS CSPRNG by default, not the kiosk's own source: a test's
   * seeded source would hand the numbers it queued for codes to these waits instead.
   */
  random?: RandomSource;
  onClose?: () => Promise<void>;
}): Store {
  const { db, dialect } = options;
  const retry = options.retry ?? defaultRetryPolicy;
  const random = options.random ?? cryptoRandom;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let closed = false;

  return {
    dialect,
    db,
    // A step that has lost twice to conflicting steps (PostgreSQL) tries again alone: see StepTurn.
    run: (work) => withRetries((attempt) => inTransaction(db, dialect, work, { turn: attempt > losesBeforeAlone ? 'alone' : 'shared' })),
    read: (work) => withRetries(() => work(db)),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await options.onClose?.();
    },
  };

  async function withRetries<T>(attemptOnce: (attempt: number) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await attemptOnce(attempt);
      } catch (error) {
        const meaning = classifyStoreError(error);
        if (meaning.kind === 'retry' && attempt < retry.attempts) {
          await sleep(jitteredDelayMs(retry.delayMs(attempt), random));
          continue;
        }
        if (meaning.kind === 'retry' || meaning.kind === 'busy') throw new StoreBusyError(describeStoreError(error));
        if (meaning.kind === 'unavailable') throw new StoreUnavailableError(meaning.reason, describeStoreError(error));
        throw error;
      }
    }
  }
}
