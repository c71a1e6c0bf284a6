import { expect, it } from 'vitest';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { contactRows } from '../../../electron/core/store/contacts.js';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { SessionView } from '../../../shared/flow/stages.js';
import { fail, type Result } from '../../../shared/ipc/result.js';
import { appCodeAt, enrolTestApp } from '../../support/authenticator-app.js';
import { describeEachBackend } from '../../support/backends.js';
import { codeIn, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { createFakeKeyring } from '../../support/fake-key-protector.js';
import { useTestKiosks } from '../../support/kiosk-lifecycle.js';
import { openTechnician, signedIn } from '../../support/technician-desk.js';
import { sentCode, wrongCodeFor } from '../../support/walk-up-proofs.js';

const kiosks = useTestKiosks();
const start = Date.parse('2026-03-02T09:00:00.000Z');
const day = 24 * 60 * 60;
/** The ISO time `seconds` after the test clock's start. */
const isoAt = (seconds: number) => new Date(start + seconds * 1000).toISOString();
const blockedAt = (seconds: number) => ({ retryAfterSeconds: day - seconds, until: isoAt(day) });

/** No text provider, and no keyring for app secrets: email is the only method this kiosk offers. */
const emailOnly = { configure: (config: KioskConfig): KioskConfig => ({ ...config, sms: { provider: 'none', defaultRegion: 'GB' } }), keyProtector: createFakeKeyring({ backend: 'basic_text', refusal: 'no keyring' }) } as const;
/** Email and text messages, no app. */
const emailAndText = (more: (config: KioskConfig) => KioskConfig = (config) => config) => ({ configure: more, keyProtector: createFakeKeyring({ backend: 'basic_text', refusal: 'no keyring' }) });
const twoProofs = (config: KioskConfig): KioskConfig => ({ ...config, reset: { requiredProofs: 2 } });
const coolingOff = (config: KioskConfig): KioskConfig => ({ ...config, registration: { ...config.registration, coolingOffDays: 7 } });
const accountId = async (t: TestKiosk, username: string) =>
  (await createStoreDirectory(t.kiosk.store, createArgon2Hasher(t.kiosk.config.hashing), t.clock).findAccount(username))!.id;
const stage = async (t: TestKiosk): Promise<SessionView> => valueOf(await t.call('session:get', {}));

/** Every call a blocked person could make to go on, and what each answered. */
async function triesToGoOn(t: TestKiosk, code: string): Promise<Result<unknown>[]> {
  return [
    await t.call('code:verify', { code }),
    await t.call('code:resend', {}),
    await t.call('code:choose', { method: 'email' }),
    await t.call('code:choose', { method: 'app' }),
    await t.call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' }),
  ];
}

describeEachBackend('"Too many tries" ends the journey in the blocked stage', (backend) => {
  it('reset by email: the 5th wrong code moves to blocked; the right code, a new code and another method are refused; Start over ends it', async () => {
    const t = await kiosks.start({ backend });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    const code = await sentCode(t, 'email');
    for (const triesLeft of [4, 3, 2, 1]) expect(await t.call('code:verify', { code: wrongCodeFor(code) })).toEqual(fail('CODE_WRONG', { triesLeft }));
    expect(await t.call('code:verify', { code: wrongCodeFor(code) })).toEqual(fail('TOO_MANY_ATTEMPTS', blockedAt(0)));
    expect(await stage(t)).toEqual({ stage: 'blocked', purpose: 'reset', until: isoAt(day) });
    const sent = t.kiosk.demoOutbox!.messages().length;
    for (const answer of await triesToGoOn(t, code)) expect(answer).toEqual(fail('WRONG_STAGE'));
    await t.kiosk.settled();
    expect(t.kiosk.demoOutbox!.messages()).toHaveLength(sent);
    expect(await stage(t)).toEqual({ stage: 'blocked', purpose: 'reset', until: isoAt(day) });
    expect(valueOf(await t.call('session:startOver', {}))).toEqual({ stage: 'identify' });
  });

  it('unlock by app: the same end state, and the right app code is refused after it', async () => {
    const t = await kiosks.start({ backend });
    const secret = await enrolTestApp(t, 'amira.khan');
    t.clock.advance({ seconds: 30 });
    valueOf(await t.call('journey:begin', { purpose: 'unlock', username: 'amira.khan' }));
    expect(valueOf(await t.call('code:choose', { method: 'app' }))).toMatchObject({ stage: 'code_sent', method: 'app' });
    const near = [-30, 0, 30].map((seconds) => appCodeAt(secret, new Date(t.clock.now().getTime() + seconds * 1000)));
    const wrong = ['000000', '111111', '222222', '333333'].find((candidate) => !near.includes(candidate))!;
    for (const triesLeft of [4, 3, 2, 1]) expect(await t.call('code:verify', { code: wrong })).toEqual(fail('CODE_WRONG', { triesLeft }));
    const until = new Date(start + 30_000 + day * 1000).toISOString();
    expect(await t.call('code:verify', { code: wrong })).toEqual(fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: day, until }));
    expect(await stage(t)).toEqual({ stage: 'blocked', purpose: 'unlock', until });
    for (const answer of await triesToGoOn(t, appCodeAt(secret, t.clock.now()))) expect(answer).toEqual(fail('WRONG_STAGE'));
    expect((await stage(t)).stage).toBe('blocked');
  });

  it('unlock by email: blocked the same way', async () => {
    const t = await kiosks.start({ backend });
    valueOf(await t.call('journey:begin', { purpose: 'unlock', username: 'dev.patel' }));
    const code = await sentCode(t, 'email');
    for (let i = 0; i < 5; i += 1) await t.call('code:verify', { code: wrongCodeFor(code) });
    expect(await stage(t)).toEqual({ stage: 'blocked', purpose: 'unlock', until: isoAt(day) });
    for (const answer of await triesToGoOn(t, code)) expect(answer).toEqual(fail('WRONG_STAGE'));
  });

  it('reset by app: blocked the same way', async () => {
    const t = await kiosks.start({ backend });
    const secret = await enrolTestApp(t, 'ben.okafor');
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' }));
    valueOf(await t.call('code:choose', { method: 'app' }));
    const wrong = ['000000', '111111', '222222'].find((candidate) => candidate !== appCodeAt(secret, t.clock.now()))!;
    for (let i = 0; i < 5; i += 1) await t.call('code:verify', { code: wrong });
    expect(await stage(t)).toEqual({ stage: 'blocked', purpose: 'reset', until: isoAt(day) });
    for (const answer of await triesToGoOn(t, appCodeAt(secret, t.clock.now()))) expect(answer).toEqual(fail('WRONG_STAGE'));
  });

  it('an unknown name gets every answer and view a real one gets, up to and in the blocked stage', async () => {
    const t = await kiosks.start({ backend });
    const walk = async (username: string) => {
      valueOf(await t.call('session:startOver', {}));
      const answers: unknown[] = [await t.call('journey:begin', { purpose: 'reset', username }), await t.call('code:choose', { method: 'email' })];
      await t.kiosk.settled();
      for (let i = 0; i < 5; i += 1) answers.push(await t.call('code:verify', { code: '00000000' }));
      answers.push(await t.call('session:get', {}), await t.call('code:resend', {}), await t.call('session:get', {}));
      return answers;
    };
    const real = await walk('ben.okafor');
    expect(real.at(-1)).toEqual({ ok: true, value: { stage: 'blocked', purpose: 'reset', until: isoAt(day) } });
    expect(await walk('no.such.person')).toEqual(real);
  });

  it('a name blocked earlier is blocked as soon as it asks for a code in a new session, and can still get a help ticket', async () => {
    const t = await kiosks.start({ backend });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    const code = await sentCode(t, 'email');
    for (let i = 0; i < 5; i += 1) await t.call('code:verify', { code: wrongCodeFor(code) });
    valueOf(await t.call('session:startOver', {}));
    t.clock.advance({ minutes: 1 });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    expect(await t.call('code:choose', { method: 'email' })).toEqual(fail('TOO_MANY_ATTEMPTS', blockedAt(60)));
    expect(await stage(t)).toEqual({ stage: 'blocked', purpose: 'reset', until: isoAt(day) });
    expect(valueOf(await t.call('ticket:create', {}))).toMatchObject({ stage: 'ticket', purpose: 'reset' });
  });

  it('the kiosk’s own short pacing is only a wait: the person stays at the chooser', async () => {
    const t = await kiosks.start({
      backend,
      configure: (config) => ({ ...config, throttle: { ...config.throttle, kioskRequests: { free: 1, limit: 3, windowMinutes: 10, firstWaitSeconds: 30, maxWaitSeconds: 60 } } }),
    });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    valueOf(await t.call('session:startOver', {}));
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' }));
    expect(await t.call('code:choose', { method: 'email' })).toEqual(fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: 30, until: isoAt(30) }));
    expect((await stage(t)).stage).toBe('choose_method');
  });
});

