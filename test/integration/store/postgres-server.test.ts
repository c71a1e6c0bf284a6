import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { findPostgresBinaries, PostgresNotInstalledError } from '../../support/postgres-binaries.js';
import { defaultBaseDir, sweepLeftoverClusters } from '../../support/postgres-cluster.js';
import { startPostgres, type PostgresConnectionConfig, type PostgresServer } from '../../support/postgres-server.js';
import { waitUntil } from '../../support/wait-until.js';
import { orphanOfKilledParent } from '../../support/orphan-fixture.js';
import { processGone } from '../../support/process-alive.js';

// One server for the file, as a store test would use it; the tests that stop it restart it again.
let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());

async function rows(config: PostgresConnectionConfig | { connectionString: string }, sql: string): Promise<unknown[]> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The error a login fails with (the test fails if it succeeds). */
async function loginError(config: PostgresConnectionConfig): Promise<Error & { code?: string }> {
  const client = new pg.Client(config);
  client.on('error', () => undefined);
  const error = await client.connect().then(
    () => client.end().then(() => undefined),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error & { code?: string };
}

/** Gone, or a zombie that nobody has reaped yet (which no longer serves anything). */

describe('throwaway PostgreSQL server', () => {
  it('lets the created role in over TCP on 127.0.0.1 with its password, stored as SCRAM', async () => {
    const db = await server.createDatabase('kiosk_login');

    expect(server.host).toBe('127.0.0.1');
    expect(db.config).toEqual({ host: '127.0.0.1', port: server.port, database: 'kiosk_login', user: 'kiosk_login', password: db.password });
    const sql = `SELECT current_user AS "user", current_database() AS database, host(inet_server_addr()) AS address,
                        inet_server_port() AS port, current_setting('fsync') AS fsync, 6 * 7 AS answer`;
    const expected = { user: 'kiosk_login', database: 'kiosk_login', address: '127.0.0.1', port: server.port, fsync: 'off', answer: 42 };
    expect(await rows(db.config, sql)).toEqual([expected]);
    expect(await rows({ connectionString: db.connectionString }, sql)).toEqual([expected]);
    expect(await rows(server.superuser, `SELECT left(rolpassword, 14) AS scheme FROM pg_authid WHERE rolname = 'kiosk_login'`)).toEqual([
      { scheme: 'SCRAM-SHA-256$' },
    ]);
  });

  it('refuses a wrong password, and an unknown role, with 28P01', async () => {
    const db = await server.createDatabase('kiosk_auth');

    const wrongPassword = await loginError({ ...db.config, password: `${db.password}x` });
    expect(wrongPassword.code).toBe('28P01');
    expect(wrongPassword.message).toBe('password authentication failed for user "kiosk_auth"');
    expect((await loginError({ ...db.config, user: 'nobody_here' })).code).toBe('28P01');
  });

  it('keeps databases apart: tables are not shared, and a role cannot log in to another role\'s database', async () => {
    const a = await server.createDatabase('kiosk_a');
    const b = await server.createDatabase('kiosk_b');
    await rows(a.config, `CREATE TABLE reset_log (id int PRIMARY KEY); INSERT INTO reset_log VALUES (1)`);

    expect(await rows(a.config, 'SELECT id FROM reset_log')).toEqual([{ id: 1 }]);
    expect(await rows(b.config, `SELECT to_regclass('public.reset_log') AS "table"`)).toEqual([{ table: null }]);
    const crossing = await loginError({ ...a.config, database: 'kiosk_b' });
    expect(crossing.code).toBe('42501');
    expect(crossing.message).toMatch(/permission denied for database "kiosk_b"/);
  });

  it('gives two databases with the same owner one role and one password', async () => {
    const first = await server.createDatabase('kiosk_shared_1', { owner: 'kiosk_shared' });
    const second = await server.createDatabase('kiosk_shared_2', { owner: 'kiosk_shared' });

    expect(second.user).toBe('kiosk_shared');
    expect(second.password).toBe(first.password);
    expect(await rows(second.config, 'SELECT current_database() AS db')).toEqual([{ db: 'kiosk_shared_2' }]);
  });

  it('refuses connections after a clean stop, and restarts on the same port with the data intact', async () => {
    const db = await server.createDatabase('kiosk_restart');
    await rows(db.config, `CREATE TABLE kiosks (id text PRIMARY KEY); INSERT INTO kiosks VALUES ('kiosk-1'), ('kiosk-2')`);
    const { port, pid } = server;

    await server.stopCleanly();
    expect(server.isRunning()).toBe(false);
    expect(server.pid).toBeUndefined();
    expect(processGone(pid!)).toBe(true);
    expect((await loginError(db.config)).code).toBe('ECONNREFUSED');

    await server.restart();
    expect(server.isRunning()).toBe(true);
    expect(server.port).toBe(port);
    expect(server.pid).not.toBe(pid);
    expect(await rows(db.config, 'SELECT id FROM kiosks ORDER BY id')).toEqual([{ id: 'kiosk-1' }, { id: 'kiosk-2' }]);
  });

  it('cuts connections when killed abruptly, even mid-query, and recovers committed rows on restart', async () => {
    const db = await server.createDatabase('kiosk_crash');
    const client = new pg.Client(db.config);
    client.on('error', () => undefined);
    await client.connect();
    await client.query('CREATE TABLE attempts (id int PRIMARY KEY)');
    await client.query('INSERT INTO attempts VALUES (1), (2)');
    // A backend busy with a query outlives a bare SIGKILL of its postmaster and would block the restart.
    const busy = client.query('SELECT count(*) FROM generate_series(1, 10000000000)').then(
      () => 'finished',
      (error: Error) => error.message,
    );
    const active = `SELECT pid FROM pg_stat_activity WHERE datname = 'kiosk_crash' AND state = 'active'`;
    await waitUntil(async () => (await rows(server.superuser, active)).length === 1, 'the long query runs');

    await server.stopAbruptly();
    expect(server.isRunning()).toBe(false);
    expect(await busy).toBe('Connection terminated unexpectedly');
    expect((await loginError(db.config)).code).toBe('ECONNREFUSED');

    await server.restart();
    expect(await rows(db.config, 'SELECT id FROM attempts ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
  });
});

describe('stopping for good', () => {
  it('ends the server, removes its folder, and may be called twice', async () => {
    const own = await startPostgres();
    const { pid, dir } = own;
    expect(existsSync(path.join(dir, 'data', 'PG_VERSION'))).toBe(true);

    await own.stop();
    expect(processGone(pid!)).toBe(true);
    expect(existsSync(dir)).toBe(false);
    expect((await loginError(own.superuser)).code).toBe('ECONNREFUSED');
    await own.stop();
    await expect(own.restart()).rejects.toThrow(/stopped for good/);
  });

  it('takes the server down with a test process that is killed, and the next start sweeps its folder', async () => {
    // A folder of its own: other test processes' starts sweep the usual ones and could win the race.
    const baseDir = mkdtempSync(path.join(defaultBaseDir(), 'sspr-orphan-test-'));
    onTestFinished(() => rmSync(baseDir, { recursive: true, force: true }));
    chmodSync(baseDir, 0o755);
    const orphan = await orphanOfKilledParent(new URL('./fixtures/orphaned-postgres.ts', import.meta.url), baseDir);
    expect(orphan.ranBeforeKill).toBe(true);
    await waitUntil(() => processGone(orphan.pid), 'the orphaned postmaster is gone');
    expect(existsSync(orphan.dir)).toBe(true);
    sweepLeftoverClusters([baseDir]);
    expect(existsSync(orphan.dir)).toBe(false);
  });
});

describe('finding the PostgreSQL programs', () => {
  const scratch: string[] = [];
  afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  function fakeInstall(versions: string[]): string {
    const root = mkdtempSync(path.join(os.tmpdir(), 'sspr-fake-pg-'));
    scratch.push(root);
    for (const version of versions) {
      mkdirSync(path.join(root, version, 'bin'), { recursive: true });
      for (const program of ['initdb', 'postgres']) {
        writeFileSync(path.join(root, version, 'bin', program), '#!/bin/sh\n');
        chmodSync(path.join(root, version, 'bin', program), 0o755);
      }
    }
    return root;
  }

  it('picks the newest major version in a Debian-style tree', () => {
    const root = fakeInstall(['9.6', '13', '15', '14']);
    expect(findPostgresBinaries({ versionsRoot: root, searchPath: '' })).toEqual({
      binDir: path.join(root, '15', 'bin'),
      initdb: path.join(root, '15', 'bin', 'initdb'),
      postgres: path.join(root, '15', 'bin', 'postgres'),
    });
  });

  it('says how to install PostgreSQL when it is nowhere', () => {
    const empty = fakeInstall([]);
    const finding = () => findPostgresBinaries({ versionsRoot: empty, searchPath: empty });
    expect(finding).toThrow(PostgresNotInstalledError);
    expect(finding).toThrow(/apt-get install -y postgresql/);
  });
});
