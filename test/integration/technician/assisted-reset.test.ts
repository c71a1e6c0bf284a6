import { expect, it } from 'vitest';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import type { Channel, RequestOf } from '../../../shared/ipc/contract.js';
import { fail } from '../../../shared/ipc/result.js';
import { describeEachBackend } from '../../support/backends.js';
import { codeIn, valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { useTestKiosks } from '../../support/kiosk-lifecycle.js';
import { openTechnician, signedIn, technicianActorName, type AuditRow } from '../../support/technician-desk.js';

const kiosks = useTestKiosks();
const newPassword = 'Rk7mWq2xTz9vNc';
const directoryOf = (t: TestKiosk) => createStoreDirectory(t.kiosk.store, createArgon2Hasher(t.kiosk.config.hashing), t.clock);

/** Every IPC answer and technician view, in full, as the page (and the technician's part of it) got them. */
function recorder(t: TestKiosk) {
  const seen: unknown[] = [];
  return {
    seen,
    async call<C extends Channel>(channel: C, payload: RequestOf<C>) {
      const result = await t.call(channel, payload);
      seen.push({ channel, result });
      return result;
    },
    technicianView() {
      const view = t.kiosk.technician.session.view(t.kiosk.technician.cases.assistProgress());
      seen.push({ technicianView: view });
      return view;
    },
  };
}

const parsedRows = async (t: TestKiosk) => (await rowsOf<AuditRow>(t.kiosk.store, 'audit_log')).map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));

