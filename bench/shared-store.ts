import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GuessabilityChecker } from '../electron/core/ports.js';
import { openPostgresStore } from '../electron/core/store/open-postgres-store.js';
import { PostgresNotInstalledError } from '../test/support/postgres-binaries.js';
import { defaultBaseDir } from '../test/support/postgres-cluster.js';
import { startPostgres, type PostgresDatabase, type PostgresServer } from '../test/support/postgres-server.js';
import type { FromWorker, ToWorker, WorkerOperation, WorkerRun, WorkerStore } from './children/protocol.js';
import { measureFullReset, type FullResetTimes } from './full-reset.js';
import { summarise } from './timing.js';

/** One setup doing one kind of operation for the measured window: all its processes together. */
export interface StoreThroughput {
  processes: number;
  /** Operations per second, summed over the processes (each counts its own window). */
  perSecond: number;
  /** Latency of one operation (one store.run, retries included), over all processes' operations. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  operations: number;
  /** Transactions started again after a busy or serialization failure. */
  retries: number;
  /** Operations that gave up (StoreBusyError) after the store's last attempt. */
  gaveUp: number;
}

export interface StoreComparison {
  sqlite1: StoreThroughput;
  postgres1: StoreThroughput;
  postgres4: StoreThroughput;
  /** The same 4 processes, all on one account (and, for code checks, one challenge). */
  postgres4OneAccount: StoreThroughput;
  /** postgres4.perSecond / sqlite1.perSecond. */
  postgres4VsSqlite1: number;
}

export interface SharedStoreMeasured {
  postgresVersion: string;
  cores: number;
  /** The machine's 1-minute load average before and after this part: other work on the machine skews every number here. */
  loadAverage: { before: number; after: number };
  /** Where both stores' files were (the cluster's folder and the SQLite file): /dev/shm when it is a roomy tmpfs. */
  storageDir: string;
  processes: number;
  warmupMs: number;
  durationMs: number;
  codeChecks: StoreComparison;
  throttleUpdates: StoreComparison;
  fullReset: { runs: number; sqlite: FullResetTimes; postgres: FullResetTimes; postgresVsSqliteP50: number };
}

/** No PostgreSQL server programs on this machine: the rest of the bench still runs. */
export type SharedStoreResult = SharedStoreMeasured | { unavailable: string };

export interface SharedStoreOptions {
  guessability: GuessabilityChecker;
  /** New passwords for the full resets (one per run, plus a warm-up): compliant and not guessable. */
  passwords: string[];
  warmupMs: number;
  durationMs: number;
  resetRuns: number;
  progress: (message: string) => void;
}

const kioskProcesses = 4;
const namesPerProcess = 8;
const sharedName = 'bench.shared.account';
const workerFile = fileURLToPath(new URL('./children/store-worker.ts', import.meta.url));

/**
 * Issue 7's shared-store numbers, side by side in one run: code checks and throttle updates on SQLite
 * (one kiosk process, the embedded default) and on PostgreSQL (one, then four kiosk processes on one
 * database, each with accounts of its own, then all four on one account), and one full reset through
 * a real kiosk's router on each. Measurements, not targets. Starts its own PostgreSQL cluster and
 * stops it (and the kiosk processes) whatever happens.
 */
