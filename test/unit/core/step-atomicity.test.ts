import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AuditTrail } from '../../../electron/core/audit/audit-trail.js';
import { createDemoConfig } from '../../../electron/core/config/demo-config.js';
import { seedDemoDatabase } from '../../../electron/core/demo/seed-demo.js';
import { demoAccounts } from '../../../electron/core/demo/demo-accounts.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import type { KioskJourneys } from '../../../electron/core/journeys/kiosk-journeys.js';
import { deriveKeys } from '../../../electron/core/keys/derived-keys.js';
import { createNamePseudonym } from '../../../electron/core/keys/name-pseudonym.js';
import type { Directory } from '../../../electron/core/ports.js';
import type { PasswordChanger } from '../../../electron/core/reset/password-change.js';
import { createKioskServices, type KioskServices } from '../../../electron/core/services.js';
import type { Store } from '../../../electron/core/store/store.js';
import { describeEachBackend, type Backend } from '../../support/backends.js';
import { codeIn, valueOf } from '../../support/core-kiosk.js';
import { dumpStore, rowsOf } from '../../support/database-dump.js';
import { openTestStore } from '../../support/core-store.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { createSeededRandom } from '../../support/seeded-random.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock, type TestClock } from '../../support/test-clock.js';
import { createTestGuessability } from '../../support/test-guessability.js';
import { waitUntil } from '../../support/wait-until.js';

const dirs = createTempDirs();
let store: Store;
let clock: TestClock;
let journey: KioskJourneys;
let changer: PasswordChanger;
let directory: Directory;
let background: KioskServices['background'];
let mail: ReturnType<typeof createRecordingEmailSender>;
/**
 * The audit fails for this event after writing its row, standing in for any write that fails
 * half-way through a step (here as a full disk, which the store reports as UNAVAILABLE).
 */
let failOn: string | null;
const diskFull = (backend: Backend) =>
  backend === 'sqlite'
    ? Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
    : Object.assign(new Error('could not extend file "base/16384/16385": No space left on device'), { code: '53100' });
const unavailable = { name: 'StoreUnavailableError', kioskError: 'UNAVAILABLE' };

const amira = demoAccounts.find((account) => account.username === 'amira.khan')!;
const newPassword = 'Nt4kRw8pZm2xCv';

async function codeSent(): Promise<string> {
  valueOf(await journey.begin('reset', 'amira.khan'));
  valueOf(await journey.chooseMethod('email'));
  await waitUntil(() => mail.sent.length === 1, 'the code is sent');
  await background.settled();
  return codeIn(mail.sent[0]!.text);
}

const events = async () => (await rowsOf<{ event: string; outcome: string }>(store, 'audit_log')).map((row) => `${row.event}:${row.outcome}`);

