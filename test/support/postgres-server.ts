import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { findPostgresBinaries } from './postgres-binaries.js';
import { defaultBaseDir, initCluster, removeCluster, serverAccount, sweepLeftoverClusters } from './postgres-cluster.js';
import { startPostmaster, type Postmaster } from './postgres-process.js';

/** What `pg.Client`, `pg.Pool` (and so Kysely's PostgresDialect) take: TCP on loopback, with a password. */
export interface PostgresConnectionConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

/** A database made by `createDatabase`, owned by its own login role. */
export interface PostgresDatabase {
  name: string;
  user: string;
  password: string;
  config: PostgresConnectionConfig;
  connectionString: string;
}

export interface StartPostgresOptions {
  /** A fixed port; by default a free one is picked (and another if it is taken meanwhile). */
  port?: number;
  /** Extra server settings, each passed as `-c name=value`. */
  settings?: Record<string, string | number | boolean>;
  /** Folder with initdb and postgres; by default found as in findPostgresBinaries. */
  binDir?: string;
  /** Where the cluster's temp folder goes; by default /dev/shm if it is a roomy tmpfs, else the OS temp folder. */
  baseDir?: string;
  startTimeoutMs?: number;
  /** How long a fast shutdown may take before the server is killed. */
  stopTimeoutMs?: number;
}

export interface PostgresServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Major version, e.g. "15". */
  readonly version: string;
  /** The temp folder: data/, postgres.log and the unix socket. Removed by stop(). */
  readonly dir: string;
  readonly dataDir: string;
  readonly socketDir: string;
  readonly logFile: string;
  /** The superuser `postgres`, database `postgres`, over TCP. */
  readonly superuser: PostgresConnectionConfig;
  /** The postmaster's pid while it runs. */
  readonly pid: number | undefined;
  isRunning(): boolean;
  /** A fresh database, owned by `owner` (default: a role named like the database), which only that role may connect to. */
  createDatabase(name: string, options?: { owner?: string }): Promise<PostgresDatabase>;
  /** Fast shutdown (clients are disconnected), SIGKILL after stopTimeoutMs; the data stays for restart(). */
  stopCleanly(): Promise<void>;
  /** SIGKILL to the server's processes, as a crash would; open connections break, the data stays for restart() (which then recovers). */
  stopAbruptly(): Promise<void>;
  /** Starts the server again on the same data directory and port (stopping it cleanly first if it runs). */
  restart(): Promise<void>;
  /** Stops the server (fast, then SIGKILL) and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

const host = '127.0.0.1';

// Last resort for a test that forgot stop() or threw past it: kill and remove on the way out. A
// process killed by a signal never runs this; the parent-death signal (postgres-process.ts) and the
// leftover sweep (postgres-cluster.ts) cover that.
const liveServers = new Set<() => void>();
process.on('exit', () => liveServers.forEach((cleanup) => cleanup()));

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 for one test file: `const server = await
 * startPostgres(); afterAll(() => server.stop())`. Each test file starts its own (no globalSetup):
 * about a second from nothing to ready.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const binaries = findPostgresBinaries(options.binDir === undefined ? {} : { binDir: options.binDir });
  const account = serverAccount();
  sweepLeftoverClusters();
  const cluster = await initCluster(binaries, account, options.baseDir ?? defaultBaseDir());
  const settings = Object.entries(options.settings ?? {}).map(([name, value]) => `${name}=${String(value)}`);
  const superuser = (port: number): PostgresConnectionConfig => ({ host, port, database: 'postgres', user: 'postgres', password: cluster.superuserPassword });
  const launch = (port: number | undefined) =>
    startPostmaster({
      binaries,
      account,
      cluster,
      port,
      settings,
      readinessConfig: (chosen) => superuser(chosen),
      timeoutMs: options.startTimeoutMs ?? 30_000,
    });

  let postmaster: Postmaster;
  try {
    postmaster = await launch(options.port);
  } catch (error) {
    removeCluster(cluster.dir);
    throw error;
  }
  const port = postmaster.port;
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const roles = new Map<string, string>();
  let removed = false;
  const exitCleanup = () => {
    postmaster.killNow();
    removeCluster(cluster.dir);
  };
  liveServers.add(exitCleanup);

  const server: PostgresServer = {
    host,
    port,
    version: cluster.version,
    dir: cluster.dir,
    dataDir: cluster.dataDir,
    socketDir: cluster.socketDir,
    logFile: cluster.logFile,
    superuser: superuser(port),
    get pid() {
      return postmaster.isRunning() ? postmaster.pid : undefined;
    },
    isRunning: () => postmaster.isRunning(),
    async createDatabase(name, { owner = name } = {}) {
      assertIdentifier(name);
      assertIdentifier(owner);
      const known = roles.get(owner);
      const password = known ?? randomBytes(18).toString('hex');
      const admin = new pg.Client(superuser(port));
      await admin.connect();
      try {
        if (known === undefined) {
          await admin.query(`CREATE ROLE "${owner}" LOGIN PASSWORD '${password}'`);
          roles.set(owner, password);
        }
        await admin.query(`CREATE DATABASE "${name}" OWNER "${owner}"`);
        // A new database lets PUBLIC connect (and make temp tables): without this, every test role
        // could reach every test database and isolation would hold only by convention.
        await admin.query(`REVOKE ALL ON DATABASE "${name}" FROM PUBLIC`);
      } finally {
        await admin.end();
      }
      const config: PostgresConnectionConfig = { host, port, database: name, user: owner, password };
      return { name, user: owner, password, config, connectionString: toConnectionString(config) };
    },
    stopCleanly: () => postmaster.stopFast(stopTimeoutMs),
    stopAbruptly: () => postmaster.kill(),
    async restart() {
      if (removed) throw new Error('This PostgreSQL server was stopped for good (stop() removed its folder).');
      await postmaster.stopFast(stopTimeoutMs);
      postmaster = await launch(port);
    },
    async stop() {
      if (removed) return;
      removed = true;
      await postmaster.stopFast(stopTimeoutMs);
      liveServers.delete(exitCleanup);
      removeCluster(cluster.dir);
    },
  };
  return server;
}

/** `postgresql://user:password@127.0.0.1:port/database`, for tools that take a URL. */
export function toConnectionString(config: PostgresConnectionConfig): string {
  const part = encodeURIComponent;
  return `postgresql://${part(config.user)}:${part(config.password)}@${config.host}:${config.port}/${part(config.database)}`;
}

// Names go into SQL as quoted identifiers: plain lower-case ones need no escaping and fit in 63 bytes.
function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a plain lower-case SQL name (a-z, 0-9, _; at most 63): ${JSON.stringify(name)}`);
}
