import { readFileSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { StoreConfig } from '../../../shared/config/config-schema.js';
import type { Database } from './database-schema.js';
import { applyMigrations, type MigrationReport } from './migrate.js';
import { migrations as defaultMigrations, type Migration } from './migrations/index.js';
import { createStore, type Store, type StoreRetryPolicy } from './store.js';
import { StoreOpenError } from './store-open-error.js';

export type PostgresStoreConfig = Extract<StoreConfig, { kind: 'postgres' }>;

export interface OpenPostgresOptions {
  env: Record<string, string | undefined>;
  migrations?: readonly Migration[];
  now?: () => string;
  retry?: StoreRetryPolicy;
}

/** COUNT(*) and bigint ids arrive as strings by default; every number the kiosk keeps fits a double. */
const int8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === int8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function poolConfig(config: PostgresStoreConfig, env: Record<string, string | undefined>): pg.PoolConfig {
  let password: string | undefined;
  if (config.passwordEnv !== undefined) {
    password = env[config.passwordEnv];
    if (password === undefined || password === '') {
      throw new StoreOpenError(`store.passwordEnv: the environment variable ${config.passwordEnv} is not set (it must hold the database password)`);
    }
  }
  let ca: string | undefined;
  if (config.tls.caFile !== undefined) {
    try {
      ca = readFileSync(config.tls.caFile, 'utf8');
    } catch (error) {
      throw new StoreOpenError(`store.tls.caFile cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${config.tls.caFile}`);
    }
  }
  return {
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    ...(password === undefined ? {} : { password }),
    ssl:
      config.tls.mode === 'disable'
        ? false
        : { rejectUnauthorized: true, ...(ca === undefined ? {} : { ca }), ...(config.tls.servername === undefined ? {} : { servername: config.tls.servername }) },
    max: config.poolSize,
    connectionTimeoutMillis: config.connectTimeoutSeconds * 1000,
    // A statement stuck behind a lock for this long is reported as busy rather than freezing a step.
    statement_timeout: 10_000,
    idle_in_transaction_session_timeout: 30_000,
    application_name: 'sspr-kiosk',
    types,
  };
}

/**
 * One PostgreSQL database shared by several kiosks. Connection errors (the server restarted or went
 * away) are absorbed here: the next step reconnects, or fails with "unavailable" in words.
 */
export async function openPostgresStoreWithReport(config: PostgresStoreConfig, options: OpenPostgresOptions): Promise<{ store: Store; migrations: MigrationReport }> {
  const pool = new pg.Pool(poolConfig(config, options.env));
  // Idle connections that break are reported here, and dropped by the pool.
  pool.on('error', () => undefined);
  // A connection that breaks while a step holds it (the server dies mid-transaction) emits 'error'
  // on its client, which the pool does not listen to then: unheard, that would crash the kiosk. The
  // step's own query fails with the same error (or "not queryable" if it comes later), and the pool
  // drops the broken connection when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const where = `the PostgreSQL database ${config.database} on ${config.host}:${config.port}`;
  try {
    let report: MigrationReport;
    try {
      report = await applyMigrations(db, 'postgres', options.migrations ?? defaultMigrations, options.now ?? (() => new Date().toISOString()));
    } catch (error) {
      throw StoreOpenError.from(error, `${where} cannot be used`);
    }
    return { store: createStore({ db, dialect: 'postgres', ...(options.retry === undefined ? {} : { retry: options.retry }) }), migrations: report };
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
}

export async function openPostgresStore(config: PostgresStoreConfig, options: OpenPostgresOptions): Promise<Store> {
  return (await openPostgresStoreWithReport(config, options)).store;
}