describeEachBackend('each step writes all or nothing', (backend) => {
  /** The journey built the way electron/core/kiosk.ts builds it, with a test clock, random and mail. */
  beforeEach(async () => {
    const dir = dirs.make();
    store = await openTestStore(dir, backend);
    clock = createTestClock();
    const random = createSeededRandom();
    const hasher = createArgon2Hasher();
    const config = createDemoConfig(dir);
    const keys = deriveKeys(random.bytes(32));
    const pseudonym = createNamePseudonym(keys.namePseudonym);
    await seedDemoDatabase(store, hasher, clock);
    mail = createRecordingEmailSender();
    failOn = null;
    const services = createKioskServices({
      config,
      store,
      keys,
      pseudonym,
      hasher,
      clock,
      random,
      guessability: createTestGuessability(),
      email: mail.sender,
      sms: null,
      log: () => undefined,
      wrapAudit: (trail): AuditTrail => ({
        async record(tx, entry) {
          await trail.record(tx, entry);
          if (entry.event === failOn) throw diskFull(backend);
        },
      }),
    });
    ({ journeys: journey, changer, directory, background } = services);
  });
  afterEach(async () => {
    await background.settled();
    await store.close();
    dirs.removeAll();
  });

  it('a failed begin leaves no audit row and the session at the start', async () => {
    const before = await dumpStore(store);
    failOn = 'reset.begin';
    await expect(journey.begin('reset', 'amira.khan')).rejects.toMatchObject(unavailable);
    expect(await dumpStore(store)).toBe(before);
    expect(valueOf(await journey.view())).toEqual({ stage: 'identify' });
  });

  it('a failed code request leaves no challenge, no throttle count, no audit row, and the stage as it was', async () => {
    valueOf(await journey.begin('reset', 'amira.khan'));
    const before = await dumpStore(store);
    failOn = 'reset.code_requested';
    await expect(journey.chooseMethod('email')).rejects.toMatchObject(unavailable);
    expect(await dumpStore(store)).toBe(before);
    await background.settled();
    // Nothing was started in the background either: no probe of the relay, no message.
    expect(mail.probes).toBe(0);
    expect(mail.attempted).toEqual([]);
    expect(valueOf(await journey.view()).stage).toBe('choose_method');

    failOn = null;
    valueOf(await journey.chooseMethod('email'));
    await waitUntil(() => mail.sent.length === 1, 'the code is sent');
  });

  it('a failed check of a wrong code leaves the try uncounted, for the code, the account and the kiosk', async () => {
    const code = await codeSent();
    const wrong = code === '00000000' ? '00000001' : '00000000';
    const before = await dumpStore(store);
    failOn = 'reset.code_checked';
    await expect(journey.verifyCode(wrong)).rejects.toMatchObject(unavailable);
    expect(await dumpStore(store)).toBe(before);
    expect(valueOf(await journey.view()).stage).toBe('code_sent');

    failOn = null;
    // Still the first wrong try of five, as if the failed one never happened.
    expect(await journey.verifyCode(wrong)).toEqual({ ok: false, error: { code: 'CODE_WRONG', details: { triesLeft: 4 } } });
    expect(valueOf(await journey.verifyCode(code)).stage).toBe('new_password');
  });

  it('a right code whose confirming record cannot be written does not let the person through, and is not spent', async () => {
    const code = await codeSent();
    const before = await dumpStore(store);
    failOn = 'reset.code_checked';
    await expect(journey.verifyCode(code)).rejects.toMatchObject(unavailable);
    expect(valueOf(await journey.view()).stage).toBe('code_sent');
    expect(await dumpStore(store)).toBe(before);

    // The record is written in the transaction that spends the code, so the same code still works.
    failOn = null;
    expect(valueOf(await journey.verifyCode(code)).stage).toBe('new_password');
  });

  it('a change whose intent cannot be written changes nothing: not the password, not the records', async () => {
    valueOf(await journey.verifyCode(await codeSent()));
    const account = (await directory.findAccount('amira.khan'))!;
    const before = await dumpStore(store);
    failOn = 'reset.password_change_started';
    await expect(journey.setPassword(newPassword, newPassword)).rejects.toMatchObject(unavailable);
    expect(await dumpStore(store)).toBe(before);
    expect(await directory.verifyPassword(account.id, amira.password)).toBe(true);
    expect(valueOf(await journey.view()).stage).toBe('new_password');

    failOn = null;
    expect(valueOf(await journey.setPassword(newPassword, newPassword))).toMatchObject({ stage: 'done', outcome: 'changed', notice: 'queued' });
  });

  it('a change whose bookkeeping cannot be written says so, leaves the intent pending, and recovery completes it', async () => {
    valueOf(await journey.verifyCode(await codeSent()));
    const account = (await directory.findAccount('amira.khan'))!;
    failOn = 'reset.password_set';
    expect(valueOf(await journey.setPassword(newPassword, newPassword))).toEqual({
      stage: 'done',
      purpose: 'reset',
      outcome: 'changed_records_pending',
      notice: 'none',
      returnAfterSeconds: 10,
    });
    // The directory took the change; the completion (throttle reset, notice, audit row) rolled back as one.
    expect(await directory.verifyPassword(account.id, newPassword)).toBe(true);
    expect((await rowsOf<{ state: string }>(store, 'password_changes')).map((row) => row.state)).toEqual(['pending']);
    expect(await rowsOf(store, 'outbox')).toEqual([]);
    expect(await rowsOf(store, 'throttle_events')).not.toEqual([]);
    expect(await events()).not.toContain('reset.password_set:ok');

    failOn = null;
    clock.advance({ seconds: 1 });
    expect(await changer.recover({ olderThanMs: 0, onlyThisKiosk: true })).toEqual({ completed: 1, abandoned: 0 });
    expect((await rowsOf<{ state: string }>(store, 'password_changes')).map((row) => row.state)).toEqual(['completed']);
    expect((await rowsOf<{ recipient: string }>(store, 'outbox')).map((row) => row.recipient)).toEqual(['amira.khan@homemail.example']);
    const set = (await rowsOf<{ event: string; detail: string }>(store, 'audit_log')).filter((row) => row.event === 'reset.password_set');
    expect(set.map((row) => JSON.parse(row.detail) as unknown)).toEqual([
      { unlocked: false, noticesQueued: 1, recovered: true, intentKiosk: 'demo-kiosk-1' },
    ]);
    // Only the kiosk's own pacing events are left: the account's counts were reset with the change.
    expect(new Set((await rowsOf<{ scope: string }>(store, 'throttle_events')).map((row) => row.scope))).toEqual(new Set(['kioskRequests']));
  });
});