describeEachBackend('one method offered: no chooser (issue 12, item 4)', (backend) => {
  it('goes straight from the start to the code sent, for a real name and an unknown one alike', async () => {
    const t = await kiosks.start({ backend, ...emailOnly });
    expect(valueOf(await t.call('kiosk:info', {})).proofMethods).toEqual(['email']);
    const begin = async (username: string) => {
      valueOf(await t.call('session:startOver', {}));
      return t.call('journey:begin', { purpose: 'reset', username });
    };
    const real = valueOf(await begin('amira.khan'));
    expect(real).toEqual({ stage: 'code_sent', purpose: 'reset', method: 'email', delivery: 'pending', codeLength: 8, expiresInSeconds: 600 });
    const message = (await t.waitForMessages(1)).at(-1)!;
    expect(message.to).toBe('amira.khan@homemail.example');
    expect(valueOf(await t.call('code:verify', { code: codeIn(message.text) }))).toEqual({ stage: 'new_password', purpose: 'reset', username: 'amira.khan' });
    expect(valueOf(await begin('no.such.person'))).toEqual(real);
    expect(await t.call('code:choose', { method: 'email' })).toEqual(fail('WRONG_STAGE'));
  });

  it('a blocked name with one method goes from the start straight to the blocked stage', async () => {
    const t = await kiosks.start({ backend, ...emailOnly });
    valueOf(await t.call('journey:begin', { purpose: 'unlock', username: 'amira.khan' }));
    await t.kiosk.settled();
    for (let i = 0; i < 5; i += 1) await t.call('code:verify', { code: '00000000' });
    expect((await stage(t)).stage).toBe('blocked');
    valueOf(await t.call('session:startOver', {}));
    expect(await t.call('journey:begin', { purpose: 'unlock', username: 'amira.khan' })).toEqual(fail('TOO_MANY_ATTEMPTS', blockedAt(0)));
    expect(await stage(t)).toEqual({ stage: 'blocked', purpose: 'unlock', until: isoAt(day) });
  });

  it('after the first of two proofs, the one method left is sent at once', async () => {
    const t = await kiosks.start({ backend, ...emailAndText(twoProofs) });
    expect(valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' }))).toEqual({
      stage: 'choose_method',
      purpose: 'reset',
      methods: ['email', 'sms'],
      proof: { number: 1, of: 2 },
    });
    const emailed = await sentCode(t, 'email');
    const before = t.kiosk.demoOutbox!.messages().length;
    expect(valueOf(await t.call('code:verify', { code: emailed }))).toMatchObject({ stage: 'code_sent', method: 'sms', delivery: 'pending' });
    const text = (await t.waitForMessages(before + 1)).at(-1)!;
    expect(text.channel).toBe('sms');
    expect(valueOf(await t.call('code:verify', { code: /(\d{8})/.exec(text.text)![1]! }))).toEqual({ stage: 'new_password', purpose: 'reset', username: 'ben.okafor' });
  });

  it('a cooling-off that leaves one method sends its code at once, and still says why', async () => {
    const t = await kiosks.start({ backend, ...emailAndText(coolingOff) });
    const id = await accountId(t, 'ben.okafor');
    await t.kiosk.store.run((tx) => contactRows.add(tx, id, { kind: 'email', value: 'ben.new@homemail.example', verifiedAt: t.clock.now().toISOString() }));
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' }));
    const emailed = await sentCode(t, 'email');
    expect(await t.call('code:verify', { code: emailed })).toEqual(fail('METHOD_COOLING_OFF', { until: '2026-03-09T09:00:00.000Z' }));
    expect(await stage(t)).toMatchObject({ stage: 'code_sent', method: 'sms', delivery: 'pending' });
  });

  it('with several methods, everyone sees them all', async () => {
    const t = await kiosks.start({ backend });
    const views: unknown[] = [];
    for (const username of ['amira.khan', 'ben.okafor', 'grace.nowak', 'no.such.person']) {
      valueOf(await t.call('session:startOver', {}));
      views.push(valueOf(await t.call('journey:begin', { purpose: 'reset', username })));
    }
    expect(views).toEqual(Array(4).fill({ stage: 'choose_method', purpose: 'reset', methods: ['email', 'sms', 'app'], proof: { number: 1, of: 1 } }));
  });

  it('an assisted reset with a code follows the same rule: the one method is sent at once', async () => {
    const t = await kiosks.start({ backend, ...emailOnly });
    openTechnician(t);
    signedIn(await t.call('technician:lookup', { username: 'amira.khan' }));
    signedIn(await t.call('technician:recordIdCheck', { document: 'Passport', seenInPerson: true }));
    signedIn(await t.call('technician:assist', { kind: 'reset_with_code' }));
    expect(await stage(t)).toMatchObject({ stage: 'code_sent', purpose: 'reset', method: 'email' });
    const message = (await t.waitForMessages(1)).at(-1)!;
    expect(message.to).toBe('amira.khan@homemail.example');
    expect(t.kiosk.technician.cases.assistProgress()).toEqual({ kind: 'reset_with_code', stage: 'code_sent', policyMet: null });
  });
});

