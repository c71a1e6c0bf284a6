import { TOTP, URI } from 'otpauth';
import { expect, it } from 'vitest';
import { fail, type Result } from '../../../shared/ipc/result.js';
import { describeEachBackend } from '../../support/backends.js';
import { valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { dumpStore, rowsOf } from '../../support/database-dump.js';
import { useTestKiosks } from '../../support/kiosk-lifecycle.js';
import { messagesAfter, registerAs, stageOf, type RegisterView } from '../../support/registration.js';

const kiosks = useTestKiosks();

/** What a person's app shows now, from the secret the enrolment screen gave them (as a phone computes it). */
function appCode(t: TestKiosk, setup: RegisterView<'app_setup'>, offsetSteps = 0): string {
  const totp = URI.parse(setup.otpauthUri) as TOTP;
  return totp.generate({ timestamp: t.clock.now().getTime() + offsetSteps * 30_000 });
}
const secretOf = (setup: RegisterView<'app_setup'>) => setup.secretGroups.replace(/ /g, '');
const wrongCode = (right: string) => (right === '000000' ? '111111' : '000000');

describeEachBackend('registration: an authenticator app', (backend) => {
  it('enrols an app with a code it made; after the enrolment screen its secret appears in no answer, audit row, outbox row or log line', async () => {
    const t = await kiosks.start({ backend });
    await registerAs(t, 'amira.khan');
    const since = t.kiosk.demoOutbox!.messages().length;
    const setup = stageOf(await t.call('method:addApp', {}), 'app_setup');
    expect(setup).toMatchObject({ purpose: 'register', issuer: 'Northfield University', accountLabel: 'amira.khan', digits: 6, periodSeconds: 30 });
    expect(setup.secretGroups).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    expect(setup.otpauthUri).toContain(`secret=${secretOf(setup)}`);
    expect(setup.qr.rows).toHaveLength(setup.qr.size);
    // The screen is there again if the page asks (still the enrolment screen).
    expect(valueOf(await t.call('session:get', {}))).toEqual(setup);

    const secret = secretOf(setup);
    const answers: Result<unknown>[] = [];
    const call: TestKiosk['call'] = async (channel, payload) => {
      const answer = await t.call(channel, payload);
      answers.push(answer);
      return answer;
    };
    expect(await call('method:confirm', { code: wrongCode(appCode(t, setup)) })).toEqual(fail('CODE_WRONG', { triesLeft: 4 }));
    const review = stageOf(await call('method:confirm', { code: appCode(t, setup) }), 'method_review');
    expect(review).toEqual({ stage: 'method_review', purpose: 'register', change: { action: 'add', kind: 'app', masked: '' } });
    await call('session:get', {});
    await call('session:stillHere', {});
    const saved = stageOf(await call('method:save', {}), 'methods');
    await call('session:get', {});
    expect(saved.saved).toEqual({ change: { action: 'add', kind: 'app', masked: '' }, notice: 'queued' });
    const app = saved.methods.find((method) => method.kind === 'app')!;
    expect(app).toEqual({ id: expect.stringMatching(/^app:\d+$/), kind: 'app', masked: '', addedAt: t.clock.now().toISOString() });

    await t.kiosk.settled();
    const notices = await messagesAfter(t, since);
    expect(notices.map((m) => [m.to, m.subject])).toEqual([['amira.khan@homemail.example', 'A way to reset your Northfield University password was added']]);
    expect(notices[0]!.text).toContain('An authenticator app was added to the account amira.khan');

    const secretGroups = setup.secretGroups.split(' ');
    const everything = JSON.stringify({
      answers,
      audit: await rowsOf(t.kiosk.store, 'audit_log'),
      outbox: await rowsOf(t.kiosk.store, 'outbox'),
      authenticators: await rowsOf(t.kiosk.store, 'authenticators'),
      messages: t.kiosk.demoOutbox!.messages(),
      log: t.logLines,
    });
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(secret.toLowerCase());
    expect(everything).not.toContain(secretGroups.slice(0, 3).join(' '));
    expect(everything).not.toContain('otpauth://');
    // Audit: what happened and to which kind, never the secret.
    const events = (await rowsOf<{ event: string; detail: string }>(t.kiosk.store, 'audit_log')).filter((row) => row.event.startsWith('register.'));
    expect(events.map((row) => [row.event, JSON.parse(row.detail)])).toEqual([
      ['register.sign_in', {}],
      ['register.app_enrolment_started', { kind: 'app' }],
      ['register.app_code_checked', { kind: 'app', reason: 'wrong' }],
      ['register.app_code_checked', { kind: 'app' }],
      ['register.method_added', { kind: 'app', noticesQueued: 1 }],
    ]);
    // The saved app proves identity with a later code, not with the one that enrolled it.
    const amiraId = Number((await t.kiosk.store.db.selectFrom('accounts').select('id').where('username', '=', 'amira.khan').executeTakeFirstOrThrow()).id);
    expect(await t.kiosk.store.run((tx) => t.kiosk.authenticators.verify(tx, amiraId, appCode(t, setup)))).toEqual({ accepted: false });
    t.clock.advance({ seconds: 30 });
    expect(await t.kiosk.store.run((tx) => t.kiosk.authenticators.verify(tx, amiraId, appCode(t, setup)))).toMatchObject({ accepted: true });
  });

  it('replaces the app (the old one stops working) and removes it; a second app is a change of the first', async () => {
    const t = await kiosks.start({ backend });
    await registerAs(t, 'ben.okafor');
    const first = stageOf(await t.call('method:addApp', {}), 'app_setup');
    stageOf(await t.call('method:confirm', { code: appCode(t, first) }), 'method_review');
    const withApp = stageOf(await t.call('method:save', {}), 'methods');
    const app = withApp.methods.find((method) => method.kind === 'app')!;
    expect(withApp.canAdd).toEqual(['email', 'phone', 'app']);
    await t.kiosk.settled();

    const before = await dumpStore(t.kiosk.store);
    expect(await t.call('method:addApp', {})).toEqual(fail('METHOD_ALREADY_REGISTERED'));
    expect(await t.call('method:addApp', { replaces: withApp.methods[0]!.id })).toEqual(fail('BAD_INPUT'));
    expect(await dumpStore(t.kiosk.store)).toBe(before);

    t.clock.advance({ minutes: 2 });
    const second = stageOf(await t.call('method:addApp', { replaces: app.id }), 'app_setup');
    expect(secretOf(second)).not.toBe(secretOf(first));
    // A code from the old app does not enrol the new one.
    expect(await t.call('method:confirm', { code: appCode(t, first) })).toMatchObject({ ok: false, error: { code: 'CODE_WRONG' } });
    const review = stageOf(await t.call('method:confirm', { code: appCode(t, second) }), 'method_review');
    expect(review.change).toEqual({ action: 'replace', kind: 'app', masked: '', replacesMasked: '' });
    const since = t.kiosk.demoOutbox!.messages().length;
    const replaced = stageOf(await t.call('method:save', {}), 'methods');
    expect(replaced.methods.filter((method) => method.kind === 'app')).toHaveLength(1);
    expect((await messagesAfter(t, since)).map((m) => m.to).sort()).toEqual(['+447700900123', 'ben.okafor@homemail.example', 'ben.okafor@mail.example']);

    const benId = Number((await t.kiosk.store.db.selectFrom('accounts').select('id').where('username', '=', 'ben.okafor').executeTakeFirstOrThrow()).id);
    t.clock.advance({ seconds: 60 });
    expect(await t.kiosk.store.run((tx) => t.kiosk.authenticators.verify(tx, benId, appCode(t, first)))).toEqual({ accepted: false });
    expect(await t.kiosk.store.run((tx) => t.kiosk.authenticators.verify(tx, benId, appCode(t, second)))).toMatchObject({ accepted: true });

    const newApp = replaced.methods.find((method) => method.kind === 'app')!;
    expect(stageOf(await t.call('method:remove', { id: newApp.id }), 'method_review').change).toEqual({ action: 'remove', kind: 'app', masked: '' });
    const removed = stageOf(await t.call('method:save', {}), 'methods');
    expect(removed.methods.map((method) => method.kind)).toEqual(['email', 'email', 'phone']);
    expect(await t.kiosk.store.run((tx) => t.kiosk.authenticators.find(tx, benId))).toBeNull();
    expect(JSON.parse((await rowsOf<{ event: string; detail: string }>(t.kiosk.store, 'audit_log')).find((row) => row.event === 'register.method_removed')!.detail)).toEqual({ kind: 'app', noticesQueued: 3 });
  });

  it('accepts a code one step old or new, and counts wrong codes in the account\u2019s failed-proof limit', async () => {
    const t = await kiosks.start({ backend });
    await registerAs(t, 'grace.nowak');
    const setup = stageOf(await t.call('method:addApp', {}), 'app_setup');
    const right = appCode(t, setup);
    for (let left = 4; left >= 1; left -= 1) {
      const code = [appCode(t, setup, 2), appCode(t, setup, -2), wrongCode(right)].find((candidate) => candidate !== right && candidate !== appCode(t, setup, 1) && candidate !== appCode(t, setup, -1))!;
      expect(await t.call('method:confirm', { code })).toEqual(fail('CODE_WRONG', { triesLeft: left }));
    }
    // One step of drift is fine; the fifth wrong code of the day blocks (Entra: 5 per 24 h).
    const drifted = appCode(t, setup, -1);
    const review = await t.call('method:confirm', { code: drifted });
    expect(review).toMatchObject({ ok: true, value: { stage: 'method_review' } });
    valueOf(await t.call('method:cancel', {}));
    const again = stageOf(await t.call('method:addApp', {}), 'app_setup');
    expect(await t.call('method:confirm', { code: wrongCode(appCode(t, again)) })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    // Blocked: the session's end state, where even the app's right code is not looked at.
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'blocked', purpose: 'register' });
    expect(await t.call('method:confirm', { code: appCode(t, again) })).toEqual(fail('WRONG_STAGE'));
    // Nothing was saved, and the secret of the dropped enrolment is gone with it.
    expect(await rowsOf(t.kiosk.store, 'authenticators')).toEqual([]);
  });
});
