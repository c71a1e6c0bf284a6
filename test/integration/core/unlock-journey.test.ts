import { expect, it } from 'vitest';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { fail } from '../../../shared/ipc/result.js';
import { describeEachBackend } from '../../support/backends.js';
import { codeIn, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { useTestKiosks } from '../../support/kiosk-lifecycle.js';

const kiosks = useTestKiosks();
const directoryOf = (t: TestKiosk) => createStoreDirectory(t.kiosk.store, createArgon2Hasher(t.kiosk.config.hashing), t.clock);

/** "Account locked?" up to the code, through the router as the page calls it; returns the code's answer. */
async function unlockWithCode(t: TestKiosk, username: string, method: 'email' | 'sms') {
  await t.kiosk.settled();
  const before = t.kiosk.demoOutbox!.messages().length;
  expect(valueOf(await t.call('journey:begin', { purpose: 'unlock', username }))).toEqual({ stage: 'choose_method', purpose: 'unlock', methods: ['email', 'sms', 'app'], proof: { number: 1, of: 1 } });
  expect(valueOf(await t.call('code:choose', { method }))).toMatchObject({ stage: 'code_sent', purpose: 'unlock', method, delivery: 'pending' });
  const message = (await t.waitForMessages(before + 1)).at(-1)!;
  expect(message.channel).toBe(method);
  const code = method === 'email' ? codeIn(message.text) : /(\d{8})/.exec(message.text)![1]!;
  return t.call('code:verify', { code });
}

describeEachBackend('"Account locked?": unlock without a reset', (backend) => {
  it('unlocks a locked account by email and leaves its password and history byte for byte as they were', async () => {
    const t = await kiosks.start({ backend });
    const directory = directoryOf(t);
    const dev = (await directory.findAccount('dev.patel'))!;
    expect(dev.locked).toBe(true);
    const before = { account: await t.kiosk.store.db.selectFrom('accounts').select(['password_hash', 'password_changed_at']).where('id', '=', dev.id).executeTakeFirst(), history: await rowsOf(t.kiosk.store, 'password_history') };

    expect(valueOf(await unlockWithCode(t, 'dev.patel', 'email'))).toEqual({ stage: 'done', purpose: 'unlock', outcome: 'unlocked', notice: 'queued', returnAfterSeconds: 10 });
    expect(await directory.isLocked(dev.id)).toBe(false);
    expect(await directory.verifyPassword(dev.id, 'Gm5rXv3bPc9yTs')).toBe(true);
    expect({ account: await t.kiosk.store.db.selectFrom('accounts').select(['password_hash', 'password_changed_at']).where('id', '=', dev.id).executeTakeFirst(), history: await rowsOf(t.kiosk.store, 'password_history') }).toEqual(before);

    await t.kiosk.settled();
    const notice = t.kiosk.demoOutbox!.messages().at(-1)!;
    expect(notice).toMatchObject({ channel: 'email', to: 'dev.patel@homemail.example', subject: 'Your Northfield University account was unlocked' });
    expect(notice.text).toContain('Its password was not changed.');
    expect(notice.text).toContain(t.kiosk.config.kiosk.location);
    const events = (await rowsOf<{ event: string }>(t.kiosk.store, 'audit_log')).map((row) => row.event);
    expect(events).toEqual(expect.arrayContaining(['unlock.begin', 'unlock.code_requested', 'unlock.code_checked', 'unlock.unlocked', 'notification.sent']));
    // No automatic sign-in or second unlock: only back to the start.
    expect(await t.call('code:verify', { code: '12345678' })).toEqual(fail('WRONG_STAGE'));
  });

  it('unlocks by a text message to a verified mobile (farid.haddad has only a phone)', async () => {
    const t = await kiosks.start({ backend });
    expect(valueOf(await unlockWithCode(t, 'farid.haddad', 'sms'))).toMatchObject({ stage: 'done', purpose: 'unlock', outcome: 'unlocked', notice: 'queued' });
    expect(await directoryOf(t).isLocked((await directoryOf(t).findAccount('farid.haddad'))!.id)).toBe(false);
    await t.kiosk.settled();
    // Registered by mobile only, so the notice is a text too.
    const [code, notice] = t.kiosk.demoOutbox!.messages();
    expect(code!.text).toMatch(/^Northfield University account unlock code: \d{8}\n/);
    expect(notice).toMatchObject({ channel: 'sms', to: '+447700900789' });
    expect(notice!.text).toMatch(/^Northfield University: your account was unlocked \(password unchanged\) at a kiosk on Mar 2, \d{1,2}:00 [AP]M\. Not you\? Call the IT Service Desk on 01632 960 321\.$/);
  });

  it('says an account that was not locked was not locked, and changes nothing', async () => {
    const t = await kiosks.start({ backend });
    const before = await rowsOf(t.kiosk.store, 'accounts');
    expect(valueOf(await unlockWithCode(t, 'amira.khan', 'email'))).toEqual({ stage: 'done', purpose: 'unlock', outcome: 'not_locked', notice: 'none', returnAfterSeconds: 10 });
    expect(await rowsOf(t.kiosk.store, 'accounts')).toEqual(before);
    expect((await rowsOf<{ event: string }>(t.kiosk.store, 'audit_log')).map((row) => row.event)).toContain('unlock.not_locked');
    expect(await rowsOf(t.kiosk.store, 'outbox')).toEqual([]);
  });

  it('answers an unknown name exactly as a locked registered one until the code, and the unlock code cannot reset', async () => {
    const t = await kiosks.start({ backend });
    const answers = async (username: string) => {
      await t.call('session:startOver', {});
      return [await t.call('journey:begin', { purpose: 'unlock', username }), await t.call('code:choose', { method: 'email' })];
    };
    expect(await answers('nobody.here')).toEqual(await answers('dev.patel'));
    await t.kiosk.settled();
    // The stage table keeps the journeys apart: an unlock session never reaches a new password.
    expect(await t.call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' })).toEqual(fail('WRONG_STAGE'));
    const code = codeIn(t.kiosk.demoOutbox!.messages().at(-1)!.text);
    expect(valueOf(await t.call('code:verify', { code })).stage).toBe('done');
  });
});
