import { expect, it } from 'vitest';
import { fail } from '../../../shared/ipc/result.js';
import { describeEachBackend } from '../../support/backends.js';
import { valueOf } from '../../support/core-kiosk.js';
import { dumpStore, rowsOf } from '../../support/database-dump.js';
import { useTestKiosks } from '../../support/kiosk-lifecycle.js';
import { checkedPerson, openTechnician, signedIn, technicianActorName, type AuditRow } from '../../support/technician-desk.js';

const kiosks = useTestKiosks();

const badPayloads: Record<string, unknown[]> = {
  'technician:lookup': [{}, null, 'amira.khan', { username: '' }, { username: 'a'.repeat(300) }, { ticket: 'K7P4Q' }, { ticket: '00000O' }, { ticket: 'K7P4QX', username: 'amira.khan' }, { username: 'amira.khan', extra: 1 }, { username: 'x\u0000y' }],
  'technician:recordIdCheck': [{}, { document: 'Passport' }, { document: 'Passport', seenInPerson: false }, { document: '', seenInPerson: true }, { document: 'x'.repeat(81), seenInPerson: true }, { document: 'Pass\u0007port', seenInPerson: true }, { document: 'Passport', seenInPerson: true, number: 'X1234567' }, [], 7],
  'technician:assist': [{}, { kind: 'unlock' }, { kind: 'RESET' }, { kind: 'reset', password: 'x' }, null, 'reset'],
  'ticket:create': [{ typedName: 'amira.khan' }, null, 'ticket', [], { ticket: 'K7P4QX' }],
};

describeEachBackend('technician channels: bad input, and the technician leaving', (backend) => {
  it('answers bad input on every new channel with a typed error and changes nothing', async () => {
    const t = await kiosks.start({ backend });
    openTechnician(t);
    await checkedPerson(t, 'amira.khan');
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    const before = { store: await dumpStore(t.kiosk.store), technician: t.kiosk.technician.session.view(null), walkUp: valueOf(await t.call('session:get', {})) };
    for (const [channel, payloads] of Object.entries(badPayloads)) {
      for (const payload of payloads) expect(await t.callRaw(channel, payload), `${channel} ${JSON.stringify(payload)}`).toEqual(fail('BAD_INPUT'));
    }
    expect(await dumpStore(t.kiosk.store)).toBe(before.store);
    expect(t.kiosk.technician.session.view(null)).toEqual(before.technician);
    expect(valueOf(await t.call('session:get', {}))).toEqual(before.walkUp);
  });

  it('signing out ends the assisted step: the walk-up screens go back to the start', async () => {
    const t = await kiosks.start({ backend });
    openTechnician(t);
    await checkedPerson(t, 'amira.khan');
    signedIn(await t.call('technician:assist', { kind: 'reset' }));
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'new_password' });
    await t.kiosk.technician.session.end('sign_out');
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
    expect(await t.call('password:set', { password: 'Rk7mWq2xTz9vNc', confirmation: 'Rk7mWq2xTz9vNc' })).toEqual(fail('WRONG_STAGE'));
    const ended = (await rowsOf<AuditRow>(t.kiosk.store, 'audit_log')).filter((row) => row.event === 'technician.assist_ended');
    expect(ended).toEqual([expect.objectContaining({ actor: technicianActorName, username: 'amira.khan' })]);
    expect(JSON.parse(ended[0]!.detail)).toEqual({ kind: 'reset', idCheck: 'Passport', stage: 'new_password', reason: 'technician_left' });
  });

  it('the technician session\'s idle end stops the assisted step; the person typing keeps it alive meanwhile', async () => {
    // The walk-up screens' own idle limit longer than the technician's, so only the technician's can end it here.
    const t = await kiosks.start({ backend, configure: (config) => ({ ...config, kiosk: { ...config.kiosk, idleSeconds: 600 } }) });
    openTechnician(t);
    await checkedPerson(t, 'amira.khan');
    signedIn(await t.call('technician:assist', { kind: 'reset' }));
    const idle = t.kiosk.config.technician.idleSeconds;
    // The person at the desk is typing: their activity counts for the technician at their side.
    t.clock.advance({ seconds: idle - 10 });
    valueOf(await t.call('policy:check', { password: 'Rk7mWq2x' }));
    t.clock.advance({ seconds: idle - 10 });
    await t.kiosk.technician.session.sweep();
    expect(await t.kiosk.technician.session.isOpen()).toBe(true);
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'new_password' });
    t.clock.advance({ seconds: 11 });
    await t.kiosk.technician.session.sweep();
    expect(await t.kiosk.technician.session.isOpen()).toBe(false);
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
    const events = (await rowsOf<AuditRow>(t.kiosk.store, 'audit_log')).map((row) => row.event);
    expect(events.slice(-2)).toEqual(['technician.idle_ended', 'technician.assist_ended']);
  });

  it('a walk-up session that is not an assisted one is left alone when the technician leaves', async () => {
    const t = await kiosks.start({ backend });
    openTechnician(t);
    valueOf(await t.call('journey:begin', { purpose: 'unlock', username: 'someone' }));
    await t.kiosk.technician.session.end('sign_out');
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'choose_method' });
  });
});