describeEachBackend('the demo outbox belongs to one visitor (issue 12, item 6)', (backend) => {
  it('is emptied when the session ends: start over, finishing after Done, and the idle limit', async () => {
    const t = await kiosks.start({ backend });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    const first = await sentCode(t, 'email');
    valueOf(await t.call('session:startOver', {}));
    expect(t.kiosk.demoOutbox!.messages()).toEqual([]);

    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    const second = await sentCode(t, 'email');
    expect(second).not.toBe(first);
    // Ids keep counting: a page's view can never take a new message for one it already showed.
    expect(t.kiosk.demoOutbox!.messages().map((message) => message.id)).toEqual([2]);
    valueOf(await t.call('code:verify', { code: second }));
    valueOf(await t.call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' }));
    await t.kiosk.settled();
    expect(t.kiosk.demoOutbox!.messages().length).toBeGreaterThan(1);
    valueOf(await t.call('session:startOver', {}));
    expect(valueOf(await t.call('demo:inbox', {}))).toEqual([]);

    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' }));
    await sentCode(t, 'email');
    t.clock.advance({ minutes: 10 });
    await t.kiosk.journeys.sweep();
    expect((await stage(t)).stage).toBe('identify');
    expect(t.kiosk.demoOutbox!.messages()).toEqual([]);
  });
});
