import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCodeIssuer } from '../../../electron/core/codes/code-issuer.js';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { deriveKeys } from '../../../electron/core/keys/derived-keys.js';
import { createNamePseudonym } from '../../../electron/core/keys/name-pseudonym.js';
import { accountRows } from '../../../electron/core/store/accounts.js';
import { openPostgresStore } from '../../../electron/core/store/open-postgres-store.js';
import type { Store } from '../../../electron/core/store/store.js';
import { cryptoRandom, systemClock } from '../../../electron/core/system.js';
import { configSchema, type KioskConfig, type StoreConfig } from '../../../shared/config/config-schema.js';
import type { Result } from '../../../shared/ipc/result.js';
import { startTestKiosk, testDeploymentKeyEnv } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { filePostgres, freshPostgresDatabase, stopFilePostgres, testDatabasePasswordEnv } from '../../support/file-postgres.js';
import { KioskProcessError, spawnKioskProcess, type KioskProcess } from '../../support/kiosk-processes.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import type { Facts, Outcomes } from './fixtures/kiosk-process.js';

// Several kiosk cores, each a process of its own with its own connection pool, on one PostgreSQL
// database: what a deployment of many kiosks looks like to the database.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const keyEnv = 'SSPR_DEPLOYMENT_KEY';
const processCount = 4;
const dirs = createTempDirs();
const defaults: KioskConfig['throttle'] = configSchema.shape.throttle.parse(undefined);
const codeSettings: KioskConfig['codes'] = configSchema.shape.codes.parse(undefined);

/** A deployment key as an administrator makes one: `npm run admin -- keys generate`. */
async function generateKey(): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'tools/admin.ts', 'keys', 'generate'], { cwd: root, encoding: 'utf8' });
  return stdout.trim();
}

let deploymentKey: string;
let kiosks: KioskProcess[] = [];
const stores: Store[] = [];

beforeAll(async () => {
  const [, key] = await Promise.all([filePostgres(), generateKey()]);
  expect(Buffer.from(key, 'base64')).toHaveLength(32);
  deploymentKey = key;
  kiosks = Array.from({ length: processCount }, () => spawnKioskProcess({ [keyEnv]: deploymentKey }));
  // Loading the kiosk's modules takes a few seconds per process: here, not in the first test's time.
  await Promise.all(kiosks.map((kiosk) => kiosk.send({ op: 'ping' })));
});
afterEach(async () => {
  await Promise.all(kiosks.map((kiosk) => kiosk.send({ op: 'stop' })));
  for (const store of stores.splice(0)) await store.close();
  dirs.removeAll();
});
afterAll(async () => {
  await Promise.all(kiosks.map((kiosk) => kiosk.end()));
  await stopFilePostgres();
});

interface SharedDatabase {
  store: StoreConfig;
  /** The database password, as the kiosk processes are given it. */
  env: Record<string, string>;
  /** The test's own connection, for reading what the kiosks did. */
  db: Store;
}

/** A database with the demo people in it, set up with the deployment key every kiosk process holds. */
async function sharedDatabase(): Promise<SharedDatabase> {
  const setup = await startTestKiosk({
    dataDir: dirs.make(),
    backend: 'postgres',
    persistent: true,
    email: createRecordingEmailSender().sender,
    env: { [testDeploymentKeyEnv]: deploymentKey },
  });
  await setup.kiosk.close();
  const store = setup.kiosk.config.store;
  const env = { [testDatabasePasswordEnv]: setup.env[testDatabasePasswordEnv]! };
  if (store.kind !== 'postgres') throw new Error('expected a PostgreSQL store');
  const db = await openPostgresStore(store, { env });
  stores.push(db);
  return { store, env, db };
}

function startAll(database: SharedDatabase, list: KioskProcess[], throttle?: Partial<KioskConfig['throttle']>) {
  return Promise.all(
    list.map((kiosk, index) => kiosk.send({ op: 'start', store: database.store, env: database.env, keyEnv, kioskId: `kiosk-${index + 1}`, ...(throttle ? { throttle } : {}) })),
  );
}

