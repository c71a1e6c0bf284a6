import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createAuthenticators } from '../../../electron/core/authenticator/authenticators.js';
import type { Authenticators } from '../../../electron/core/authenticator/authenticator-types.js';
import { secretBytesOf } from '../../../electron/core/authenticator/enrolment.js';
import { createTotp } from '../../../electron/core/authenticator/totp.js';
import { deriveKeys } from '../../../electron/core/keys/derived-keys.js';
import { openPostgresStore } from '../../../electron/core/store/open-postgres-store.js';
import { openSqliteStore } from '../../../electron/core/store/open-sqlite-store.js';
import type { Store } from '../../../electron/core/store/store.js';
import { describeEachBackend, type Backend } from '../../support/backends.js';
import { insertTestAccount } from '../../support/core-store.js';
import { rowsOf } from '../../support/database-dump.js';
import { freshPostgresDatabase } from '../../support/file-postgres.js';
import { createSeededRandom } from '../../support/seeded-random.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock, type TestClock } from '../../support/test-clock.js';

const dirs = createTempDirs();
const opened: Store[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  dirs.removeAll();
});

const migratedAt = () => '2026-03-02T08:00:00.000Z';

/** Two kiosks' stores on one database: the same SQLite file opened twice, or one PostgreSQL database. */
async function sharedStores(backend: Backend, dataDir: string): Promise<[Store, Store]> {
  const open = async (): Promise<Store> => {
    if (backend === 'sqlite') return openSqliteStore(path.join(dataDir, 'kiosk.db'), { now: migratedAt });
    return openPostgresStore(database!.store, { env: database!.env, now: migratedAt });
  };
  const database = backend === 'postgres' ? await freshPostgresDatabase('authenticators') : null;
  const first = await open();
  opened.push(first);
  const second = await open();
  opened.push(second);
  return [first, second];
}

interface Setup {
  store: Store;
  other: Store;
  clock: TestClock;
  authenticators: Authenticators;
  /** A second kiosk's service over the other store (same deployment key). */
  otherKiosk: Authenticators;
  accountId: number;
  secret: string;
  codeAt(offsetSteps?: number): string;
  stepNow(): number;
}

async function setUp(backend: Backend, dataDir = dirs.make()): Promise<Setup> {
  const [store, other] = await sharedStores(backend, dataDir);
  const clock = createTestClock();
  const key = deriveKeys(Buffer.alloc(32, 3)).authenticatorSecrets;
  const make = (seed: number) => createAuthenticators({ clock, random: createSeededRandom(seed), key, issuer: 'Example College', refusal: null });
  const authenticators = make(1);
  const accountId = await insertTestAccount(store, 'amira.khan');
  const { secret } = authenticators.enrol('amira.khan');
  const totp = createTotp({ clock });
  return {
    store,
    other,
    clock,
    authenticators,
    otherKiosk: make(2),
    accountId,
    secret,
    codeAt: (offset = 0) => totp.codeAt(secretBytesOf(secret)!, totp.stepNow() + offset),
    stepNow: () => totp.stepNow(),
  };
}

/** Enrols and saves as the registration journey will: the first code proves the copy, its step is spent. */
async function saveWithFirstCode(s: Setup): Promise<number> {
  const step = s.authenticators.checkNew(s.secret, s.codeAt());
  expect(step).toBe(s.stepNow());
  await s.store.run((tx) => s.authenticators.save(tx, s.accountId, s.secret, step!));
  return step!;
}

