import { expect, it } from 'vitest';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../../electron/core/hashing/argon2-hasher.js';
import { fail } from '../../../shared/ipc/result.js';
import { describeEachBackend } from '../../support/backends.js';
import { valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { rowsOf } from '../../support/database-dump.js';
import { useTestKiosks } from '../../support/kiosk-lifecycle.js';
import { codeSentTo } from '../../support/registration.js';
import { checkedPerson, openTechnician, signedIn, technicianActorName, type AuditRow } from '../../support/technician-desk.js';

const kiosks = useTestKiosks();
const directoryOf = (t: TestKiosk) => createStoreDirectory(t.kiosk.store, createArgon2Hasher(t.kiosk.config.hashing), t.clock);
const rowsNamed = async (t: TestKiosk, event: string) =>
  (await rowsOf<AuditRow>(t.kiosk.store, 'audit_log')).filter((row) => row.event === event).map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));

/** Wrong codes until the person is blocked (a used-up code is replaced by a new one). */
async function wrongCodesUntilBlocked(t: TestKiosk): Promise<number> {
  for (let tries = 1; tries <= 10; tries += 1) {
    const answer = await t.call('code:verify', { code: '00000000' });
    if (!answer.ok && answer.error.code === 'TOO_MANY_ATTEMPTS') return tries;
    if (!answer.ok && answer.error.code === 'CODE_EXPIRED') valueOf(await t.call('code:resend', {}));
  }
  throw new Error('Never blocked');
}