describeEachBackend('assisted reset (the person types, the technician never sees the password)', (backend) => {
  it('goes straight to a new password; no answer, view or audit row holds it; rows name the technician and the ID check; the person is told', async () => {
    const t = await kiosks.start({ backend });
    const r = recorder(t);
    openTechnician(t);
    expect(signedIn(await r.call('technician:lookup', { username: 'amira.khan' })).person).toMatchObject({ username: 'amira.khan', displayName: expect.any(String) });
    expect(signedIn(await r.call('technician:recordIdCheck', { document: 'University ID card', seenInPerson: true })).idCheck).toEqual({
      document: 'University ID card',
      seenInPerson: true,
      checkedAt: t.clock.now().toISOString(),
    });
    expect(signedIn(await r.call('technician:assist', { kind: 'reset' })).assist).toEqual({ kind: 'reset', stage: 'new_password', policyMet: null });
    expect(valueOf(await r.call('session:get', {}))).toEqual({ stage: 'new_password', purpose: 'reset', username: 'amira.khan' });

    // The person types: a weak attempt first (policy not met), then the real one.
    expect(valueOf(await r.call('policy:check', { password: 'short' })).failed.length).toBeGreaterThan(0);
    expect(r.technicianView()).toMatchObject({ assist: { kind: 'reset', stage: 'new_password', policyMet: false } });
    for (let typed = 1; typed <= newPassword.length; typed += 1) await r.call('policy:check', { password: newPassword.slice(0, typed) });
    expect(r.technicianView()).toMatchObject({ assist: { policyMet: true } });
    expect(await r.call('password:set', { password: newPassword, confirmation: `${newPassword}x` })).toEqual(fail('PASSWORDS_DIFFER'));
    expect(valueOf(await r.call('password:set', { password: newPassword, confirmation: newPassword }))).toMatchObject({ stage: 'done', purpose: 'reset', outcome: 'changed', notice: 'queued' });
    const after = r.technicianView();
    expect(after).toMatchObject({ assist: null, lastAction: { action: 'assist_finished', kind: 'reset', outcome: 'changed' } });
    await r.call('session:startOver', {});

    const amira = (await directoryOf(t).findAccount('amira.khan'))!;
    expect(await directoryOf(t).verifyPassword(amira.id, newPassword)).toBe(true);
    await t.kiosk.settled();
    const notice = t.kiosk.demoOutbox!.messages().find((message) => message.to === 'amira.khan@homemail.example');
    expect(notice).toMatchObject({ channel: 'email', subject: expect.stringContaining('password was reset') });

    const rows = await parsedRows(t);
    for (const text of [JSON.stringify(r.seen), JSON.stringify(rows), JSON.stringify(await rowsOf(t.kiosk.store, 'outbox')), t.logLines.join('\n')]) {
      expect(text).not.toContain(newPassword);
      expect(text.toLowerCase()).not.toContain(newPassword.toLowerCase());
      expect(text).not.toContain(newPassword.slice(0, 8));
    }
    const byEvent = (event: string) => rows.find((row) => row.event === event);
    for (const event of ['reset.password_change_started', 'reset.password_set', 'reset.password_rejected']) {
      expect(byEvent(event), event).toMatchObject({ actor: technicianActorName, username: 'amira.khan', detail: expect.objectContaining({ idCheck: 'University ID card', assisted: 'reset' }) });
    }
    expect(byEvent('technician.id_checked')).toMatchObject({ actor: technicianActorName, detail: { document: 'University ID card', seenInPerson: true } });
    expect(byEvent('technician.assist_started')).toMatchObject({ actor: technicianActorName, username: 'amira.khan', detail: { kind: 'reset', idCheck: 'University ID card' } });
    expect(byEvent('technician.lookup')).toMatchObject({ actor: technicianActorName, username: 'amira.khan', outcome: 'ok' });
    // The session's end, after the step: the mark went with it.
    expect(byEvent('session.start_over')).toMatchObject({ actor: technicianActorName });
  });

  it('reset_with_code: the code goes to the person\'s own registered email and the person types it', async () => {
    const t = await kiosks.start({ backend });
    openTechnician(t);
    signedIn(await t.call('technician:lookup', { username: 'amira.khan' }));
    signedIn(await t.call('technician:recordIdCheck', { document: 'Passport', seenInPerson: true }));
    signedIn(await t.call('technician:assist', { kind: 'reset_with_code' }));
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'choose_method', purpose: 'reset' });
    expect(valueOf(await t.call('code:choose', { method: 'email' }))).toMatchObject({ stage: 'code_sent', method: 'email' });
    await t.kiosk.settled();
    const message = t.kiosk.demoOutbox!.messages().at(-1)!;
    expect(message.to).toBe('amira.khan@homemail.example');
    expect(t.kiosk.technician.cases.assistProgress()).toEqual({ kind: 'reset_with_code', stage: 'code_sent', policyMet: null });
    expect(valueOf(await t.call('code:verify', { code: codeIn(message.text) }))).toEqual({ stage: 'new_password', purpose: 'reset', username: 'amira.khan' });
    expect(valueOf(await t.call('password:set', { password: newPassword, confirmation: newPassword }))).toMatchObject({ stage: 'done', outcome: 'changed' });
    expect(t.kiosk.technician.session.view(null)).toMatchObject({ lastAction: { action: 'assist_finished', kind: 'reset_with_code', outcome: 'changed' } });
    const rows = await parsedRows(t);
    for (const event of ['reset.code_requested', 'reset.code_checked', 'reset.password_set']) {
      expect(rows.find((row) => row.event === event), event).toMatchObject({ actor: technicianActorName, detail: expect.objectContaining({ idCheck: 'Passport' }) });
    }
    expect(JSON.stringify(rows)).not.toContain(codeIn(message.text));
  });

  it('reset_with_code is refused for a person with no email or mobile (grace.nowak): NOT_REGISTERED', async () => {
    const t = await kiosks.start({ backend });
    openTechnician(t);
    signedIn(await t.call('technician:lookup', { username: 'grace.nowak' }));
    signedIn(await t.call('technician:recordIdCheck', { document: 'Passport', seenInPerson: true }));
    expect(await t.call('technician:assist', { kind: 'reset_with_code' })).toEqual(fail('NOT_REGISTERED'));
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
  });

  it('ends a walk-up session in progress first, and the technician can end the person-only step', async () => {
    const t = await kiosks.start({ backend });
    valueOf(await t.call('journey:begin', { purpose: 'unlock', username: 'someone.else' }));
    openTechnician(t);
    signedIn(await t.call('technician:lookup', { username: 'ben.okafor' }));
    signedIn(await t.call('technician:recordIdCheck', { document: 'Driving licence', seenInPerson: true }));
    signedIn(await t.call('technician:assist', { kind: 'reset' }));
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'new_password', username: 'ben.okafor' });
    const ended = signedIn(await t.call('technician:endAssist', {}));
    expect(ended).toMatchObject({ assist: null, lastAction: { action: 'assist_finished', kind: 'reset', outcome: 'ended' }, person: { username: 'ben.okafor' } });
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
    const events = (await parsedRows(t)).map((row) => [row.event, row.actor]);
    expect(events).toContainEqual(['session.ended_by_technician', technicianActorName]);
    expect(events).toContainEqual(['technician.assist_ended', technicianActorName]);
  });
});
