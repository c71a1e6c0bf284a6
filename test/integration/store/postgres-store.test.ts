import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeploymentKeyError } from '../../../electron/core/keys/deployment-key-error.js';
import { migrations, type Migration } from '../../../electron/core/store/migrations/index.js';
import { openPostgresStore, openPostgresStoreWithReport } from '../../../electron/core/store/open-postgres-store.js';
import { classifyStoreError } from '../../../electron/core/store/store-errors.js';
import { stepTurnLockId } from '../../../electron/core/store/transaction.js';
import { openSqliteStore } from '../../../electron/core/store/open-sqlite-store.js';
import type { Store } from '../../../electron/core/store/store.js';
import { startTestKiosk, testDeploymentKeyEnv } from '../../support/core-kiosk.js';
import { dumpStore, rowsOf } from '../../support/database-dump.js';
import { filePostgres, freshPostgresDatabase, stopFilePostgres, type TestPostgresDatabase } from '../../support/file-postgres.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { allTables } from '../../support/schema-tables.js';

const dirs = createTempDirs();
const opened: Store[] = [];
beforeAll(async () => void (await filePostgres()));
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  dirs.removeAll();
});
afterAll(() => stopFilePostgres());

const now = () => '2026-03-02T09:00:00.000Z';

async function open(database: TestPostgresDatabase, list: readonly Migration[] = migrations) {
  const result = await openPostgresStoreWithReport(database.store, { env: database.env, now, migrations: list });
  opened.push(result.store);
  return result;
}

/** Every table and its columns, in order, as Kysely's introspection sees them. */
async function schemaOf(store: Store): Promise<Record<string, string[]>> {
  const tables = await store.db.introspection.getTables();
  return Object.fromEntries(tables.map((table) => [table.name, table.columns.map((column) => column.name)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
}


describe('migrations on PostgreSQL', () => {
  it('give a fresh database every table, with the same columns as a fresh SQLite file', async () => {
    const { store, migrations: report } = await open(await freshPostgresDatabase());
    expect(report).toEqual({ applied: [1, 2, 3, 4, 5, 6, 7], version: 7 });
    const schema = await schemaOf(store);
    expect(Object.keys(schema)).toEqual(allTables);

    const sqlite = await openSqliteStore(path.join(dirs.make(), 'kiosk.db'), { now });
    opened.push(sqlite);
    expect(schema).toEqual(await schemaOf(sqlite));
    expect(await rowsOf(store, 'schema_migrations')).toEqual([
      { version: 1, name: 'initial schema', applied_at: now() },
      { version: 2, name: 'durable and shared state', applied_at: now() },
      { version: 3, name: 'password history derivations', applied_at: now() },
      { version: 4, name: 'authenticator apps', applied_at: now() },
      { version: 5, name: 'technicians and help tickets', applied_at: now() },
      { version: 6, name: 'directory sources', applied_at: now() },
      { version: 7, name: 'notice language', applied_at: now() },
    ]);
  });

  it('apply nothing when an up-to-date database is opened again, and change nothing in it', async () => {
    const database = await freshPostgresDatabase();
    const first = await open(database);
    const before = await dumpStore(first.store);
    const again = await open(database);
    expect(again.migrations).toEqual({ applied: [], version: 7 });
    expect(await dumpStore(first.store)).toBe(before);
  });

  it('let several kiosks migrate the same empty database at the same moment: each step is applied once, and all of them open', async () => {
    const database = await freshPostgresDatabase();
    const reports = await Promise.all([1, 2, 3, 4].map(async () => (await open(database)).migrations));
    // Whoever got the advisory lock first applied the steps; the others found them done.
    expect(reports.flatMap((report) => report.applied).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(reports.map((report) => report.version)).toEqual([7, 7, 7, 7]);
    expect((await rowsOf<{ version: number }>(opened[0]!, 'schema_migrations')).map((row) => row.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('roll back a failing step completely, on PostgreSQL too (its DDL is transactional)', async () => {
    const database = await freshPostgresDatabase();
    const broken: Migration = {
      version: 8,
      name: 'broken',
      up: async (db) => {
        await db.schema.createTable('kiosk_notes').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
        await db.schema.createTable('kiosk_notes').addColumn('id', 'integer').execute();
      },
    };
    await expect(open(database, [...migrations, broken])).rejects.toThrow(/cannot be used.*42P07/);
    const { store, migrations: report } = await open(database);
    expect(report).toEqual({ applied: [], version: 7 });
    expect(Object.keys(await schemaOf(store))).toEqual(allTables);
  });
});

describe('the deployment key check on PostgreSQL', () => {
  it('refuses a kiosk started with another deployment key, in words, and leaves the database as it was', async () => {
    const dataDir = dirs.make();
    const mail = createRecordingEmailSender();
    const first = await startTestKiosk({ dataDir, backend: 'postgres', persistent: true, email: mail.sender });
    const before = await dumpStore(first.kiosk.store);
    const checks = await rowsOf<{ purpose: string; check_value: string }>(first.kiosk.store, 'key_checks');
    expect(checks.map((row) => row.purpose)).toEqual([
      'sspr-kiosk/audit-chain/v1',
      'sspr-kiosk/authenticator-secrets/v1',
      'sspr-kiosk/code-hmac/v1',
      'sspr-kiosk/name-pseudonym/v1',
    ]);

    const otherKey = Buffer.alloc(32, 0x42).toString('base64');
    const refused = startTestKiosk({ dataDir, backend: 'postgres', persistent: true, email: mail.sender, env: { [testDeploymentKeyEnv]: otherKey } });
    await expect(refused).rejects.toThrow(DeploymentKeyError);
    await expect(refused).rejects.toThrow(
      "this kiosk's deployment key is not the one this database was set up with; every kiosk sharing a database needs the same key (secrets.keyFile or secrets.keyEnv)",
    );
    expect(await dumpStore(first.kiosk.store)).toBe(before);
    await first.kiosk.close();
  });
});

describe('steps on PostgreSQL', () => {
  it('run beside each other at first, and alone once they have lost twice to conflicting steps', async () => {
    const database = await freshPostgresDatabase();
    const store = await openPostgresStore(database.store, { env: database.env, now, retry: { attempts: 4, delayMs: () => 1 } });
    opened.push(store);
    const modes: string[] = [];
    const result = await store.run(async (tx) => {
      const { rows } = await sql<{ mode: string }>`select mode from pg_locks where locktype = 'advisory' and objid = ${stepTurnLockId} and pid = pg_backend_pid()`.execute(tx);
      modes.push(rows.map((row) => row.mode).join(','));
      // As PostgreSQL reports a lost SERIALIZABLE race.
      if (modes.length < 3) throw Object.assign(new Error('could not serialize access due to read/write dependencies among transactions'), { code: '40001' });
      return 'done';
    });
    expect(result).toBe('done');
    expect(modes).toEqual(['ShareLock', 'ShareLock', 'ExclusiveLock']);
    // The turn is given back with the step: nothing is left held on the pooled connection.
    const held = await sql<{ n: number }>`select count(*) as n from pg_locks where locktype = 'advisory'`.execute(store.db);
    expect(held.rows).toEqual([{ n: 0 }]);
  });

  it('treat a statement cancelled by statement_timeout as busy, not as an internal error', () => {
    expect(classifyStoreError(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toEqual({ kind: 'busy' });
  });
});
