import { afterEach, expect, it } from 'vitest';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import type { Directory } from '../../../electron/core/ports.js';
import { createPasswordChanger } from '../../../electron/core/reset/password-change.js';
import type { Store } from '../../../electron/core/store/store.js';
import { StoreUnavailableError } from '../../../electron/core/store/store-errors.js';
import { describeEachBackend } from '../../support/backends.js';
import { startTestKiosk, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
let t: TestKiosk | undefined;
afterEach(async () => {
  await t?.kiosk.close();
  t = undefined;
  dirs.removeAll();
});

const newPassword = 'Nt4kRw8pZm2xCv';

/** The store, except that its `failing`-th transaction fails as a full disk would. */
function storeFailingAt(store: Store, failing: number): Store {
  let runs = 0;
  return {
    ...store,
    run: (work) => {
      runs += 1;
      return runs === failing ? Promise.reject(new StoreUnavailableError('disk_full', 'SQLITE_FULL: database or disk is full')) : store.run(work);
    },
  };
}

function changerOver(kiosk: TestKiosk, store: Store, directory?: Directory) {
  const { config } = kiosk.kiosk;
  return createPasswordChanger({
    store,
    directory: directory ?? createStoreDirectory(kiosk.kiosk.store, createArgon2Hasher(config.hashing), kiosk.clock),
    audit: kiosk.kiosk.audit,
    throttle: kiosk.kiosk.throttle,
    pseudonym: kiosk.kiosk.pseudonym,
    clock: kiosk.clock,
    config,
    log: (line) => kiosk.logLines.push(line),
  });
}

async function amira(kiosk: TestKiosk) {
  const directory = createStoreDirectory(kiosk.kiosk.store, createArgon2Hasher(kiosk.kiosk.config.hashing), kiosk.clock);
  return { directory, account: (await directory.findAccount('amira.khan'))! };
}

const events = async (kiosk: TestKiosk) => (await rowsOf<{ event: string }>(kiosk.kiosk.store, 'audit_log')).map((row) => row.event);

describeEachBackend('a password change is never left without its record', (backend) => {
  it('when the bookkeeping fails after the directory write, says so, and the next start completes audit and notice', async () => {
    const dataDir = dirs.make();
    const mail = createRecordingEmailSender();
    t = await startTestKiosk({ dataDir, backend, persistent: true, email: mail.sender });
    const { directory, account } = await amira(t);
    // Transaction 1 records the intent; 2 (the bookkeeping) meets a full disk.
    const result = await changerOver(t, storeFailingAt(t.kiosk.store, 2)).change({ account, typedName: 'Amira.Khan', password: newPassword, purpose: 'reset' });
    expect(result).toEqual({ outcome: 'changed_records_pending', notice: 'none' });
    expect(await directory.verifyPassword(account.id, newPassword)).toBe(true);
    expect(await events(t)).toEqual(['reset.password_change_started']);
    expect((await rowsOf<{ state: string }>(t.kiosk.store, 'password_changes')).map((row) => row.state)).toEqual(['pending']);

    await t.kiosk.close();
    t = await startTestKiosk({ dataDir, backend, persistent: true, email: mail.sender });
    await t.kiosk.settled();
    expect(await events(t)).toEqual(['reset.password_change_started', 'reset.password_set', 'notification.sent']);
    const set = (await rowsOf<{ event: string; username: string; detail: string }>(t.kiosk.store, 'audit_log'))[1]!;
    expect(set.username).toBe('amira.khan');
    expect(JSON.parse(set.detail)).toMatchObject({ recovered: true, noticesQueued: 1 });
    expect((await rowsOf<{ state: string }>(t.kiosk.store, 'password_changes')).map((row) => row.state)).toEqual(['completed']);
    expect((await rowsOf<{ recipient: string; sent_at: string | null }>(t.kiosk.store, 'outbox')).map((row) => [row.recipient, row.sent_at !== null])).toEqual([
      ['amira.khan@homemail.example', true],
    ]);
    expect(mail.sent.map((message) => message.to)).toEqual(['amira.khan@homemail.example']);
    expect(mail.sent[0]!.subject).toContain('password was reset');
  });

  it('when the directory write fails for want of a database, nothing changed: the intent is closed and the person told', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend, persistent: true, email: createRecordingEmailSender().sender });
    const { directory, account } = await amira(t);
    const refusing: Directory = { ...directory, setPassword: () => Promise.reject(new StoreUnavailableError('io_error', 'SQLITE_IOERR_WRITE')) };
    const result = await changerOver(t, t.kiosk.store, refusing).change({ account, typedName: 'amira.khan', password: newPassword, purpose: 'reset' });
    expect(result).toEqual({ outcome: 'not_changed', notice: 'none' });
    expect(await directory.verifyPassword(account.id, newPassword)).toBe(false);
    expect(await events(t)).toEqual(['reset.password_change_started', 'reset.password_not_set']);
    expect((await rowsOf<{ state: string }>(t.kiosk.store, 'password_changes')).map((row) => row.state)).toEqual(['abandoned']);
  });

  it('when the directory went silent after taking the change, calls it unconfirmed, and recovery finds and completes it', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend, persistent: true, email: createRecordingEmailSender().sender });
    const { directory, account } = await amira(t);
    const silent: Directory = {
      ...directory,
      setPassword: async (id, password) => {
        await directory.setPassword(id, password);
        throw new Error('socket hang up');
      },
    };
    const changer = changerOver(t, t.kiosk.store, silent);
    expect(await changer.change({ account, typedName: 'amira.khan', password: newPassword, purpose: 'reset' })).toEqual({ outcome: 'unconfirmed', notice: 'none' });
    expect(await changer.recover({ olderThanMs: 0, onlyThisKiosk: true })).toEqual({ completed: 1, abandoned: 0 });
    expect(await events(t)).toEqual(['reset.password_change_started', 'reset.password_set']);
  });

  it('when the kiosk stopped between the intent and the directory write, recovery closes the intent as never done', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend, persistent: true, email: createRecordingEmailSender().sender });
    const { directory, account } = await amira(t);
    const stopped: Directory = { ...directory, setPassword: () => new Promise<void>(() => undefined) };
    void changerOver(t, t.kiosk.store, stopped).change({ account, typedName: 'amira.khan', password: newPassword, purpose: 'reset' });
    await expect.poll(async () => (await rowsOf(t!.kiosk.store, 'password_changes')).length).toBe(1);
    t.clock.advance({ seconds: 1 });
    expect(await changerOver(t, t.kiosk.store).recover({ olderThanMs: 0, onlyThisKiosk: true })).toEqual({ completed: 0, abandoned: 1 });
    expect(await events(t)).toEqual(['reset.password_change_started', 'reset.password_not_set']);
    expect(await rowsOf(t.kiosk.store, 'outbox')).toEqual([]);
  });

  it('ends the walk-up session either way, with the outcome in the Done view', async () => {
    const mail = createRecordingEmailSender();
    t = await startTestKiosk({ dataDir: dirs.make(), backend, persistent: true, email: mail.sender });
    // Through the router: a change that completes ends at Done with a queued notice.
    await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' });
    await t.call('code:choose', { method: 'email' });
    await t.kiosk.settled();
    const code = /^\s*(\d{8})\s*$/m.exec(mail.sent[0]!.text)![1]!;
    await t.call('code:verify', { code });
    const done = await t.call('password:set', { password: newPassword, confirmation: newPassword });
    expect(done).toEqual({ ok: true, value: { stage: 'done', purpose: 'reset', outcome: 'changed', notice: 'queued', returnAfterSeconds: 10 } });
    expect(await t.call('password:set', { password: newPassword, confirmation: newPassword })).toEqual({ ok: false, error: { code: 'WRONG_STAGE' } });
  });
});
