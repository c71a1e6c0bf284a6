import { expect, it } from 'vitest';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { fail } from '../../../shared/ipc/result.js';
import { describeEachBackend } from '../../support/backends.js';
import { codeIn, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { insertTestAccount } from '../../support/core-store.js';
import { rowsOf } from '../../support/database-dump.js';
import { useTestKiosks } from '../../support/kiosk-lifecycle.js';

const kiosks = useTestKiosks();
const directoryOf = (t: TestKiosk) => createStoreDirectory(t.kiosk.store, createArgon2Hasher(t.kiosk.config.hashing), t.clock);
const amiraPassword = 'Wq3nVb8zHt5kLp';
const newPassword = 'Nt4kRw8pZm2xCv';

const signIn = (t: TestKiosk, username: string, password: string) => t.call('journey:signIn', { purpose: 'change', username, password });

describeEachBackend('"Change your password": a password the person knows', (backend) => {
  it('signs in with the current password, then takes a new one: the old stops working, a notice is queued', async () => {
    const t = await kiosks.start({ backend });
    expect(valueOf(await signIn(t, 'Amira.Khan', amiraPassword))).toEqual({ stage: 'new_password', purpose: 'change', username: 'amira.khan' });
    expect(await t.call('password:set', { password: amiraPassword, confirmation: amiraPassword })).toEqual(fail('PASSWORD_REJECTED', { rules: ['reused'] }));
    expect(valueOf(await t.call('password:set', { password: newPassword, confirmation: newPassword }))).toEqual({
      stage: 'done',
      purpose: 'change',
      outcome: 'changed',
      notice: 'queued',
      returnAfterSeconds: 10,
    });
    const directory = directoryOf(t);
    const amira = (await directory.findAccount('amira.khan'))!;
    expect(await directory.verifyPassword(amira.id, newPassword)).toBe(true);
    expect(await directory.verifyPassword(amira.id, amiraPassword)).toBe(false);
    await t.kiosk.settled();
    expect(t.kiosk.demoOutbox!.messages().at(-1)).toMatchObject({ to: 'amira.khan@homemail.example', subject: 'Your Northfield University password was changed' });
    const events = (await rowsOf<{ event: string }>(t.kiosk.store, 'audit_log')).map((row) => row.event);
    expect(events).toEqual(['change.sign_in', 'change.password_rejected', 'change.password_change_started', 'change.password_set', 'notification.sent']);
  });

  it('gives a wrong password and an unknown username the same words, and moves nowhere', async () => {
    const t = await kiosks.start({ backend });
    const wrongPassword = await signIn(t, 'amira.khan', 'Wrong0Password1');
    const unknownName = await signIn(t, 'nobody.here', amiraPassword);
    expect(wrongPassword).toEqual(fail('SIGN_IN_FAILED'));
    expect(unknownName).toEqual(wrongPassword);
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
    // Neither the typed name nor the typed password is kept: only the name's pseudonym, in the audit.
    const audit = JSON.stringify(await rowsOf(t.kiosk.store, 'audit_log'));
    expect(audit).not.toContain('nobody.here');
    expect(audit).not.toContain('Wrong0Password1');
    expect(audit).not.toContain(amiraPassword);
  });

  it('counts wrong current passwords toward the lockout; then the right one is told to use "Account locked?", which works', async () => {
    const t = await kiosks.start({ backend, configure: (config) => ({ ...config, lockout: { failedSignIns: { limit: 3, windowMinutes: 30, lockMinutes: 30 } } }) });
    for (let i = 0; i < 3; i += 1) expect(await signIn(t, 'amira.khan', `Wrong0Password${i}`)).toEqual(fail('SIGN_IN_FAILED'));
    expect(await signIn(t, 'amira.khan', 'Wrong0Password9')).toEqual(fail('SIGN_IN_FAILED'));
    expect(await signIn(t, 'amira.khan', amiraPassword)).toEqual(fail('ACCOUNT_LOCKED'));

    valueOf(await t.call('journey:begin', { purpose: 'unlock', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await t.kiosk.settled();
    expect(valueOf(await t.call('code:verify', { code: codeIn(t.kiosk.demoOutbox!.messages().at(-1)!.text) }))).toMatchObject({ outcome: 'unlocked' });
    valueOf(await t.call('session:startOver', {}));
    expect(valueOf(await signIn(t, 'amira.khan', amiraPassword)).stage).toBe('new_password');
  });

  it('tells a disabled account to see the Service Desk, only when its password was right', async () => {
    const t = await kiosks.start({ backend });
    const hasher = createArgon2Hasher(t.kiosk.config.hashing);
    await insertTestAccount(t.kiosk.store, 'gail.disabled', { status: 'disabled', passwordHash: await hasher.hash('Hv4mTq8zRn2cWx') });
    expect(await signIn(t, 'gail.disabled', 'Wrong0Password1')).toEqual(fail('SIGN_IN_FAILED'));
    expect(await signIn(t, 'gail.disabled', 'Hv4mTq8zRn2cWx')).toEqual(fail('ACCOUNT_DISABLED'));
  });

  it('paces a guesser at the kiosk like wrong codes, whatever names are typed', async () => {
    const roomy = { free: 2, limit: 100, windowMinutes: 60, firstWaitSeconds: 5, maxWaitSeconds: 60 };
    const t = await kiosks.start({ backend, configure: (config) => ({ ...config, throttle: { ...config.throttle, kioskFailedProofs: roomy } }) });
    expect(await signIn(t, 'a.one', 'Wrong0Password1')).toEqual(fail('SIGN_IN_FAILED'));
    expect(await signIn(t, 'b.two', 'Wrong0Password1')).toEqual(fail('SIGN_IN_FAILED'));
    expect(await signIn(t, 'amira.khan', amiraPassword)).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 5 } } });
    t.clock.advance({ seconds: 5 });
    expect(valueOf(await signIn(t, 'amira.khan', amiraPassword)).stage).toBe('new_password');
  });
});