export async function measureSharedStore(options: SharedStoreOptions): Promise<SharedStoreResult> {
  const { progress } = options;
  const loadBefore = loadavg()[0] as number;
  // The kiosk processes load while the cluster starts: both take a few seconds.
  const sqlite = startKioskProcess();
  const postgres = Array.from({ length: kioskProcesses }, () => startKioskProcess());
  const workers = [sqlite, ...postgres];
  let server: PostgresServer;
  try {
    server = await startPostgres();
  } catch (error) {
    for (const worker of workers) worker.kill();
    if (error instanceof PostgresNotInstalledError) return { unavailable: error.message };
    throw error;
  }
  const storageDir = defaultBaseDir();
  let folder: string | null = null;
  try {
    // Beside the cluster (tmpfs when there is a roomy one), so both stores sit on the same kind of disk.
    folder = mkdtempSync(join(storageDir, 'sspr-bench-store-'));
    const database = await server.createDatabase('sspr_bench_store');
    // Migrated once here, so the first measured phase does not include four processes racing to migrate.
    await (await openPostgresStore(postgresStoreConfig(database), { env: passwordEnv(database) })).close();
    const deploymentKeyHex = randomBytes(32).toString('hex');
    const pgStore: WorkerStore = { kind: 'postgres', ...database.config };

    progress(`shared store: PostgreSQL ${server.version} on 127.0.0.1:${server.port}; opening the stores in ${workers.length} kiosk processes...`);
    const open = (worker: KioskProcess, kioskId: string, store: WorkerStore) =>
      worker.ask({ type: 'open', store, deploymentKeyHex, kioskId, ownNames: names(kioskId) }, 'opened');
    await open(sqlite, 'bench-sqlite', { kind: 'sqlite', path: join(folder, 'kiosk.db') });
    await Promise.all(postgres.map((worker, index) => open(worker, `bench-pg-${index + 1}`, pgStore)));

    const seconds = (options.warmupMs + options.durationMs) / 1000;
    const compare = async (operation: WorkerOperation, label: string): Promise<StoreComparison> => {
      const run = (group: KioskProcess[], shared: { name: string; challengeId: string } | null, setup: string) => {
        progress(`shared store: ${label}, ${setup} (${seconds} s)...`);
        return runTogether(group, { type: 'run', operation, shared, warmupMs: options.warmupMs, durationMs: options.durationMs });
      };
      const sqlite1 = await run([sqlite], null, 'SQLite, 1 process');
      const postgres1 = await run([postgres[0] as KioskProcess], null, 'PostgreSQL, 1 process');
      const postgres4 = await run(postgres, null, `PostgreSQL, ${kioskProcesses} processes`);
      const challengeId =
        operation === 'code' ? ((await (postgres[0] as KioskProcess).ask({ type: 'issue', name: sharedName }, 'issued')) as { challengeId: string }).challengeId : '';
      const postgres4OneAccount = await run(postgres, { name: sharedName, challengeId }, `PostgreSQL, ${kioskProcesses} processes on one account`);
      return { sqlite1, postgres1, postgres4, postgres4OneAccount, postgres4VsSqlite1: postgres4.perSecond / sqlite1.perSecond };
    };
    const codeChecks = await compare('code', 'code checks');
    const throttleUpdates = await compare('throttle', 'throttle updates');
    await Promise.all(workers.map((worker) => worker.ask({ type: 'close' }, 'closed')));

    progress(`shared store: ${options.resetRuns} full resets through the router on SQLite...`);
    const resetOptions = { guessability: options.guessability, passwords: options.passwords, runs: options.resetRuns };
    const sqliteReset = await measureFullReset({ ...resetOptions, dataDir: join(folder, 'reset-sqlite') });
    progress(`shared store: ${options.resetRuns} full resets through the router on PostgreSQL...`);
    const resetDatabase = await server.createDatabase('sspr_bench_reset');
    const postgresReset = await measureFullReset({
      ...resetOptions,
      dataDir: join(folder, 'reset-postgres'),
      store: postgresStoreConfig(resetDatabase),
      env: { ...passwordEnv(resetDatabase), SSPR_BENCH_DEPLOYMENT_KEY: deploymentKeyHex },
      keyEnv: 'SSPR_BENCH_DEPLOYMENT_KEY',
    });

    return {
      postgresVersion: server.version,
      cores: availableParallelism(),
      loadAverage: { before: loadBefore, after: loadavg()[0] as number },
      storageDir,
      processes: kioskProcesses,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
      codeChecks,
      throttleUpdates,
      fullReset: { runs: options.resetRuns, sqlite: sqliteReset, postgres: postgresReset, postgresVsSqliteP50: postgresReset.p50Ms / sqliteReset.p50Ms },
    };
  } finally {
    for (const worker of workers) worker.kill();
    await server.stop();
    if (folder !== null) rmSync(folder, { recursive: true, force: true });
  }
}

const names = (kioskId: string) => Array.from({ length: namesPerProcess }, (_, index) => `${kioskId}.name${index + 1}`);

function passwordEnv(database: PostgresDatabase): Record<string, string> {
  return { SSPR_BENCH_PG_PASSWORD: database.password };
}

function postgresStoreConfig(database: PostgresDatabase) {
  return {
    kind: 'postgres' as const,
    host: database.config.host,
    port: database.config.port,
    database: database.name,
    user: database.user,
    passwordEnv: 'SSPR_BENCH_PG_PASSWORD',
    // Loopback only: the harness's server has no certificate.
    tls: { mode: 'disable' as const },
    poolSize: 4,
    connectTimeoutSeconds: 10,
  };
}

/** Tells every process to run at once and adds up what they saw. */
async function runTogether(group: KioskProcess[], message: Extract<ToWorker, { type: 'run' }>): Promise<StoreThroughput> {
  const runs = await Promise.all(group.map((worker) => worker.ask(message, 'ran').then((answer) => (answer as { run: WorkerRun }).run)));
  const timings = summarise(runs.flatMap((run) => run.samplesMs));
  return {
    processes: group.length,
    perSecond: runs.reduce((sum, run) => sum + run.count / (run.elapsedMs / 1000), 0),
    p50Ms: timings.p50,
    p95Ms: timings.p95,
    p99Ms: timings.p99,
    operations: timings.count,
    retries: runs.reduce((sum, run) => sum + run.retries, 0),
    gaveUp: runs.reduce((sum, run) => sum + run.gaveUp, 0),
  };
}

interface KioskProcess {
  /** Sends one message and waits for the answer of the expected type (a failure or an early exit rejects). */
  ask(message: ToWorker, expected: FromWorker['type']): Promise<FromWorker>;
  kill(): void;
}

function startKioskProcess(): KioskProcess {
  // The child's stdout goes to our stderr: `--json` keeps stdout for the JSON alone.
  const child: ChildProcess = fork(workerFile, [], { execArgv: ['--import', import.meta.resolve('tsx')], stdio: ['ignore', 2, 2, 'ipc'] });
  let exited: string | null = null;
  const waiting = new Set<(reason: Error) => void>();
  child.on('exit', (code, signal) => {
    exited = `a bench kiosk process exited (${signal ?? `code ${code}`})`;
    for (const reject of waiting) reject(new Error(exited));
  });
  child.on('error', (error) => {
    for (const reject of waiting) reject(error);
  });
  return {
    ask(message, expected) {
      return new Promise<FromWorker>((resolve, reject) => {
        if (exited !== null) {
          reject(new Error(exited));
          return;
        }
        const onMessage = (answer: FromWorker) => {
          child.off('message', onMessage);
          waiting.delete(reject);
          if (answer.type === expected) resolve(answer);
          else reject(new Error(answer.type === 'failed' ? `a bench kiosk process failed: ${answer.message}` : `unexpected answer ${answer.type}`));
        };
        waiting.add(reject);
        child.on('message', onMessage);
        child.send(message);
      });
    },
    kill() {
      if (exited === null && child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