describeEachBackend('technician desk: unlock, blocks, enrol', (backend) => {
  it('unlocks a locked demo account after the ID check; the person is told; the row names the technician and the document', async () => {
    const t = await kiosks.start({ backend });
    openTechnician(t);
    const before = await checkedPerson(t, 'dev.patel', 'Driving licence');
    expect(before.person).toMatchObject({ username: 'dev.patel', locked: true, disabled: false, methods: [{ kind: 'email' }], blocks: [], recentFailedProofs: 0 });
    expect(before.person!.passwordChangedAt).toEqual(expect.any(String));
    const after = signedIn(await t.call('technician:unlock', {}));
    expect(after).toMatchObject({ person: { locked: false }, lastAction: { action: 'unlock', outcome: 'unlocked' } });
    const dev = (await directoryOf(t).findAccount('dev.patel'))!;
    expect(await directoryOf(t).isLocked(dev.id)).toBe(false);
    await t.kiosk.settled();
    expect(t.kiosk.demoOutbox!.messages().at(-1)).toMatchObject({ to: 'dev.patel@homemail.example', subject: 'Your Northfield University account was unlocked' });
    expect(await rowsNamed(t, 'unlock.unlocked')).toEqual([expect.objectContaining({ actor: technicianActorName, username: 'dev.patel', detail: { idCheck: 'Driving licence', noticesQueued: 1 } })]);
    expect(signedIn(await t.call('technician:unlock', {})).lastAction).toEqual({ action: 'unlock', outcome: 'not_locked' });
  });

  it('clears the blocks 5 wrong codes caused, so the person can use a code again; the person is told', async () => {
    const t = await kiosks.start({ backend });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    expect(await wrongCodesUntilBlocked(t)).toBe(5);
    // Blocked: the journey ends in the blocked stage (no more codes for a day), and a new one is refused too.
    expect(await t.call('code:resend', {})).toEqual(fail('WRONG_STAGE'));
    valueOf(await t.call('session:startOver', {}));
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    expect(await t.call('code:choose', { method: 'email' })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 86_400 } } });

    openTechnician(t);
    const seen = await checkedPerson(t, 'amira.khan');
    expect(seen.person).toMatchObject({ recentFailedProofs: 5, blocks: [{ kind: 'failed_proofs', until: expect.any(String) }] });
    expect(await t.call('session:get', {})).toMatchObject({ ok: true, value: { stage: 'blocked' } });
    const cleared = signedIn(await t.call('technician:clearBlocks', {}));
    expect(cleared).toMatchObject({ lastAction: { action: 'clear_blocks', cleared: 1 }, person: { recentFailedProofs: 0, blocks: [] } });
    await t.kiosk.settled();
    const notice = t.kiosk.demoOutbox!.messages().at(-1)!;
    expect(notice).toMatchObject({ to: 'amira.khan@homemail.example', subject: 'Your Northfield University password reset can be used again' });
    expect(notice.text).toContain('cleared the blocks on password reset for amira.khan');
    expect(await rowsNamed(t, 'technician.blocks_cleared')).toEqual([
      expect.objectContaining({ actor: technicianActorName, username: 'amira.khan', detail: expect.objectContaining({ idCheck: 'Passport', wereBlocked: ['failed_proofs'], noticesQueued: 1 }) }),
    ]);

    // The person finishes the blocked screen and starts again: codes work once more.
    valueOf(await t.call('session:startOver', {}));
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    const fresh = await codeSentTo(t, 'amira.khan@homemail.example');
    expect(valueOf(await t.call('code:verify', { code: fresh }))).toMatchObject({ stage: 'new_password', username: 'amira.khan' });
  });

  it('enrols a first method for grace.nowak without her password; ALREADY_REGISTERED for a registered person', async () => {
    const t = await kiosks.start({ backend });
    openTechnician(t);
    await checkedPerson(t, 'amira.khan');
    expect(await t.call('technician:assist', { kind: 'enrol' })).toEqual(fail('ALREADY_REGISTERED'));
    await checkedPerson(t, 'grace.nowak', 'National identity card');
    signedIn(await t.call('technician:assist', { kind: 'enrol' }));
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'methods', purpose: 'register', username: 'grace.nowak', methods: [] });
    const address = 'grace.nowak@homemail.example';
    expect(valueOf(await t.call('method:addEmail', { email: address, confirmation: address }))).toMatchObject({ stage: 'method_code', kind: 'email' });
    expect(t.kiosk.technician.cases.assistProgress()).toEqual({ kind: 'enrol', stage: 'method_code', policyMet: null });
    const code = await codeSentTo(t, address);
    expect(valueOf(await t.call('method:confirm', { code }))).toMatchObject({ stage: 'method_review' });
    expect(valueOf(await t.call('method:save', {}))).toMatchObject({ stage: 'methods', methods: [{ kind: 'email' }], saved: { change: { action: 'add', kind: 'email' } } });
    valueOf(await t.call('session:startOver', {}));
    expect(t.kiosk.technician.session.view(t.kiosk.technician.cases.assistProgress())).toMatchObject({
      assist: null,
      lastAction: { action: 'assist_finished', kind: 'enrol', outcome: 'enrolled' },
    });
    // The card shows the new method without a new lookup, and the ID check stays recorded.
    expect(valueOf(await t.call('technician:get', {}))).toMatchObject({
      person: { username: 'grace.nowak', methods: [{ kind: 'email' }] },
      idCheck: { document: 'National identity card' },
    });
    const saved = await rowsOf<AuditRow>(t.kiosk.store, 'audit_log');
    const methodRows = saved.filter((row) => row.event.startsWith('register.') && row.username === 'grace.nowak');
    expect(methodRows.length).toBeGreaterThan(0);
    for (const row of methodRows) {
      expect(row.actor, row.event).toBe(technicianActorName);
      expect(JSON.parse(row.detail), row.event).toMatchObject({ idCheck: 'National identity card' });
    }
    expect(JSON.stringify(saved)).not.toContain(code);
    // Registered now: the code for a reset goes to the new address.
    expect(signedIn(await t.call('technician:lookup', { username: 'grace.nowak' })).person?.methods).toHaveLength(1);
  });

  it('asks for the person and the ID check first: NO_PERSON, ID_CHECK_REQUIRED, ID_DOCUMENT_UNKNOWN, PERSON_NOT_FOUND', async () => {
    const t = await kiosks.start({ backend });
    openTechnician(t);
    for (const channel of ['technician:unlock', 'technician:clearBlocks'] as const) expect(await t.call(channel, {})).toEqual(fail('NO_PERSON'));
    expect(await t.call('technician:assist', { kind: 'reset' })).toEqual(fail('NO_PERSON'));
    expect(await t.call('technician:recordIdCheck', { document: 'Passport', seenInPerson: true })).toEqual(fail('NO_PERSON'));
    expect(await t.call('technician:lookup', { username: 'nobody.here' })).toEqual(fail('PERSON_NOT_FOUND'));
    signedIn(await t.call('technician:lookup', { username: 'dev.patel' }));
    for (const channel of ['technician:unlock', 'technician:clearBlocks'] as const) expect(await t.call(channel, {})).toEqual(fail('ID_CHECK_REQUIRED'));
    for (const kind of ['reset', 'reset_with_code', 'enrol'] as const) expect(await t.call('technician:assist', { kind })).toEqual(fail('ID_CHECK_REQUIRED'));
    expect(await t.call('technician:recordIdCheck', { document: 'Library card', seenInPerson: true })).toEqual(fail('ID_DOCUMENT_UNKNOWN'));
    expect(signedIn(await t.call('technician:get', {})).idCheck).toBeNull();
    expect(await directoryOf(t).isLocked((await directoryOf(t).findAccount('dev.patel'))!.id)).toBe(true);
    expect(valueOf(await t.call('session:get', {}))).toEqual({ stage: 'identify' });
    // A new lookup starts a new case: the ID check does not carry over to another person.
    await checkedPerson(t, 'dev.patel');
    signedIn(await t.call('technician:lookup', { username: 'amira.khan' }));
    expect(await t.call('technician:unlock', {})).toEqual(fail('ID_CHECK_REQUIRED'));
    const closed = signedIn(await t.call('technician:closeCase', {}));
    expect(closed).toMatchObject({ person: null, ticket: null, idCheck: null, assist: null });
  });
});
