import { expect, it } from 'vitest';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { contactRows } from '../../../electron/core/store/contacts.js';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { fail } from '../../../shared/ipc/result.js';
import { describeEachBackend } from '../../support/backends.js';
import { valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { useTestKiosks } from '../../support/kiosk-lifecycle.js';
import { sentCode, wrongCodeFor } from '../../support/walk-up-proofs.js';

const kiosks = useTestKiosks();
const twoProofs = (config: KioskConfig): KioskConfig => ({ ...config, reset: { requiredProofs: 2 } });
const coolingOff = (days: number) => (config: KioskConfig): KioskConfig => ({ ...config, registration: { ...config.registration, coolingOffDays: days } });
const accountId = async (t: TestKiosk, username: string) =>
  (await createStoreDirectory(t.kiosk.store, createArgon2Hasher(t.kiosk.config.hashing), t.clock).findAccount(username))!.id;
const audited = async (t: TestKiosk) =>
  (await rowsOf<{ event: string; outcome: string; username: string | null; detail: string | null }>(t.kiosk.store, 'audit_log')).map((row) => ({
    event: row.event,
    outcome: row.outcome,
    username: row.username,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
  }));

describeEachBackend('two proofs (reset.requiredProofs: 2)', (backend) => {
  it('needs a code from each of two different methods, and the second chooser lacks the first', async () => {
    const t = await kiosks.start({ backend, configure: twoProofs });
    expect(valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' }))).toEqual({
      stage: 'choose_method',
      purpose: 'reset',
      methods: t.kiosk.journeys.proofMethods,
      proof: { number: 1, of: 2 },
    });
    const first = await sentCode(t, 'email');
    const second = valueOf(await t.call('code:verify', { code: first }));
    expect(second).toEqual({ stage: 'choose_method', purpose: 'reset', methods: t.kiosk.journeys.proofMethods.filter((method) => method !== 'email'), proof: { number: 2, of: 2 } });
    // The same method twice is not two proofs.
    expect(await t.call('code:choose', { method: 'email' })).toEqual(fail('NOT_AVAILABLE'));
    expect(valueOf(await t.call('session:get', {}))).toEqual(second);
    expect(await t.call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' })).toEqual(fail('WRONG_STAGE'));

    const text = await sentCode(t, 'sms');
    expect(valueOf(await t.call('code:verify', { code: text }))).toEqual({ stage: 'new_password', purpose: 'reset', username: 'ben.okafor' });
    valueOf(await t.call('password:set', { password: 'Nt4kRw8pZm2xCv', confirmation: 'Nt4kRw8pZm2xCv' }));
    const checks = (await audited(t)).filter((row) => row.event === 'reset.code_checked');
    expect(checks.map((row) => [row.outcome, row.detail])).toEqual([
      ['ok', { method: 'email' }],
      ['ok', { method: 'sms' }],
    ]);
  });

  it('unlocks only after the second proof', async () => {
    const t = await kiosks.start({ backend, configure: twoProofs });
    valueOf(await t.call('journey:begin', { purpose: 'unlock', username: 'ben.okafor' }));
    expect(valueOf(await t.call('code:verify', { code: await sentCode(t, 'sms') }))).toMatchObject({ stage: 'choose_method', purpose: 'unlock', proof: { number: 2, of: 2 } });
    expect(await t.call('code:choose', { method: 'sms' })).toEqual(fail('NOT_AVAILABLE'));
    expect(await t.call('code:verify', { code: '12345678' })).toEqual(fail('WRONG_STAGE'));
    expect(valueOf(await t.call('code:verify', { code: await sentCode(t, 'email') }))).toMatchObject({ stage: 'done', purpose: 'unlock', outcome: 'not_locked' });
  });

  it('gives an unknown name the answers a registered one gets for wrong codes, and a wrong second code counts like any other', async () => {
    const t = await kiosks.start({ backend, configure: twoProofs });
    const walk = async (username: string) => {
      valueOf(await t.call('session:startOver', {}));
      const answers = [await t.call('journey:begin', { purpose: 'reset', username }), await t.call('code:choose', { method: 'email' })];
      await t.kiosk.settled();
      answers.push(await t.call('code:verify', { code: '00000000' }));
      return answers;
    };
    const registered = await walk('ben.okafor');
    expect(registered.at(-1)).toEqual(fail('CODE_WRONG', { triesLeft: 4 }));
    expect(await walk('no.such.person')).toEqual(registered);

    valueOf(await t.call('session:startOver', {}));
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' }));
    valueOf(await t.call('code:verify', { code: await sentCode(t, 'email') }));
    const text = await sentCode(t, 'sms');
    // ben's own count: the wrong email code above was one of five.
    expect(await t.call('code:verify', { code: wrongCodeFor(text) })).toEqual(fail('CODE_WRONG', { triesLeft: 3 }));
    expect(valueOf(await t.call('code:verify', { code: text })).stage).toBe('new_password');
  });

  it('with requiredProofs 1 (the default) one code leads on, and the chooser says proof 1 of 1', async () => {
    const t = await kiosks.start({ backend });
    expect(valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' }))).toMatchObject({ stage: 'choose_method', proof: { number: 1, of: 1 } });
    expect(valueOf(await t.call('code:verify', { code: await sentCode(t, 'sms') }))).toEqual({ stage: 'new_password', purpose: 'reset', username: 'ben.okafor' });
  });
});

describeEachBackend('cooling-off (registration.coolingOffDays)', (backend) => {
  /** amira.khan's new personal address, verified just now: inside the cooling-off. */
  async function addFreshEmail(t: TestKiosk): Promise<void> {
    const id = await accountId(t, 'amira.khan');
    await t.kiosk.store.run((tx) => contactRows.add(tx, id, { kind: 'email', value: 'amira.new@homemail.example', verifiedAt: t.clock.now().toISOString() }));
  }

  it('refuses a right code by email while any verified address is cooling off, after the proof, and offers the other methods', async () => {
    const t = await kiosks.start({ backend, configure: coolingOff(7) });
    await addFreshEmail(t);
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    const code = await sentCode(t, 'email');
    // A wrong code is answered as always: cooling-off is judged only after a right one.
    expect(await t.call('code:verify', { code: wrongCodeFor(code) })).toEqual(fail('CODE_WRONG', { triesLeft: 4 }));
    expect(await t.call('code:verify', { code })).toEqual(fail('METHOD_COOLING_OFF', { until: '2026-03-09T09:00:00.000Z' }));
    expect(valueOf(await t.call('session:get', {}))).toEqual({
      stage: 'choose_method',
      purpose: 'reset',
      methods: t.kiosk.journeys.proofMethods.filter((method) => method !== 'email'),
      proof: { number: 1, of: 1 },
    });
    expect(await t.call('code:choose', { method: 'email' })).toEqual(fail('NOT_AVAILABLE'));
    const refusal = (await audited(t)).find((row) => row.event === 'reset.method_cooling_off');
    expect(refusal).toEqual({ event: 'reset.method_cooling_off', outcome: 'refused', username: 'amira.khan', detail: { method: 'email', until: '2026-03-09T09:00:00.000Z', next: 'choose_method' } });
    // The right code is not a failed proof.
    expect(await rowsOf<{ scope: string }>(t.kiosk.store, 'throttle_events').then((rows) => rows.filter((row) => row.scope === 'failedProofs').length)).toBe(1);
  });

  it('lets the same method prove identity once the cooling-off is over', async () => {
    const t = await kiosks.start({ backend, configure: coolingOff(7) });
    await addFreshEmail(t);
    t.clock.advance({ hours: 7 * 24 });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    expect(valueOf(await t.call('code:verify', { code: await sentCode(t, 'email') }))).toEqual({ stage: 'new_password', purpose: 'reset', username: 'amira.khan' });
  });

  it('judges methods set up long ago as usable, and is off with 0 days', async () => {
    const t = await kiosks.start({ backend, configure: coolingOff(30) });
    valueOf(await t.call('journey:begin', { purpose: 'unlock', username: 'farid.haddad' }));
    expect(valueOf(await t.call('code:verify', { code: await sentCode(t, 'sms') }))).toMatchObject({ stage: 'done', outcome: 'unlocked' });

    const off = await kiosks.start({ backend });
    await addFreshEmail(off);
    valueOf(await off.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    expect(valueOf(await off.call('code:verify', { code: await sentCode(off, 'email') })).stage).toBe('new_password');
  });

  it('refuses the second of two proofs too, and keeps the first', async () => {
    const t = await kiosks.start({ backend, configure: (config) => coolingOff(7)(twoProofs(config)) });
    const id = await accountId(t, 'ben.okafor');
    await t.kiosk.store.run((tx) => contactRows.add(tx, id, { kind: 'phone', value: '+447700900999', verifiedAt: t.clock.now().toISOString() }));
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' }));
    valueOf(await t.call('code:verify', { code: await sentCode(t, 'email') }));
    expect(await t.call('code:verify', { code: await sentCode(t, 'sms') })).toEqual(fail('METHOD_COOLING_OFF', { until: '2026-03-09T09:00:00.000Z' }));
    // One method is left (the app): nothing to choose, so it is taken at once (issue 12, item 4).
    expect(t.kiosk.journeys.proofMethods.filter((method) => method !== 'email' && method !== 'sms')).toEqual(['app']);
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'code_sent', purpose: 'reset', method: 'app', delivery: 'in_app' });
  });
});
