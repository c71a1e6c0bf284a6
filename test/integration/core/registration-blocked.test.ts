import { TOTP, URI } from 'otpauth';
import { expect, it } from 'vitest';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { SessionView } from '../../../shared/flow/stages.js';
import { fail, type Result } from '../../../shared/ipc/result.js';
import { describeEachBackend } from '../../support/backends.js';
import { valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { useTestKiosks } from '../../support/kiosk-lifecycle.js';
import { codeSentTo, registerAs, stageOf, type RegisterView } from '../../support/registration.js';
import { sentCode, wrongCodeFor } from '../../support/walk-up-proofs.js';

const kiosks = useTestKiosks();
const start = Date.parse('2026-03-02T09:00:00.000Z');
const day = 24 * 60 * 60;
const isoAt = (seconds: number) => new Date(start + seconds * 1000).toISOString();
const stage = async (t: TestKiosk): Promise<SessionView> => valueOf(await t.call('session:get', {}));

const contactValuesOf = async (t: TestKiosk, username: string) => {
  const account = await t.kiosk.store.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return (await rowsOf<{ account_id: number; value: string }>(t.kiosk.store, 'contact_methods')).filter((row) => Number(row.account_id) === Number(account.id)).map((row) => row.value);
};

function appCode(t: TestKiosk, setup: RegisterView<'app_setup'>): string {
  return (URI.parse(setup.otpauthUri) as TOTP).generate({ timestamp: t.clock.now().getTime() });
}

/** Every call a blocked person could make to go on registering, with the right code where one is asked for. */
async function triesToGoOn(t: TestKiosk, rightCode: string, methodId: string): Promise<Result<unknown>[]> {
  return [
    await t.call('method:confirm', { code: rightCode }),
    await t.call('method:resendCode', {}),
    await t.call('method:save', {}),
    await t.call('method:cancel', {}),
    await t.call('method:addEmail', { email: 'another@personal.example', confirmation: 'another@personal.example' }),
    await t.call('method:addPhone', { phone: '07400 123456' }),
    await t.call('method:addApp', {}),
    await t.call('method:remove', { id: methodId }),
    // Not a help ticket either: the person is signed in, and the desk's details are on the screen.
    await t.call('ticket:create', {}),
  ];
}

describeEachBackend('registration: "Too many tries" ends the session in the blocked stage', (backend) => {
  it('a new email: the 5th wrong code moves to blocked until the block ends; the right code after it is WRONG_STAGE and nothing is saved or sent', async () => {
    const t = await kiosks.start({ backend });
    const { methods } = await registerAs(t, 'amira.khan');
    const contactsBefore = await contactValuesOf(t, 'amira.khan');
    stageOf(await t.call('method:addEmail', { email: 'amira@personal.example', confirmation: 'amira@personal.example' }), 'method_code');
    const right = await codeSentTo(t, 'amira@personal.example');
    for (const triesLeft of [4, 3, 2, 1]) expect(await t.call('method:confirm', { code: wrongCodeFor(right) })).toEqual(fail('CODE_WRONG', { triesLeft }));
    expect(await t.call('method:confirm', { code: wrongCodeFor(right) })).toEqual(fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: day, until: isoAt(day) }));
    expect(await stage(t)).toEqual({ stage: 'blocked', purpose: 'register', until: isoAt(day) });

    const sent = t.kiosk.demoOutbox!.messages().length;
    for (const answer of await triesToGoOn(t, right, methods[0]!.id)) expect(answer).toEqual(fail('WRONG_STAGE'));
    await t.kiosk.settled();
    expect(t.kiosk.demoOutbox!.messages()).toHaveLength(sent);
    expect(await contactValuesOf(t, 'amira.khan')).toEqual(contactsBefore);
    expect(await stage(t)).toEqual({ stage: 'blocked', purpose: 'register', until: isoAt(day) });
    // Finish: back to the start, and the next person starts afresh.
    expect(valueOf(await t.call('session:startOver', {}))).toEqual({ stage: 'identify' });
  });

  it('an authenticator app: the 5th wrong app code moves to blocked; the app\u2019s right code after it is WRONG_STAGE and no app is saved', async () => {
    const t = await kiosks.start({ backend });
    const { methods } = await registerAs(t, 'grace.nowak');
    const setup = stageOf(await t.call('method:addApp', {}), 'app_setup');
    const wrong = ['000000', '111111', '222222'].find((candidate) => candidate !== appCode(t, setup))!;
    for (let i = 0; i < 4; i += 1) expect(await t.call('method:confirm', { code: wrong })).toMatchObject({ ok: false, error: { code: 'CODE_WRONG' } });
    expect(await t.call('method:confirm', { code: wrong })).toEqual(fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: day, until: isoAt(day) }));
    expect(await stage(t)).toEqual({ stage: 'blocked', purpose: 'register', until: isoAt(day) });
    for (const answer of await triesToGoOn(t, appCode(t, setup), methods[0]?.id ?? 'email:1')) expect(answer).toEqual(fail('WRONG_STAGE'));
    expect(await rowsOf(t.kiosk.store, 'authenticators')).toEqual([]);
    // The secret went with the enrolment screen: nothing the page can ask for carries it.
    expect(JSON.stringify(await stage(t))).not.toContain(setup.secretGroups.replace(/ /g, ''));
  });

  it('an account blocked earlier (wrong codes in a reset) is moved to blocked as soon as it asks for a code or sets up an app', async () => {
    const t = await kiosks.start({ backend });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    const code = await sentCode(t, 'email');
    for (let i = 0; i < 5; i += 1) await t.call('code:verify', { code: wrongCodeFor(code) });
    valueOf(await t.call('session:startOver', {}));
    t.clock.advance({ minutes: 1 });

    await registerAs(t, 'amira.khan');
    const sent = t.kiosk.demoOutbox!.messages().length;
    expect(await t.call('method:addEmail', { email: 'amira@personal.example', confirmation: 'amira@personal.example' })).toEqual(
      fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: day - 60, until: isoAt(day) }),
    );
    expect(await stage(t)).toEqual({ stage: 'blocked', purpose: 'register', until: isoAt(day) });
    valueOf(await t.call('session:startOver', {}));

    await registerAs(t, 'amira.khan');
    expect(await t.call('method:addApp', {})).toEqual(fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: day - 60, until: isoAt(day) }));
    expect(await stage(t)).toEqual({ stage: 'blocked', purpose: 'register', until: isoAt(day) });
    await t.kiosk.settled();
    expect(t.kiosk.demoOutbox!.messages()).toHaveLength(sent);
    const refusal = (await rowsOf<{ event: string; outcome: string; detail: string }>(t.kiosk.store, 'audit_log')).filter((row) => row.event === 'register.app_enrolment_started');
    expect(refusal.map((row) => [row.outcome, JSON.parse(row.detail)])).toEqual([['refused', { kind: 'app', reason: 'throttled' }]]);
  });

  it('"Send a new code" while the account was blocked elsewhere (another kiosk sharing the database) moves to blocked', async () => {
    const t = await kiosks.start({ backend });
    await registerAs(t, 'ben.okafor');
    stageOf(await t.call('method:addEmail', { email: 'ben@personal.example', confirmation: 'ben@personal.example' }), 'method_code');
    const right = await codeSentTo(t, 'ben@personal.example');
    // Five wrong codes for ben, counted where another kiosk on the same database counts them.
    await t.kiosk.store.run(async (tx) => {
      for (let i = 0; i < 5; i += 1) await t.kiosk.throttle.record(tx, 'failedProofs', t.kiosk.pseudonym('ben.okafor'));
    });
    expect(await t.call('method:resendCode', {})).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', details: { until: isoAt(day) } } });
    expect(await stage(t)).toEqual({ stage: 'blocked', purpose: 'register', until: isoAt(day) });
    expect(await t.call('method:confirm', { code: right })).toEqual(fail('WRONG_STAGE'));
    expect(await contactValuesOf(t, 'ben.okafor')).not.toContain('ben@personal.example');
  });

  it('the kiosk\u2019s own short pacing and the send limit are only a wait: the person stays on the code screen and the right code still works', async () => {
    const paced = (config: KioskConfig): KioskConfig => ({
      ...config,
      throttle: {
        ...config.throttle,
        kioskFailedProofs: { ...config.throttle.kioskFailedProofs, free: 2, firstWaitSeconds: 5 },
        emailSends: { limit: 1, windowMinutes: 10, blockMinutes: 60 },
      },
    });
    const t = await kiosks.start({ backend, configure: paced });
    await registerAs(t, 'grace.nowak');
    stageOf(await t.call('method:addEmail', { email: 'grace@personal.example', confirmation: 'grace@personal.example' }), 'method_code');
    const right = await codeSentTo(t, 'grace@personal.example');
    for (const triesLeft of [4, 3]) expect(await t.call('method:confirm', { code: wrongCodeFor(right) })).toEqual(fail('CODE_WRONG', { triesLeft }));
    expect(await t.call('method:confirm', { code: wrongCodeFor(right) })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    expect((await stage(t)).stage).toBe('method_code');
    // The send limit (one email in ten minutes) refuses a new code, and the person still stays.
    expect(await t.call('method:resendCode', {})).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    expect((await stage(t)).stage).toBe('method_code');
    t.clock.advance({ seconds: 60 });
    stageOf(await t.call('method:confirm', { code: right }), 'method_review');
  });
});
