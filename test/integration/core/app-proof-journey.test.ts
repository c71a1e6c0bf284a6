import { expect, it } from 'vitest';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { contactRows } from '../../../electron/core/store/contacts.js';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { fail } from '../../../shared/ipc/result.js';
import { appCodeAt, enrolTestApp } from '../../support/authenticator-app.js';
import { describeEachBackend } from '../../support/backends.js';
import { createFakeKeyring } from '../../support/fake-key-protector.js';
import { valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { useTestKiosks } from '../../support/kiosk-lifecycle.js';
import { sentCode, wrongCodeFor } from '../../support/walk-up-proofs.js';

const kiosks = useTestKiosks();
const coolingOff = (days: number) => (config: KioskConfig): KioskConfig => ({ ...config, registration: { ...config.registration, coolingOffDays: days } });
const twoProofs = (config: KioskConfig): KioskConfig => ({ ...config, reset: { requiredProofs: 2 } });
const directoryOf = (t: TestKiosk) => createStoreDirectory(t.kiosk.store, createArgon2Hasher(t.kiosk.config.hashing), t.clock);
/** The app's code now (the test clock's time). */
const appCode = (t: TestKiosk, secret: string) => appCodeAt(secret, t.clock.now());
/** A six-digit code the app does not show now (nor one step either side). */
const wrongAppCode = (t: TestKiosk, secret: string) => {
  const near = [-30, 0, 30].map((seconds) => appCodeAt(secret, new Date(t.clock.now().getTime() + seconds * 1000)));
  return ['000000', '111111', '222222', '333333'].find((code) => !near.includes(code))!;
};
const appCodeSent = (t: TestKiosk, purpose: 'reset' | 'unlock', secondsLeft: number) => ({
  stage: 'code_sent',
  purpose,
  method: 'app',
  delivery: 'in_app',
  codeLength: 6,
  expiresInSeconds: secondsLeft,
});
const events = async (t: TestKiosk) =>
  (await rowsOf<{ event: string; outcome: string; detail: string | null }>(t.kiosk.store, 'audit_log')).map((row) => ({
    event: row.event,
    outcome: row.outcome,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
  }));

describeEachBackend('"Code from my authenticator app" for reset and unlock', (backend) => {
  it('is offered to everyone alike, sends nothing, and resets with the app’s code', async () => {
    const t = await kiosks.start({ backend });
    const secret = await enrolTestApp(t, 'amira.khan');
    expect(valueOf(await t.call('kiosk:info', {})).proofMethods).toEqual(['email', 'sms', 'app']);
    t.clock.advance({ seconds: 30 });
    expect(valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }))).toEqual({
      stage: 'choose_method',
      purpose: 'reset',
      methods: ['email', 'sms', 'app'],
      proof: { number: 1, of: 1 },
    });
    // The screen stays usable until the session's own limit (15 minutes from its start).
    expect(valueOf(await t.call('code:choose', { method: 'app' }))).toEqual(appCodeSent(t, 'reset', 15 * 60));
    // Nothing to send again: the app makes its own codes.
    expect(await t.call('code:resend', {})).toEqual(fail('NOT_AVAILABLE'));
    expect(valueOf(await t.call('code:verify', { code: appCode(t, secret) }))).toEqual({ stage: 'new_password', purpose: 'reset', username: 'amira.khan' });
    await t.kiosk.settled();
    expect(t.kiosk.demoOutbox!.messages()).toEqual([]);
    expect(valueOf(await t.call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' }))).toMatchObject({ stage: 'done', outcome: 'changed' });
    expect((await events(t)).filter((row) => row.event.startsWith('reset.code_'))).toEqual([
      { event: 'reset.code_requested', outcome: 'ok', detail: { method: 'app' } },
      { event: 'reset.code_checked', outcome: 'ok', detail: { method: 'app' } },
    ]);
    expect(JSON.stringify(await rowsOf(t.kiosk.store, 'audit_log'))).not.toContain(secret);
  });

  it('is not offered at all where the kiosk cannot keep app secrets safely', async () => {
    const refusal = 'this computer has no keyring (GNOME Keyring or KWallet) for Electron safeStorage';
    const t = await kiosks.start({ backend, keyProtector: createFakeKeyring({ backend: 'basic_text', refusal }) });
    expect(valueOf(await t.call('kiosk:info', {})).proofMethods).toEqual(['email', 'sms']);
    expect(valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }))).toEqual({ stage: 'choose_method', purpose: 'reset', methods: ['email', 'sms'], proof: { number: 1, of: 1 } });
    expect(await t.call('code:choose', { method: 'app' })).toEqual(fail('NOT_AVAILABLE'));
    expect(valueOf(await t.call('session:get', {})).stage).toBe('choose_method');
  });

  it('unlocks a locked account with the app’s code', async () => {
    const t = await kiosks.start({ backend });
    const secret = await enrolTestApp(t, 'dev.patel');
    t.clock.advance({ seconds: 30 });
    valueOf(await t.call('journey:begin', { purpose: 'unlock', username: 'dev.patel' }));
    expect(valueOf(await t.call('code:choose', { method: 'app' }))).toEqual(appCodeSent(t, 'unlock', 15 * 60));
    expect(valueOf(await t.call('code:verify', { code: appCode(t, secret) }))).toMatchObject({ stage: 'done', purpose: 'unlock', outcome: 'unlocked' });
    expect(await directoryOf(t).isLocked((await directoryOf(t).findAccount('dev.patel'))!.id)).toBe(false);
  });

  it('never accepts the same code twice: not the enrolment’s, not one already used for a reset', async () => {
    const t = await kiosks.start({ backend });
    const secret = await enrolTestApp(t, 'amira.khan');
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'app' }));
    // The code typed to finish setting the app up.
    expect(await t.call('code:verify', { code: appCode(t, secret) })).toEqual(fail('CODE_WRONG', { triesLeft: 4 }));
    t.clock.advance({ seconds: 30 });
    const code = appCode(t, secret);
    expect(valueOf(await t.call('code:verify', { code })).stage).toBe('new_password');

    valueOf(await t.call('session:startOver', {}));
    valueOf(await t.call('journey:begin', { purpose: 'unlock', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'app' }));
    expect(await t.call('code:verify', { code })).toEqual(fail('CODE_WRONG', { triesLeft: 3 }));
  });

  it('counts wrong app codes in the same limit as wrong email codes: 3 + 2 blocks the name', async () => {
    const t = await kiosks.start({ backend });
    const secret = await enrolTestApp(t, 'amira.khan');
    t.clock.advance({ seconds: 30 });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    const emailed = await sentCode(t, 'email');
    for (const triesLeft of [4, 3, 2]) expect(await t.call('code:verify', { code: wrongCodeFor(emailed) })).toEqual(fail('CODE_WRONG', { triesLeft }));
    valueOf(await t.call('session:startOver', {}));
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'app' }));
    expect(await t.call('code:verify', { code: wrongAppCode(t, secret) })).toEqual(fail('CODE_WRONG', { triesLeft: 1 }));
    const blocked = { retryAfterSeconds: 86_400, until: '2026-03-03T09:00:30.000Z' };
    expect(await t.call('code:verify', { code: wrongAppCode(t, secret) })).toEqual(fail('TOO_MANY_ATTEMPTS', blocked));
    // Blocked: the journey ends in the blocked stage, where even the right code is not looked at.
    expect(await t.call('code:verify', { code: appCode(t, secret) })).toEqual(fail('WRONG_STAGE'));
    // Asking again in a new session is refused the same way, by either method.
    for (const method of ['app', 'email'] as const) {
      valueOf(await t.call('session:startOver', {}));
      valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
      expect(await t.call('code:choose', { method })).toEqual(fail('TOO_MANY_ATTEMPTS', blocked));
      expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'blocked', purpose: 'reset', until: blocked.until });
    }
  });

  it('answers an unknown name and an account without an app exactly as one with an app, for wrong codes', async () => {
    const t = await kiosks.start({ backend });
    const secret = await enrolTestApp(t, 'amira.khan');
    t.clock.advance({ seconds: 30 });
    const wrong = wrongAppCode(t, secret);
    const walk = async (username: string) => {
      valueOf(await t.call('session:startOver', {}));
      const before = (await rowsOf<{ scope: string }>(t.kiosk.store, 'throttle_events')).length;
      const answers = [
        await t.call('journey:begin', { purpose: 'reset', username }),
        await t.call('code:choose', { method: 'app' }),
        await t.call('code:resend', {}),
        await t.call('code:verify', { code: wrong }),
        await t.call('code:verify', { code: wrong }),
        await t.call('session:get', {}),
      ];
      const counted = (await rowsOf<{ scope: string }>(t.kiosk.store, 'throttle_events')).slice(before).map((row) => row.scope);
      return { answers: JSON.stringify(answers), counted };
    };
    const registered = await walk('amira.khan');
    expect(JSON.parse(registered.answers)).toEqual([
      { ok: true, value: { stage: 'choose_method', purpose: 'reset', methods: ['email', 'sms', 'app'], proof: { number: 1, of: 1 } } },
      { ok: true, value: appCodeSent(t, 'reset', 15 * 60) },
      fail('NOT_AVAILABLE'),
      fail('CODE_WRONG', { triesLeft: 4 }),
      fail('CODE_WRONG', { triesLeft: 3 }),
      { ok: true, value: appCodeSent(t, 'reset', 15 * 60) },
    ]);
    for (const username of ['no.such.person', 'ben.okafor', 'chloe.martin']) {
      expect(await walk(username), username).toEqual(registered);
    }
    await t.kiosk.settled();
    expect(t.kiosk.demoOutbox!.messages()).toEqual([]);
  });

  it('refuses a right code from an app set up within the cooling-off, then allows it once the window is over', async () => {
    const t = await kiosks.start({ backend, configure: coolingOff(7) });
    const secret = await enrolTestApp(t, 'amira.khan');
    t.clock.advance({ seconds: 30 });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'app' }));
    expect(await t.call('code:verify', { code: wrongAppCode(t, secret) })).toEqual(fail('CODE_WRONG', { triesLeft: 4 }));
    expect(await t.call('code:verify', { code: appCode(t, secret) })).toEqual(fail('METHOD_COOLING_OFF', { until: '2026-03-09T09:00:00.000Z' }));
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'choose_method', purpose: 'reset', methods: ['email', 'sms'], proof: { number: 1, of: 1 } });
    expect(await t.call('code:choose', { method: 'app' })).toEqual(fail('NOT_AVAILABLE'));
    expect((await events(t)).filter((row) => row.event === 'reset.method_cooling_off')).toEqual([
      { event: 'reset.method_cooling_off', outcome: 'refused', detail: { method: 'app', until: '2026-03-09T09:00:00.000Z', next: 'choose_method' } },
    ]);

    valueOf(await t.call('session:startOver', {}));
    t.clock.advance({ hours: 7 * 24 });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'app' }));
    expect(valueOf(await t.call('code:verify', { code: appCode(t, secret) })).stage).toBe('new_password');
  });

  it('ends the session when every method it offers is cooling off', async () => {
    const t = await kiosks.start({ backend, configure: (config) => coolingOff(7)({ ...config, sms: { provider: 'none', defaultRegion: 'GB' } }) });
    const secret = await enrolTestApp(t, 'amira.khan');
    const id = (await directoryOf(t).findAccount('amira.khan'))!.id;
    await t.kiosk.store.run((tx) => contactRows.add(tx, id, { kind: 'email', value: 'amira.new@homemail.example', verifiedAt: t.clock.now().toISOString() }));
    t.clock.advance({ seconds: 30 });
    valueOf(await t.call('journey:begin', { purpose: 'unlock', username: 'amira.khan' }));
    expect(await t.call('code:verify', { code: await sentCode(t, 'email') })).toEqual(fail('METHOD_COOLING_OFF', { until: '2026-03-09T09:00:00.000Z' }));
    // The app is the one method left: it is taken at once (issue 12, item 4).
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'code_sent', method: 'app' });
    expect(await t.call('code:verify', { code: appCode(t, secret) })).toEqual(fail('METHOD_COOLING_OFF', { until: '2026-03-09T09:00:00.000Z' }));
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
    expect((await events(t)).filter((row) => row.event === 'unlock.method_cooling_off').map((row) => row.detail)).toEqual([
      { method: 'email', until: '2026-03-09T09:00:00.000Z', next: 'choose_method' },
      { method: 'app', until: '2026-03-09T09:00:00.000Z', next: 'identify' },
    ]);
  });

  it('with two proofs: email then app, each method once, and the second chooser lacks the first', async () => {
    const t = await kiosks.start({ backend, configure: twoProofs });
    const secret = await enrolTestApp(t, 'amira.khan');
    t.clock.advance({ seconds: 30 });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    expect(valueOf(await t.call('code:verify', { code: await sentCode(t, 'email') }))).toEqual({
      stage: 'choose_method',
      purpose: 'reset',
      methods: ['sms', 'app'],
      proof: { number: 2, of: 2 },
    });
    expect(await t.call('code:choose', { method: 'email' })).toEqual(fail('NOT_AVAILABLE'));
    expect(valueOf(await t.call('code:choose', { method: 'app' }))).toMatchObject({ method: 'app', delivery: 'in_app', codeLength: 6 });
    expect(valueOf(await t.call('code:verify', { code: appCode(t, secret) }))).toEqual({ stage: 'new_password', purpose: 'reset', username: 'amira.khan' });

    // App first, then the app again is refused.
    valueOf(await t.call('session:startOver', {}));
    t.clock.advance({ seconds: 30 });
    valueOf(await t.call('journey:begin', { purpose: 'unlock', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'app' }));
    expect(valueOf(await t.call('code:verify', { code: appCode(t, secret) }))).toEqual({ stage: 'choose_method', purpose: 'unlock', methods: ['email', 'sms'], proof: { number: 2, of: 2 } });
    expect(await t.call('code:choose', { method: 'app' })).toEqual(fail('NOT_AVAILABLE'));
  });
});
