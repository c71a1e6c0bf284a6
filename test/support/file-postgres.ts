import type { StoreConfig } from '../../shared/config/config-schema.js';
import { startPostgres, type PostgresDatabase, type PostgresServer } from './postgres-server.js';

/**
 * The PostgreSQL cluster of one test file, started on first use: vitest runs each file in a process
 * of its own, so a module-level server is a per-file server. No vitest import here, so the
 * reliability suite (plain tsx) can use the test kiosk too; test files get the start and stop hooks
 * from backends.ts (`describeEachBackend`), others call `stopFilePostgres()` in afterAll.
 */
let server: Promise<PostgresServer> | undefined;
let databases = 0;

export function filePostgres(): Promise<PostgresServer> {
  server ??= startPostgres();
  return server;
}

/** Stops the file's cluster (if one was started) and removes its folder; a later use starts a new one. */
export async function stopFilePostgres(): Promise<void> {
  const running = server;
  server = undefined;
  if (running !== undefined) await (await running.catch(() => null))?.stop();
}

/** Where a test kiosk's store finds its database password (`store.passwordEnv`). */
export const testDatabasePasswordEnv = 'SSPR_TEST_DB_PASSWORD';

export type PostgresStoreConfig = Extract<StoreConfig, { kind: 'postgres' }>;

export interface TestPostgresDatabase {
  database: PostgresDatabase;
  /** The kiosk's `store` setting for it: loopback, so without TLS; the password through `env`. */
  store: PostgresStoreConfig;
  env: Record<string, string>;
}

/** The `store` setting for a database on the test cluster, as a deployment would write it. */
export function postgresStoreConfig(database: PostgresDatabase, overrides: Partial<PostgresStoreConfig> = {}): PostgresStoreConfig {
  return {
    kind: 'postgres',
    host: database.config.host,
    port: database.config.port,
    database: database.name,
    user: database.user,
    passwordEnv: testDatabasePasswordEnv,
    tls: { mode: 'disable' },
    poolSize: 4,
    connectTimeoutSeconds: 5,
    ...overrides,
  };
}

/** A new, empty database (and its own login role) on the file's cluster. */
export async function freshPostgresDatabase(prefix = 'kiosk'): Promise<TestPostgresDatabase> {
  const cluster = await filePostgres();
  databases += 1;
  const database = await cluster.createDatabase(`${prefix}_${databases}`);
  return { database, store: postgresStoreConfig(database), env: { [testDatabasePasswordEnv]: database.password } };
}
