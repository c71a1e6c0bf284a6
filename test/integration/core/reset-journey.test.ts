import { afterEach, expect, it } from 'vitest';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { demoAccounts } from '../../../electron/core/demo/demo-accounts.js';
import { fail } from '../../../shared/ipc/result.js';
import { describeEachBackend } from '../../support/backends.js';
import { codeIn, newestCodeIn, startTestKiosk, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs();
let t: TestKiosk | undefined;
afterEach(async () => {
  await t?.kiosk.close();
  t = undefined;
  dirs.removeAll();
});

const demo = (username: string) => demoAccounts.find((account) => account.username === username)!;
const directoryOf = (kiosk: TestKiosk) => createStoreDirectory(kiosk.kiosk.store, createArgon2Hasher(kiosk.kiosk.config.hashing), kiosk.clock);

/** Walks begin -> chooseMethod -> (code from the demo outbox) -> verify, through the router. */
async function proveIdentity(kiosk: TestKiosk, typed: string, username = typed): Promise<void> {
  // An earlier reset's notice may still be on its way: counted now, it cannot pass for the code.
  await kiosk.kiosk.settled();
  const before = kiosk.kiosk.demoOutbox!.messages().length;
  valueOf(await kiosk.call('journey:begin', { purpose: 'reset', username: typed }));
  valueOf(await kiosk.call('code:choose', { method: 'email' }));
  const messages = await kiosk.waitForMessages(before + 1);
  const code = codeIn(messages.at(-1)!.text);
  expect(valueOf(await kiosk.call('code:verify', { code }))).toEqual({ stage: 'new_password', purpose: 'reset', username });
}

describeEachBackend('the whole reset journey through the IPC router', (backend) => {
  it('changes the password: the old one stops working, the new one works', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    const amira = demo('amira.khan');
    const directory = directoryOf(t);
    const account = (await directory.findAccount('amira.khan'))!;
    expect(await directory.verifyPassword(account.id, amira.password)).toBe(true);

    // Before a proof no view carries the typed name: it may be a password typed in the wrong box.
    expect(valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }))).toEqual({ stage: 'choose_method', purpose: 'reset', methods: ['email', 'sms', 'app'], proof: { number: 1, of: 1 } });
    expect(valueOf(await t.call('code:choose', { method: 'email' }))).toEqual({
      stage: 'code_sent',
      purpose: 'reset',
      method: 'email',
      delivery: 'pending',
      codeLength: 8,
      expiresInSeconds: 600,
    });
    const [codeMail] = await t.waitForMessages(1);
    expect(codeMail).toMatchObject({ channel: 'email', to: 'amira.khan@homemail.example' });
    const code = codeIn(codeMail!.text);
    expect(valueOf(await t.call('code:verify', { code })).stage).toBe('new_password');

    const newPassword = 'Nt4kRw8pZm2xCv';
    const done = { stage: 'done', purpose: 'reset', outcome: 'changed', notice: 'queued', returnAfterSeconds: 10 };
    expect(valueOf(await t.call('password:set', { password: newPassword, confirmation: newPassword }))).toEqual(done);
    expect(await directory.verifyPassword(account.id, amira.password)).toBe(false);
    expect(await directory.verifyPassword(account.id, newPassword)).toBe(true);
    // No automatic sign-in: the only way on is back to the start.
    expect(valueOf(await t.call('session:get', {}))).toEqual(done);
    expect(await t.call('code:verify', { code })).toEqual(fail('WRONG_STAGE'));
    expect(valueOf(await t.call('session:startOver', {}))).toEqual({ stage: 'identify' });
  });

  it('resets by a code sent by text message to the verified mobile, and only there', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' }));
    expect(valueOf(await t.call('code:choose', { method: 'sms' }))).toMatchObject({ stage: 'code_sent', method: 'sms', delivery: 'pending' });
    const [text] = await t.waitForMessages(1);
    expect(text).toMatchObject({ channel: 'sms', to: '+447700900123', subject: '' });
    expect(text!.text).toMatch(/^Northfield University password reset code: \d{8}\nIt works for 10 minutes, once\. Never share this code\.$/);
    const code = /(\d{8})/.exec(text!.text)![1]!;
    expect(valueOf(await t.call('code:verify', { code }))).toEqual({ stage: 'new_password', purpose: 'reset', username: 'ben.okafor' });
    await t.kiosk.settled();
    expect(t.kiosk.demoOutbox!.messages()).toHaveLength(1);
  });

  it('refuses the current password and every earlier one, naming the rule', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    const amira = demo('amira.khan');
    await proveIdentity(t, 'amira.khan');
    for (const used of [amira.password, ...amira.earlierPasswords]) {
      expect(await t.call('password:set', { password: used, confirmation: used })).toEqual(fail('PASSWORD_REJECTED', { rules: ['reused'] }));
    }
    const first = 'Nt4kRw8pZm2xCv';
    valueOf(await t.call('password:set', { password: first, confirmation: first }));
    valueOf(await t.call('session:startOver', {}));

    await proveIdentity(t, 'amira.khan');
    for (const used of [first, amira.password, ...amira.earlierPasswords]) {
      expect(await t.call('password:set', { password: used, confirmation: used })).toEqual(fail('PASSWORD_REJECTED', { rules: ['reused'] }));
    }
    const second = 'Hq8cVm3tLw6pRz';
    expect(valueOf(await t.call('password:set', { password: second, confirmation: second })).stage).toBe('done');
    expect(await rowsOf(t.kiosk.store, 'password_history')).toHaveLength(3);
  });

  it('lists every failed rule together, and refuses two different entries as PASSWORDS_DIFFER', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    await proveIdentity(t, 'amira.khan');
    expect(await t.call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCw' })).toEqual(fail('PASSWORDS_DIFFER'));
    expect(await t.call('password:set', { password: 'khan!', confirmation: 'khan!' })).toEqual(
      fail('PASSWORD_REJECTED', { rules: ['too_short', 'needs_upper', 'needs_digit', 'forbidden_character', 'contains_name'] }),
    );
    expect(await t.call('password:set', { password: 'Northfield2026ab', confirmation: 'Northfield2026ab' })).toEqual(
      fail('PASSWORD_REJECTED', { rules: ['banned_term'] }),
    );
    // Refusals leave the person where they were, free to try again.
    expect(valueOf(await t.call('session:get', {})).stage).toBe('new_password');
  });

  it('notifies every verified address after the change, and never an unverified one', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    await proveIdentity(t, 'ben.okafor');
    const newPassword = 'Jd5wPq9xNb2kTm';
    valueOf(await t.call('password:set', { password: newPassword, confirmation: newPassword }));
    await t.kiosk.settled();
    const messages = await t.waitForMessages(5);
    const codeMails = messages.slice(0, 2);
    const notices = messages.slice(2).filter((message) => message.channel === 'email');
    expect(codeMails.map((message) => message.to).sort()).toEqual(['ben.okafor@homemail.example', 'ben.okafor@mail.example']);
    expect(notices.map((message) => message.to).sort()).toEqual(['ben.okafor@homemail.example', 'ben.okafor@mail.example']);
    // The verified mobile hears of it too, by a text with no link and no secret.
    const texts = messages.slice(2).filter((message) => message.channel === 'sms');
    expect(texts.map((message) => message.to)).toEqual(['+447700900123']);
    expect(texts[0]!.text).toMatch(/^Northfield University: your password was reset at a kiosk on /);
    expect(texts[0]!.text).not.toContain(newPassword);
    for (const notice of notices) {
      expect(notice.subject).not.toBe(codeMails[0]!.subject);
      expect(notice.text).toContain(t.kiosk.config.kiosk.location);
      expect(notice.text).not.toContain(newPassword);
      expect(notice.text).not.toMatch(/https?:\/\//);
    }

    await t.kiosk.close();
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    await proveIdentity(t, 'amira.khan');
    valueOf(await t.call('password:set', { password: newPassword, confirmation: newPassword }));
    const amiraMessages = await t.waitForMessages(2);
    expect(amiraMessages.map((message) => message.to)).toEqual(['amira.khan@homemail.example', 'amira.khan@homemail.example']);
  });

  it('unlocks a locked account by the reset', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    const directory = directoryOf(t);
    const dev = (await directory.findAccount('dev.patel'))!;
    expect(dev.locked).toBe(true);
    await proveIdentity(t, 'dev.patel');
    valueOf(await t.call('password:set', { password: 'Cv7nXt2mQp8wLs', confirmation: 'Cv7nXt2mQp8wLs' }));
    expect(await directory.isLocked(dev.id)).toBe(false);
    const row = await t.kiosk.store.db.selectFrom('accounts').select(['locked', 'locked_at']).where('id', '=', dev.id).executeTakeFirst();
    expect(row).toEqual({ locked: 0, locked_at: null });
  });

  it('clears the account’s failure count after a successful reset', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    const code = codeIn((await t.waitForMessages(1))[0]!.text);
    const wrong = code === '00000000' ? '00000001' : '00000000';
    for (const triesLeft of [4, 3, 2]) expect(await t.call('code:verify', { code: wrong })).toEqual(fail('CODE_WRONG', { triesLeft }));
    valueOf(await t.call('code:verify', { code }));
    valueOf(await t.call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' }));
    const subject = t.kiosk.pseudonym('amira.khan');
    expect((await rowsOf(t.kiosk.store, 'throttle_events')).filter((row) => row['subject'] === subject)).toEqual([]);

    // The notice of the reset goes out before the session ends, which empties the demo outbox.
    await t.kiosk.settled();
    valueOf(await t.call('session:startOver', {}));
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    const next = newestCodeIn(await t.waitForMessages(1));
    expect(await t.call('code:verify', { code: next === '00000000' ? '00000001' : '00000000' })).toEqual(fail('CODE_WRONG', { triesLeft: 4 }));
  });

  it('audits every step with the kiosk id, the account name once proved, and never the typed text', async () => {
    t = await startTestKiosk({ dataDir: dirs.make(), backend });
    await proveIdentity(t, 'Amira.Khan', 'amira.khan');
    valueOf(await t.call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' }));
    await t.waitForMessages(2);
    await t.kiosk.outbox.settled();
    const rows = await rowsOf<{ event: string; username: string | null; name_key: string | null; outcome: string; kiosk_id: string; at: string }>(t.kiosk.store, 'audit_log');
    expect(rows.map((row) => [row.event, row.outcome])).toEqual([
      ['reset.begin', 'ok'],
      ['reset.code_requested', 'ok'],
      ['reset.code_sent', 'ok'],
      ['reset.code_checked', 'ok'],
      ['reset.password_change_started', 'ok'],
      ['reset.password_set', 'ok'],
      ['notification.sent', 'ok'],
    ]);
    expect(JSON.stringify(rows)).not.toContain('Amira.Khan');
    // The typed form and the account's own name share one pseudonym, so the desk can follow them together.
    expect(new Set(rows.filter((row) => row.name_key !== null).map((row) => row.name_key))).toEqual(new Set([t.kiosk.pseudonym('amira.khan')]));
    expect(rows.filter((row) => row.event.startsWith('reset.')).map((row) => row.username)).toEqual([null, null, 'amira.khan', null, 'amira.khan', 'amira.khan']);
    expect(new Set(rows.map((row) => row.kiosk_id))).toEqual(new Set(['demo-kiosk-1']));
    expect(rows[0]!.at).toBe('2026-03-02T09:00:00.000Z');
  });
});
