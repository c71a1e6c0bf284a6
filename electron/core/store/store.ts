import type { Kysely } from 'kysely';
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
  /** Wait before retry n (1-based), in milliseconds. */
  delayMs(attempt: number): number;
}

/**
 * SQLite's own busy wait blocks the event loop (better-sqlite3 is synchronous, and in Electron that
 * freezes the window), so the driver waits only briefly and the waiting happens here, between
 * attempts, without blocking: about 1.3 s in all before the person is told the kiosk is busy.
 */
export const defaultRetryPolicy: StoreRetryPolicy = {
  attempts: 8,
  delayMs: (attempt) => Math.min(320, 10 * 2 ** (attempt - 1)),
};

export function createStore(options: {
  db: Kysely<Database>;
  dialect: StoreDialect;
  retry?: StoreRetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  onClose?: () => Promise<void>;
}): Store {
  const { db, dialect } = options;
  const retry = options.retry ?? defaultRetryPolicy;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let closed = false;

  return {
    dialect,
    db,
    run: (work) => withRetries(() => inTransaction(db, dialect, work)),
    read: (work) => withRetries(() => work(db)),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await options.onClose?.();
    },
  };

  async function withRetries<T>(attemptOnce: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await attemptOnce();
      } catch (error) {
        const meaning = classifyStoreError(error);
        if (meaning.kind === 'retry' && attempt < retry.attempts) {
          await sleep(retry.delayMs(attempt));
          continue;
        }
        if (meaning.kind === 'retry' || meaning.kind === 'busy') throw new StoreBusyError(describeStoreError(error));
        if (meaning.kind === 'unavailable') throw new StoreUnavailableError(meaning.reason, describeStoreError(error));
        throw error;
      }
    }
  }
}
