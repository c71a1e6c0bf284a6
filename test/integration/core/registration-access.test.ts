import { expect, it } from 'vitest';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { fileKeyProtector } from '../../../electron/core/keys/file-key-protector.js';
import type { Channel, RequestOf } from '../../../shared/ipc/contract.js';
import { fail } from '../../../shared/ipc/result.js';
import { describeEachBackend } from '../../support/backends.js';
import { valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { insertTestAccount } from '../../support/core-store.js';
import { dumpStore, rowsOf } from '../../support/database-dump.js';
import { useTestKiosks } from '../../support/kiosk-lifecycle.js';
import { passwords, registerAs, signInToRegister } from '../../support/registration.js';

const kiosks = useTestKiosks();

/** Every registration channel with a well-formed payload: only the session can refuse them. */
const methodCalls: { [C in Extract<Channel, `method:${string}`>]: RequestOf<C> } = {
  'method:addEmail': { email: 'someone@personal.example', confirmation: 'someone@personal.example' },
  'method:addPhone': { phone: '+447400123456' },
  'method:addApp': {},
  'method:resendCode': {},
  'method:confirm': { code: '12345678' },
  'method:remove': { id: 'email:1' },
  'method:save': {},
  'method:cancel': {},
};

async function expectEveryMethodCallRefused(t: TestKiosk, code: 'WRONG_STAGE' | 'SESSION_EXPIRED' = 'WRONG_STAGE') {
  const before = await dumpStore(t.kiosk.store);
  for (const [channel, payload] of Object.entries(methodCalls)) {
    expect(await t.callRaw(channel, payload), channel).toEqual(fail(code));
    code = 'WRONG_STAGE';
  }
  expect(await dumpStore(t.kiosk.store)).toBe(before);
}

describeEachBackend('registration: never without the current password', (backend) => {
  it('refuses every method channel at the start screen, in the other journeys, after start over and after the idle limit', async () => {
    const t = await kiosks.start({ backend });
    await expectEveryMethodCallRefused(t);

    // Signed in with the password, but for "Change your password": not a registration session.
    valueOf(await t.call('journey:signIn', { purpose: 'change', username: 'amira.khan', password: passwords['amira.khan'] }));
    await expectEveryMethodCallRefused(t);
    valueOf(await t.call('session:startOver', {}));

    // A reset that has not proven anything yet.
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    await expectEveryMethodCallRefused(t);
    valueOf(await t.call('session:startOver', {}));

    // Signed in to registration, then "Start over".
    await registerAs(t, 'amira.khan');
    valueOf(await t.call('session:startOver', {}));
    await expectEveryMethodCallRefused(t);

    // Signed in to registration, then walked away: main's own idle limit ends it.
    await registerAs(t, 'amira.khan');
    t.clock.advance({ seconds: t.kiosk.config.kiosk.idleSeconds + 16 });
    expect(await t.call('method:addApp', {})).toEqual(fail('SESSION_EXPIRED'));
    await expectEveryMethodCallRefused(t);
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
  });

  it('shows the signed-in person their own methods, masked, with what can be added and what is required', async () => {
    const t = await kiosks.start({ backend, configure: (config) => ({ ...config, registration: { ...config.registration, requiredMethods: 2 }, reset: { requiredProofs: 2 } }) });
    const view = await registerAs(t, 'ben.okafor');
    const ids = await rowsOf<{ id: number; value: string }>(t.kiosk.store, 'contact_methods');
    const idOf = (value: string) => ids.find((row) => row.value === value)!.id;
    expect(view).toEqual({
      stage: 'methods',
      purpose: 'register',
      username: 'ben.okafor',
      methods: [
        { id: `email:${idOf('ben.okafor@homemail.example')}`, kind: 'email', masked: 'b•••r@h•••.example', addedAt: '2026-01-01T09:00:00.000Z' },
        { id: `email:${idOf('ben.okafor@mail.example')}`, kind: 'email', masked: 'b•••r@m•••.example', addedAt: '2026-01-01T09:00:00.000Z' },
        { id: `phone:${idOf('+447700900123')}`, kind: 'phone', masked: '+44 •••• ••• 123', addedAt: '2026-01-01T09:00:00.000Z' },
      ],
      canAdd: ['email', 'phone', 'app'],
      requiredMethods: 2,
      requiredProofs: 2,
      saved: null,
    });
    // Nothing of the full addresses crosses to the page.
    const json = JSON.stringify(view);
    for (const row of ids) expect(json).not.toContain(row.value);
  });

  it('lists only verified methods, and nothing for a person with none', async () => {
    const t = await kiosks.start({ backend });
    expect((await registerAs(t, 'amira.khan')).methods.map((method) => method.masked)).toEqual(['a•••n@h•••.example']);
    valueOf(await t.call('session:startOver', {}));
    expect((await registerAs(t, 'grace.nowak')).methods).toEqual([]);
  });

  it('offers no mobiles when the kiosk cannot send texts', async () => {
    const t = await kiosks.start({ backend, configure: (config) => ({ ...config, sms: { provider: 'none', defaultRegion: 'GB' } }) });
    expect((await registerAs(t, 'grace.nowak')).canAdd).toEqual(['email', 'app']);
    const before = await dumpStore(t.kiosk.store);
    expect(await t.call('method:addPhone', { phone: '+447400123456' })).toEqual(fail('NOT_AVAILABLE'));
    expect(await dumpStore(t.kiosk.store)).toBe(before);
  });
});

describeEachBackend('registration: signing in with the current password', (backend) => {
  it('is not offered where authenticator secrets cannot be kept safely: REGISTRATION_UNAVAILABLE before anything else', async () => {
    const keyring = { ...fileKeyProtector, backend: 'basic_text', refusal: 'the OS keyring stores secrets as plain text (Linux basic_text)' };
    const t = await kiosks.start({ backend, keyProtector: keyring });
    expect(valueOf(await t.call('kiosk:info', {})).registration).toEqual({ available: false, requiredMethods: 1, requiredProofs: 1 });
    const before = await dumpStore(t.kiosk.store);
    // Right password, wrong password, unknown name: the same answer, and no sign-in is even tried.
    for (const password of [passwords['amira.khan'], 'Wrong0Password1']) {
      expect(await signInToRegister(t, 'amira.khan', password)).toEqual(fail('REGISTRATION_UNAVAILABLE'));
    }
    expect(await signInToRegister(t, 'nobody.here', 'Wrong0Password1')).toEqual(fail('REGISTRATION_UNAVAILABLE'));
    expect(await dumpStore(t.kiosk.store)).toBe(before);
    await expectEveryMethodCallRefused(t);
    // "Change your password" is not affected.
    expect(valueOf(await t.call('journey:signIn', { purpose: 'change', username: 'amira.khan', password: passwords['amira.khan'] })).stage).toBe('new_password');
  });

  it('answers a wrong password and an unknown name alike, counts wrong ones toward the lockout, then names the lock', async () => {
    const t = await kiosks.start({ backend, configure: (config) => ({ ...config, lockout: { failedSignIns: { limit: 3, windowMinutes: 30, lockMinutes: 30 } } }) });
    expect(await signInToRegister(t, 'nobody.here', passwords['amira.khan'])).toEqual(fail('SIGN_IN_FAILED'));
    for (let i = 0; i < 3; i += 1) expect(await signInToRegister(t, 'amira.khan', `Wrong0Password${i}`)).toEqual(fail('SIGN_IN_FAILED'));
    expect(await signInToRegister(t, 'amira.khan', passwords['amira.khan'])).toEqual(fail('ACCOUNT_LOCKED'));
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
    // The same lockout as "Change your password": it is the directory's.
    expect(await t.call('journey:signIn', { purpose: 'change', username: 'amira.khan', password: passwords['amira.khan'] })).toEqual(fail('ACCOUNT_LOCKED'));
    const audit = await rowsOf<{ event: string; outcome: string; detail: string }>(t.kiosk.store, 'audit_log');
    expect(audit.filter((row) => row.event === 'register.sign_in').map((row) => [row.outcome, JSON.parse(row.detail).reason])).toEqual([
      ['refused', 'wrong'],
      ['refused', 'wrong'],
      ['refused', 'wrong'],
      ['refused', 'wrong'],
      ['refused', 'locked'],
    ]);
    const json = JSON.stringify(audit);
    expect(json).not.toContain('nobody.here');
    expect(json).not.toContain(passwords['amira.khan']);
  });

  it('tells a disabled account to see the Service Desk only when its password was right', async () => {
    const t = await kiosks.start({ backend });
    const hasher = createArgon2Hasher(t.kiosk.config.hashing);
    await insertTestAccount(t.kiosk.store, 'gail.disabled', { status: 'disabled', passwordHash: await hasher.hash('Hv4mTq8zRn2cWx') });
    expect(await signInToRegister(t, 'gail.disabled', 'Wrong0Password1')).toEqual(fail('SIGN_IN_FAILED'));
    expect(await signInToRegister(t, 'gail.disabled', 'Hv4mTq8zRn2cWx')).toEqual(fail('ACCOUNT_DISABLED'));
  });

  it('takes as long for an unknown name as for a wrong password (both verify one argon2 hash)', async () => {
    const t = await kiosks.start({ backend });
    const time = async (username: string) => {
      const started = performance.now();
      expect(await signInToRegister(t, username, 'Wrong0Password1')).toEqual(fail('SIGN_IN_FAILED'));
      return performance.now() - started;
    };
    await time('nobody.warmup');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      known.push(await time('ben.okafor'));
      unknown.push(await time(`nobody.${i}`));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[2]!;
    // The same argon2 work either way: within a factor that no database round trip explains away.
    expect(median(unknown) / median(known)).toBeGreaterThan(0.4);
    expect(median(unknown) / median(known)).toBeLessThan(2.5);
  });
});

describeEachBackend('registration: bad input on every new channel', (backend) => {
  it('answers a typed error and changes nothing, at every registration stage', async () => {
    const t = await kiosks.start({ backend });
    const bad: Array<[string, unknown]> = [
      ['method:addEmail', {}],
      ['method:addEmail', { email: 'a@b.example' }],
      ['method:addEmail', { email: 5, confirmation: 5 }],
      ['method:addEmail', { email: '', confirmation: '' }],
      ['method:addEmail', { email: 'a\u0000@b.example', confirmation: 'a\u0000@b.example' }],
      ['method:addEmail', { email: `${'a'.repeat(250)}@b.example`, confirmation: `${'a'.repeat(250)}@b.example` }],
      ['method:addEmail', { email: 'a@b.example', confirmation: 'a@b.example', replaces: 'email:1; drop table' }],
      ['method:addEmail', { email: 'a@b.example', confirmation: 'a@b.example', extra: true }],
      ['method:addPhone', { phone: '' }],
      ['method:addPhone', { phone: '0'.repeat(40) }],
      ['method:addPhone', { phone: '07400\n123456' }],
      ['method:addPhone', { phone: 7400123456 }],
      ['method:addPhone', { phone: '+447400123456', replaces: 'phone:' }],
      ['method:addApp', { replaces: 'app:x' }],
      ['method:addApp', { replaces: 'sms:1' }],
      ['method:addApp', null],
      ['method:resendCode', { again: true }],
      ['method:confirm', {}],
      ['method:confirm', { code: 'abcdefgh' }],
      ['method:confirm', { code: '123' }],
      ['method:confirm', { code: 12345678 }],
      ['method:remove', {}],
      ['method:remove', { id: 'email:' }],
      ['method:remove', { id: 'password:1' }],
      ['method:remove', { id: 'email:1234567890123' }],
      ['method:save', { now: true }],
      ['method:cancel', []],
    ];
    const expectAllRefused = async () => {
      const before = await dumpStore(t.kiosk.store);
      const view = await t.call('session:get', {});
      for (const [channel, payload] of bad) expect(await t.callRaw(channel, payload), `${channel} ${JSON.stringify(payload)}`).toEqual(fail('BAD_INPUT'));
      expect(await dumpStore(t.kiosk.store)).toBe(before);
      expect(await t.call('session:get', {})).toEqual(view);
    };
    await expectAllRefused();
    await registerAs(t, 'ben.okafor');
    await expectAllRefused();
    valueOf(await t.call('method:addEmail', { email: 'ben@personal.example', confirmation: 'ben@personal.example' }));
    await t.kiosk.settled();
    await expectAllRefused();
    const { methods } = valueOf(await t.call('method:cancel', {})) as { methods: { id: string }[] };
    valueOf(await t.call('method:remove', { id: methods[0]!.id }));
    await expectAllRefused();
    // Well-formed, but wrong for the stage: typed, and still nothing changes.
    const before = await dumpStore(t.kiosk.store);
    expect(await t.call('method:addEmail', { email: 'x@personal.example', confirmation: 'x@personal.example' })).toEqual(fail('WRONG_STAGE'));
    expect(await t.call('method:confirm', { code: '12345678' })).toEqual(fail('WRONG_STAGE'));
    expect(await t.call('method:resendCode', {})).toEqual(fail('WRONG_STAGE'));
    expect(await dumpStore(t.kiosk.store)).toBe(before);
  });
});
