/**
 * Messages between the shared-store bench (bench/shared-store.ts) and its kiosk processes
 * (bench/children/store-worker.ts), over the child-process IPC channel.
 */
export type WorkerStore =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; host: string; port: number; database: string; user: string; password: string };

/** code: one wrong-code check (the real code proof's verify); throttle: one per-account throttle status + record. */
export type WorkerOperation = 'code' | 'throttle';

export type ToWorker =
  | {
      type: 'open';
      store: WorkerStore;
      /** The deployment key, hex: every process derives the same pseudonyms, as kiosks sharing a database must. */
      deploymentKeyHex: string;
      kioskId: string;
      /** Typed names this process works on when it has accounts of its own. */
      ownNames: string[];
    }
  /** Issues a challenge for `name` and answers with its id (for the run where every process checks codes on one account). */
  | { type: 'issue'; name: string }
  | {
      type: 'run';
      operation: WorkerOperation;
      /** null: this process's own names; otherwise every process works on this one name (and challenge). */
      shared: { name: string; challengeId: string } | null;
      warmupMs: number;
      durationMs: number;
    }
  | { type: 'close' };

export interface WorkerRun {
  /** Operations completed inside the measured window. */
  count: number;
  /** Wall time of the measured window, in ms. */
  elapsedMs: number;
  /** Latency of each completed operation (its whole store.run, retries and their waits included), in ms. */
  samplesMs: number[];
  /** Transactions started again after a busy / serialization failure (counted by the store's retry policy). */
  retries: number;
  /** Operations that gave up with StoreBusyError after the store's last attempt. */
  gaveUp: number;
}

export type FromWorker =
  | { type: 'opened' }
  | { type: 'issued'; challengeId: string }
  | { type: 'ran'; run: WorkerRun }
  | { type: 'closed' }
  | { type: 'failed'; message: string };
