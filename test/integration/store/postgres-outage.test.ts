import { readdirSync } from 'node:fs';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDemoConfig } from '../../../electron/core/config/demo-config.js';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { createKiosk } from '../../../electron/core/kiosk.js';
import type { Directory } from '../../../electron/core/ports.js';
import { createPasswordChanger } from '../../../electron/core/reset/password-change.js';
import { StoreOpenError } from '../../../electron/core/store/store-open-error.js';
import { codeIn, startTestKiosk, testAppOrigin, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { filePostgres, freshPostgresDatabase, stopFilePostgres, testDatabasePasswordEnv, type TestPostgresDatabase } from '../../support/file-postgres.js';
import type { PostgresServer } from '../../support/postgres-server.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestGuessability } from '../../support/test-guessability.js';

// The kiosks' database server going away: at start-up (down, or refusing the login) and under a
// running kiosk. Tests here stop and restart the file's own cluster.
const dirs = createTempDirs();
let server: PostgresServer;
let t: TestKiosk | undefined;
beforeAll(async () => {
  server = await filePostgres();
});
afterEach(async () => {
  if (!server.isRunning()) await server.restart();
  await t?.kiosk.close();
  t = undefined;
  dirs.removeAll();
});
afterAll(() => stopFilePostgres());

const key = Buffer.alloc(32, 0x3c).toString('base64');

/** createKiosk itself, as the shell calls it, on a PostgreSQL database; the data folder is returned to check it stays empty. */
async function startKiosk(database: TestPostgresDatabase, env: Record<string, string | undefined>) {
  const dataDir = dirs.make();
  const base = createDemoConfig(dataDir);
  const config = { ...base, demo: false, store: database.store, secrets: { keyEnv: 'KIOSK_KEY' }, sms: { provider: 'none' as const, defaultRegion: 'GB' } };
  const starting = createKiosk({
    config,
    appOrigin: testAppOrigin,
    guessability: createTestGuessability(),
    email: createRecordingEmailSender().sender,
    env: { KIOSK_KEY: key, ...env },
    timers: false,
  });
  return { starting, dataDir };
}

/** The tables in a database, read with its owner's own login (no kiosk, no migrations). */
async function tablesIn(database: TestPostgresDatabase): Promise<string[]> {
  const client = new pg.Client(database.database.config);
  await client.connect();
  try {
    return (await client.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public'`)).rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

describe('a kiosk that cannot reach its database', () => {
  it('does not start when the server is down, says so in one line, and writes nothing', async () => {
    const database = await freshPostgresDatabase();
    await server.stopCleanly();
    const { starting, dataDir } = await startKiosk(database, database.env);
    const error = await starting.then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(StoreOpenError);
    const { message } = error as StoreOpenError;
    expect(message).toBe(
      `the PostgreSQL database ${database.store.database} on 127.0.0.1:${server.port} cannot be used: the database server cannot be reached (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${server.port})`,
    );
    expect(readdirSync(dataDir)).toEqual([]);
    await server.restart();
    expect(await tablesIn(database)).toEqual([]);
  });

  it('does not start with a wrong password, says so in one line, and writes nothing', async () => {
    const database = await freshPostgresDatabase();
    const { starting, dataDir } = await startKiosk(database, { [testDatabasePasswordEnv]: `${database.database.password}x` });
    await expect(starting).rejects.toThrow(StoreOpenError);
    await expect(starting).rejects.toThrow(
      `the PostgreSQL database ${database.store.database} on 127.0.0.1:${server.port} cannot be used: the database server refused the login (check the user name and password) (28P01: password authentication failed for user "${database.database.user}")`,
    );
    expect(readdirSync(dataDir)).toEqual([]);
    expect(await tablesIn(database)).toEqual([]);
  });

  it('does not start when the password variable is missing, and names the variable', async () => {
    const database = await freshPostgresDatabase();
    const { starting } = await startKiosk(database, { [testDatabasePasswordEnv]: undefined });
    await expect(starting).rejects.toThrow(StoreOpenError);
    await expect(starting).rejects.toThrow(`store.passwordEnv: the environment variable ${testDatabasePasswordEnv} is not set (it must hold the database password)`);
    expect(await tablesIn(database)).toEqual([]);
  });
});

describe('a running kiosk whose database server stops', () => {
  it('answers UNAVAILABLE (not INTERNAL) while it is down, and once it is back the code asked for before still works', async () => {
    const mail = createRecordingEmailSender();
    t = await startTestKiosk({ dataDir: dirs.make(), backend: 'postgres', persistent: true, email: mail.sender });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await t.kiosk.settled();
    const code = codeIn(mail.sent[0]!.text);

    await server.stopAbruptly();
    expect(await t.call('code:verify', { code })).toEqual({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(await t.call('code:resend', {})).toEqual({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(valueOf(await t.call('session:get', {})).stage).toBe('code_sent');
    expect(t.logLines.filter((line) => line.startsWith('ipc '))).toEqual([
      expect.stringMatching(/^ipc code:verify refused: StoreUnavailableError: database unavailable \(unreachable\): /),
      expect.stringMatching(/^ipc code:resend refused: StoreUnavailableError: database unavailable \(unreachable\): /),
    ]);

    await server.restart();
    expect(valueOf(await t.call('code:verify', { code })).stage).toBe('new_password');
    expect(valueOf(await t.call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' }))).toMatchObject({ stage: 'done', outcome: 'changed' });
    await t.kiosk.settled();
    // Nothing that failed during the outage was counted or half-written.
    expect((await rowsOf<{ event: string; outcome: string }>(t.kiosk.store, 'audit_log')).map((row) => `${row.event}:${row.outcome}`)).toEqual([
      'reset.begin:ok',
      'reset.code_requested:ok',
      'reset.code_sent:ok',
      'reset.code_checked:ok',
      'reset.password_change_started:ok',
      'reset.password_set:ok',
      'notification.sent:ok',
    ]);
  });

  it('fails a step whose transaction the server dies in as UNAVAILABLE, keeps running, and commits nothing of it', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend: 'postgres', persistent: true, email: createRecordingEmailSender().sender });
    const { store } = t.kiosk;
    const step = store.run(async (tx) => {
      await tx.insertInto('throttle_events').values({ scope: 'kioskRequests', subject: 'cut-off', at: '2026-03-02T09:00:00.000Z' }).execute();
      // Killed while this step holds its connection, between two statements.
      await server.stopAbruptly();
      await tx.insertInto('throttle_events').values({ scope: 'kioskRequests', subject: 'cut-off', at: '2026-03-02T09:00:01.000Z' }).execute();
    });
    await expect(step).rejects.toMatchObject({ name: 'StoreUnavailableError', kioskError: 'UNAVAILABLE', reason: 'unreachable' });
    await server.restart();
    expect(await rowsOf(store, 'throttle_events')).toEqual([]);
  });

  it('leaves a password change whose bookkeeping met the outage pending, and finishes it once the server is back', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend: 'postgres', persistent: true, email: createRecordingEmailSender().sender });
    const { config } = t.kiosk;
    const directory = createStoreDirectory(t.kiosk.store, createArgon2Hasher(config.hashing), t.clock);
    const account = (await directory.findAccount('amira.khan'))!;
    // The server dies right after it took the new password, before the change's own records.
    const dying: Directory = {
      ...directory,
      setPassword: async (id, password) => {
        await directory.setPassword(id, password);
        await server.stopAbruptly();
      },
    };
    const kiosk = t;
    const changer = (over: Directory) =>
      createPasswordChanger({ store: kiosk.kiosk.store, directory: over, audit: kiosk.kiosk.audit, throttle: kiosk.kiosk.throttle, pseudonym: kiosk.kiosk.pseudonym, clock: kiosk.clock, config, log: (line) => kiosk.logLines.push(line) });
    const newPassword = 'Nt4kRw8pZm2xCv';
    expect(await changer(dying).change({ account, typedName: 'amira.khan', password: newPassword, purpose: 'reset' })).toEqual({ outcome: 'changed_records_pending', notice: 'none' });

    await server.restart();
    expect((await rowsOf<{ state: string }>(t.kiosk.store, 'password_changes')).map((row) => row.state)).toEqual(['pending']);
    t.clock.advance({ seconds: 1 });
    expect(await changer(directory).recover({ olderThanMs: 0, onlyThisKiosk: true })).toEqual({ completed: 1, abandoned: 0 });
    expect(await directory.verifyPassword(account.id, newPassword)).toBe(true);
    expect((await rowsOf<{ event: string }>(t.kiosk.store, 'audit_log')).map((row) => row.event)).toEqual(['reset.password_change_started', 'reset.password_set']);
  });
});