const call = (kiosk: KioskProcess, channel: string, payload: unknown) => kiosk.send<Result<unknown>>({ op: 'call', channel, payload });
const codeOf = (result: Result<unknown>) => (result.ok ? 'OK' : result.error.code);
const keys = () => deriveKeys(Buffer.from(deploymentKey, 'base64'));
const pseudonymOf = (typed: string) => createNamePseudonym(keys().namePseudonym)(typed);

/** Wrong codes counted against a typed name: its failedProofs events, and the audit rows that say "wrong". */
async function countedWrongCodes(db: Store, typed: string) {
  const subject = pseudonymOf(typed);
  const events = (await rowsOf<{ scope: string; subject: string }>(db, 'throttle_events')).filter((row) => row.scope === 'failedProofs' && row.subject === subject);
  const audited = (await rowsOf<{ event: string; name_key: string | null; detail: string }>(db, 'audit_log')).filter(
    (row) => row.event === 'reset.code_checked' && row.name_key === subject && (JSON.parse(row.detail) as { reason?: string }).reason === 'wrong',
  );
  return { events: events.length, audited: audited.length };
}

describe('kiosks in separate processes sharing one PostgreSQL database', () => {
  it('count wrong codes for one account across every kiosk at once, never past the limit, and refuse everything after it', async () => {
    const database = await sharedDatabase();
    // Only the account's failedProofs rule is under test: the send limits and each kiosk's own pacing
    // are opened up so that they never answer first.
    const wide = { free: 1000, limit: 1000, windowMinutes: 60, firstWaitSeconds: 1, maxWaitSeconds: 1 };
    await startAll(database, kiosks, { emailSends: { limit: 1000, windowMinutes: 10, blockMinutes: 1440 }, kioskRequests: wide, kioskFailedProofs: wide });
    for (const kiosk of kiosks) {
      expect(codeOf(await call(kiosk, 'journey:begin', { purpose: 'reset', username: 'amira.khan' }))).toBe('OK');
      expect(codeOf(await call(kiosk, 'code:choose', { method: 'email' }))).toBe('OK');
    }

    const attempts = 15;
    const runs = await Promise.all(kiosks.map((kiosk) => kiosk.send<Outcomes>({ op: 'wrongCodes', attempts })));
    const all = runs.flat();
    const { limit } = defaults.failedProofs;
    const counted = await countedWrongCodes(database.db, 'amira.khan');
    const refused = all.filter((outcome) => outcome.endsWith('TOO_MANY_ATTEMPTS')).length;
    console.info(`wrong codes: ${processCount} processes, ${all.length} calls (${processCount * attempts} codes), counted ${counted.events}, refused ${refused}, ${JSON.stringify(tally(all))}`);

    expect(counted).toEqual({ events: limit, audited: limit });
    // Nothing failed for want of the database: no INTERNAL, no BUSY, no UNAVAILABLE.
    expect(all.filter((outcome) => !/^(resend:)?(OK|CODE_WRONG|CODE_EXPIRED|TOO_MANY_ATTEMPTS|WRONG_STAGE)$/.test(outcome))).toEqual([]);
    for (const run of runs) {
      // Once a kiosk has been told the account is blocked, its session is at the blocked end state:
      // every later try there is refused as a step that no longer exists (issue 12, item 2).
      const first = run.findIndex((outcome) => outcome.endsWith('TOO_MANY_ATTEMPTS'));
      expect(first).toBeGreaterThanOrEqual(0);
      expect(run.slice(0, first).some((outcome) => outcome.endsWith('WRONG_STAGE'))).toBe(false);
      expect(run.slice(first + 1).every((outcome) => outcome.endsWith('WRONG_STAGE'))).toBe(true);
    }
    // The limit-th wrong code itself is answered with the block, so at most limit - 1 were "wrong, try again".
    expect(all.filter((outcome) => outcome === 'CODE_WRONG').length).toBeLessThan(limit);
    const facts = await kiosks[0]!.send<Facts>({ op: 'facts', typedName: 'amira.khan' });
    expect(facts.audit).toMatchObject({ ok: true, problem: null });
    expect(facts.audit.kiosks.map((kiosk) => kiosk.kioskId).sort()).toEqual(kiosks.map((_, index) => `kiosk-${index + 1}`));
  });

  it('accept a code at only one kiosk when every kiosk checks it at the same moment', async () => {
    const database = await sharedDatabase();
    await startAll(database, kiosks);
    const amira = (await database.db.read((db) => accountRows.findByUsername(db, 'amira.khan')))!;
    // Issued as a kiosk issues it, with the deployment key's code HMAC key every kiosk derives.
    const codes = createCodeIssuer({ random: cryptoRandom, clock: systemClock, hmacKey: keys().codeHmac, settings: codeSettings });
    const rounds: string[][] = [];
    for (let round = 0; round < 5; round += 1) {
      const issued = await database.db.run(async (tx) => {
        const code = await codes.issue(tx, { usernameKey: pseudonymOf('amira.khan'), purpose: 'reset', method: 'email' });
        await codes.bind(tx, code.challengeId, amira.id);
        return code;
      });
      const checks = await Promise.all(kiosks.map((kiosk) => kiosk.send<{ outcome: string; accountId?: number }>({ op: 'checkCode', challengeId: issued.challengeId, code: issued.code })));
      rounds.push(checks.map((check) => check.outcome).sort());
      expect(checks.filter((check) => check.outcome === 'accepted')).toEqual([{ outcome: 'accepted', accountId: amira.id }]);
    }
    expect(rounds).toEqual(Array.from({ length: 5 }, () => ['accepted', ...Array.from({ length: processCount - 1 }, () => 'used')]));
  });

  it('let a person registered through one kiosk reset at another', async () => {
    const database = await sharedDatabase();
    const [a, b] = kiosks as [KioskProcess, KioskProcess];
    await startAll(database, [a, b]);
    const password = 'Ow9rLp2mXc7tVb';
    await a.send({ op: 'register', username: 'fatima.noor', password: 'Old4pass9Word2x', email: 'fatima.noor@homemail.example' });

    expect(codeOf(await call(b, 'journey:begin', { purpose: 'reset', username: 'fatima.noor' }))).toBe('OK');
    expect(codeOf(await call(b, 'code:choose', { method: 'email' }))).toBe('OK');
    const code = await b.send<string>({ op: 'lastCode' });
    expect(await call(b, 'code:verify', { code })).toEqual({ ok: true, value: { stage: 'new_password', purpose: 'reset', username: 'fatima.noor' } });
    expect(await call(b, 'password:set', { password, confirmation: password })).toMatchObject({ ok: true, value: { stage: 'done', outcome: 'changed' } });
    const directory = createStoreDirectory(database.db, createArgon2Hasher(), systemClock);
    const account = (await directory.findAccount('fatima.noor'))!;
    expect(await directory.verifyPassword(account.id, password)).toBe(true);
  });

  it('keep sessions per kiosk but throttles per account: a code asked for at one kiosk is no use at another, and 5 wrong codes over two kiosks block both', async () => {
    const database = await sharedDatabase();
    const [a, b] = kiosks as [KioskProcess, KioskProcess];
    await startAll(database, [a, b]);
    await a.send({ op: 'register', username: 'fatima.noor', password: 'Old4pass9Word2x', email: 'fatima.noor@homemail.example' });
    const wrong = async (kiosk: KioskProcess, right: string) => call(kiosk, 'code:verify', { code: right === '00000000' ? '00000001' : '00000000' });

    // At kiosk A: a code, and three wrong tries.
    await call(a, 'journey:begin', { purpose: 'reset', username: 'fatima.noor' });
    await call(a, 'code:choose', { method: 'email' });
    const codeA = await a.send<string>({ op: 'lastCode' });
    for (const triesLeft of [4, 3, 2]) expect(await wrong(a, codeA)).toEqual({ ok: false, error: { code: 'CODE_WRONG', details: { triesLeft } } });

    // At kiosk B the session is B's own: nothing has been asked for there, so there is nothing to check.
    await call(b, 'journey:begin', { purpose: 'reset', username: 'fatima.noor' });
    expect(await call(b, 'code:verify', { code: codeA })).toEqual({ ok: false, error: { code: 'WRONG_STAGE' } });
    await call(b, 'code:choose', { method: 'email' });
    const codeB = await b.send<string>({ op: 'lastCode' });
    // A's code is not B's: it is one more wrong code, counted on the same account.
    expect(await call(b, 'code:verify', { code: codeA })).toEqual({ ok: false, error: { code: 'CODE_WRONG', details: { triesLeft: 1 } } });
    const fifth = await wrong(b, codeB);
    expect(fifth).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 24 * 3600 } } });

    // Blocked at both kiosks, even with the right code: A hears it at its next try, and from then on
    // both sessions are at the blocked end state, where no code is taken at all.
    expect(await call(a, 'code:verify', { code: codeA })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    expect(await call(a, 'code:resend', {})).toEqual({ ok: false, error: { code: 'WRONG_STAGE' } });
    expect(await call(b, 'code:verify', { code: codeB })).toEqual({ ok: false, error: { code: 'WRONG_STAGE' } });
    for (const kiosk of [a, b]) expect(await call(kiosk, 'session:get', {})).toMatchObject({ ok: true, value: { stage: 'blocked' } });
    expect(await countedWrongCodes(database.db, 'fatima.noor')).toEqual({ events: 5, audited: 5 });
  });
});