describeEachBackend('authenticator apps in the store', (backend) => {
  it('saves, finds and removes an account\'s app, keeping only ciphertext', async () => {
    const s = await setUp(backend);
    expect(await s.store.run((tx) => s.authenticators.find(tx, s.accountId))).toBeNull();
    const step = s.stepNow();
    const saved = await s.store.run((tx) => s.authenticators.save(tx, s.accountId, s.secret, step));
    expect(saved).toEqual({ id: expect.any(Number), addedAt: s.clock.now().toISOString() });
    expect(await s.store.run((tx) => s.authenticators.find(tx, s.accountId))).toEqual(saved);

    const [row] = await rowsOf<Record<string, unknown>>(s.store, 'authenticators');
    expect(Object.keys(row!).sort()).toEqual(['account_id', 'added_at', 'id', 'last_step', 'nonce', 'secret_ciphertext']);
    expect(row).toMatchObject({ account_id: s.accountId, last_step: step });
    const text = JSON.stringify(row);
    const raw = secretBytesOf(s.secret)!;
    for (const form of [s.secret, s.secret.toLowerCase(), raw.toString('hex'), raw.toString('base64'), raw.toString('base64url')]) expect(text).not.toContain(form);

    expect(await s.store.run((tx) => s.authenticators.remove(tx, s.accountId))).toBe(true);
    expect(await s.store.run((tx) => s.authenticators.find(tx, s.accountId))).toBeNull();
    expect(await s.store.run((tx) => s.authenticators.remove(tx, s.accountId))).toBe(false);
    expect(await rowsOf(s.store, 'authenticators')).toEqual([]);
  });

  it('replaces an account\'s app when another is saved: the old secret stops working', async () => {
    const s = await setUp(backend);
    await saveWithFirstCode(s);
    const replacement = s.authenticators.enrol('amira.khan');
    s.clock.advance({ seconds: 30 });
    const second = await s.store.run((tx) => s.authenticators.save(tx, s.accountId, replacement.secret, s.stepNow() - 1));
    expect(second.addedAt).toBe(s.clock.now().toISOString());
    expect(await rowsOf(s.store, 'authenticators')).toHaveLength(1);
    expect(await s.store.run((tx) => s.authenticators.verify(tx, s.accountId, s.codeAt()))).toEqual({ accepted: false });
    const totp = createTotp({ clock: s.clock });
    const code = totp.codeAt(secretBytesOf(replacement.secret)!, totp.stepNow());
    expect(await s.store.run((tx) => s.authenticators.verify(tx, s.accountId, code))).toEqual({ accepted: true, authenticator: second });
  });

  it('accepts a code once: a replay is refused, a later step is accepted, and the enrolment code never proves a reset', async () => {
    const s = await setUp(backend);
    const enrolmentCode = s.codeAt();
    const enrolmentStep = await saveWithFirstCode(s);
    const saved = await s.store.run((tx) => s.authenticators.find(tx, s.accountId));

    // The code that finished the enrolment is spent, even seconds later and still in the window.
    expect(await s.store.run((tx) => s.authenticators.verify(tx, s.accountId, enrolmentCode))).toEqual({ accepted: false });
    s.clock.advance({ seconds: 30 });
    expect(await s.store.run((tx) => s.authenticators.verify(tx, s.accountId, enrolmentCode))).toEqual({ accepted: false });

    const code = s.codeAt();
    expect(await s.store.run((tx) => s.authenticators.verify(tx, s.accountId, code))).toEqual({ accepted: true, authenticator: saved });
    expect((await rowsOf<{ last_step: number }>(s.store, 'authenticators'))[0]!.last_step).toBe(enrolmentStep + 1);
    // The same code again, on this kiosk or on another sharing the database: refused.
    expect(await s.store.run((tx) => s.authenticators.verify(tx, s.accountId, code))).toEqual({ accepted: false });
    expect(await s.other.run((tx) => s.otherKiosk.verify(tx, s.accountId, code))).toEqual({ accepted: false });
    // A code of an earlier step still inside the drift window: refused too (older than the last one used).
    s.clock.advance({ seconds: 30 });
    expect(await s.store.run((tx) => s.authenticators.verify(tx, s.accountId, s.codeAt(-2)))).toEqual({ accepted: false });
    // The next step's code is accepted, on the other kiosk.
    expect(await s.other.run((tx) => s.otherKiosk.verify(tx, s.accountId, s.codeAt()))).toEqual({ accepted: true, authenticator: saved });
  });

  it('accepts one step of drift either way, two refused', async () => {
    const s = await setUp(backend);
    await saveWithFirstCode(s);
    s.clock.advance({ minutes: 5 });
    for (const offset of [-2, 2]) expect(await s.store.run((tx) => s.authenticators.verify(tx, s.accountId, s.codeAt(offset)))).toEqual({ accepted: false });
    for (const offset of [-1, 0, 1]) {
      expect(await s.store.run((tx) => s.authenticators.verify(tx, s.accountId, s.codeAt(offset))), `offset ${offset}`).toMatchObject({ accepted: true });
      s.clock.advance({ seconds: 30 });
    }
  });

  it('lets exactly one of two kiosks accept the same code at the same moment', async () => {
    const s = await setUp(backend);
    await saveWithFirstCode(s);
    s.clock.advance({ seconds: 30 });
    const code = s.codeAt();
    const verdicts = await Promise.all([
      s.store.run((tx) => s.authenticators.verify(tx, s.accountId, code)),
      s.other.run((tx) => s.otherKiosk.verify(tx, s.accountId, code)),
    ]);
    expect(verdicts.filter((verdict) => verdict.accepted)).toHaveLength(1);
  });

  it('refuses, without a difference, an unknown account, an account without an app and a wrong code', async () => {
    const s = await setUp(backend);
    const noApp = await insertTestAccount(s.store, 'dev.patel');
    await saveWithFirstCode(s);
    s.clock.advance({ seconds: 30 });
    const code = s.codeAt();
    const before = await rowsOf(s.store, 'authenticators');
    expect(await s.store.run((tx) => s.authenticators.verify(tx, null, code))).toEqual({ accepted: false });
    expect(await s.store.run((tx) => s.authenticators.verify(tx, noApp, code))).toEqual({ accepted: false });
    expect(await s.store.run((tx) => s.authenticators.verify(tx, s.accountId, code === '000000' ? '000001' : '000000'))).toEqual({ accepted: false });
    expect(await s.store.run((tx) => s.authenticators.verify(tx, s.accountId, 'not a code'))).toEqual({ accepted: false });
    expect(await rowsOf(s.store, 'authenticators')).toEqual(before);
    // None of that spent the step: the right code still works.
    expect(await s.store.run((tx) => s.authenticators.verify(tx, s.accountId, code))).toMatchObject({ accepted: true });
  });

  it('refuses a row moved onto another account (the ciphertext is bound to its account), and says so in the log', async () => {
    const s = await setUp(backend);
    const lines: string[] = [];
    const logged = createAuthenticators({
      clock: s.clock,
      random: createSeededRandom(3),
      key: deriveKeys(Buffer.alloc(32, 3)).authenticatorSecrets,
      issuer: 'Example College',
      refusal: null,
      log: (line) => lines.push(line),
    });
    const mallory = await insertTestAccount(s.store, 'mallory');
    await saveWithFirstCode(s);
    await s.store.db.updateTable('authenticators').set({ account_id: mallory }).where('account_id', '=', s.accountId).execute();
    s.clock.advance({ seconds: 30 });
    expect(await s.store.run((tx) => logged.verify(tx, mallory, s.codeAt()))).toEqual({ accepted: false });
    expect(lines).toEqual([`the authenticator app of account ${mallory} does not decrypt (altered, moved or another deployment key); refused`]);
    expect(lines.join('\n')).not.toContain(s.secret);
  });

  it('is removed with its account', async () => {
    const s = await setUp(backend);
    await saveWithFirstCode(s);
    await s.store.db.deleteFrom('accounts').where('id', '=', s.accountId).execute();
    expect(await rowsOf(s.store, 'authenticators')).toEqual([]);
  });

  if (backend === 'sqlite') {
    it('leaves neither the base32 secret nor its raw bytes anywhere in the database files', async () => {
      const dataDir = dirs.make();
      const s = await setUp(backend, dataDir);
      await saveWithFirstCode(s);
      s.clock.advance({ seconds: 30 });
      expect(await s.store.run((tx) => s.authenticators.verify(tx, s.accountId, s.codeAt()))).toMatchObject({ accepted: true });
      for (const store of opened.splice(0)) await store.close();

      const raw = secretBytesOf(s.secret)!;
      const files = readdirSync(dataDir).filter((name) => name.startsWith('kiosk.db'));
      expect(files).toContain('kiosk.db');
      const needles = [Buffer.from(s.secret), Buffer.from(s.secret.toLowerCase()), raw, Buffer.from(raw.toString('hex')), Buffer.from(raw.toString('base64'))];
      let searched = 0;
      for (const name of files) {
        const bytes = readFileSync(path.join(dataDir, name));
        searched += bytes.length;
        for (const needle of needles) expect(bytes.indexOf(needle), `${name} holds ${needle.toString('hex')}`).toBe(-1);
      }
      expect(searched).toBeGreaterThan(0);
      // And the row is really there, as ciphertext (the search looked at a file that holds it).
      const again = await openSqliteStore(path.join(dataDir, 'kiosk.db'), { now: migratedAt });
      opened.push(again);
      const [row] = await rowsOf<{ secret_ciphertext: string }>(again, 'authenticators');
      expect(readFileSync(path.join(dataDir, 'kiosk.db')).indexOf(Buffer.from(row!.secret_ciphertext))).toBeGreaterThan(-1);
    });
  }
});