describe('the deployment key, provisioned to each kiosk', () => {
  it('lets kiosks given the same key share pseudonyms and audit verification, refuses one with another key, and never reaches the database', async () => {
    const database = await freshPostgresDatabase('keys');
    const db = await openPostgresStore(database.store, { env: database.env });
    stores.push(db);
    const [a, b] = kiosks as [KioskProcess, KioskProcess];
    // Both start on the empty database at once: one migrates and records the key's fingerprints.
    await startAll({ store: database.store, env: database.env, db }, [a, b]);
    for (const kiosk of [a, b]) {
      expect(codeOf(await call(kiosk, 'journey:begin', { purpose: 'reset', username: 'Amira.Khan' }))).toBe('OK');
      await call(kiosk, 'session:startOver', {});
    }
    const [factsA, factsB] = await Promise.all([a.send<Facts>({ op: 'facts', typedName: 'amira.khan' }), b.send<Facts>({ op: 'facts', typedName: 'AMIRA.KHAN' })]);
    expect(factsA.pseudonym).toBe(factsB.pseudonym);
    expect(factsA.pseudonym).toBe(pseudonymOf('amira.khan'));
    for (const facts of [factsA, factsB]) {
      expect(facts.audit).toMatchObject({ ok: true, problem: null, records: 4 });
      expect(facts.audit.kiosks.map((kiosk) => kiosk.kioskId)).toEqual(['kiosk-1', 'kiosk-2']);
    }
    const nameKeys = (await rowsOf<{ name_key: string | null }>(db, 'audit_log')).map((row) => row.name_key);
    expect(new Set(nameKeys)).toEqual(new Set([factsA.pseudonym]));

    const stranger = spawnKioskProcess({ [keyEnv]: randomBytes(32).toString('base64') });
    try {
      const refused = stranger.send({ op: 'start', store: database.store, env: database.env, keyEnv, kioskId: 'kiosk-3' });
      await expect(refused).rejects.toThrow(KioskProcessError);
      await expect(refused).rejects.toMatchObject({
        name: 'DeploymentKeyError',
        message: "this kiosk's deployment key is not the one this database was set up with; every kiosk sharing a database needs the same key (secrets.keyFile or secrets.keyEnv)",
      });
    } finally {
      await stranger.end();
    }

    // Neither the key nor anything derived from it is stored: only fingerprints in key_checks.
    const tables = (await db.db.introspection.getTables()).map((table) => table.name);
    const text = JSON.stringify(await Promise.all(tables.map((table) => rowsOf(db, table))));
    const raw = Buffer.from(deploymentKey, 'base64');
    const derived = keys();
    for (const key of [raw, derived.codeHmac, derived.namePseudonym, derived.auditChain, derived.authenticatorSecrets]) {
      for (const encoded of [key.toString('base64'), key.toString('hex'), key.toString('base64url')]) expect(text).not.toContain(encoded);
    }
    expect(text).toContain('sspr-kiosk/code-hmac/v1');
  });
});

function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}
