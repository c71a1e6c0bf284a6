import { expect, it } from 'vitest';
import { fail } from '../../../shared/ipc/result.js';
import { ticketAlphabet } from '../../../shared/technician/help-ticket-code.js';
import type { HelpTicketView } from '../../../shared/flow/stages.js';
import { describeEachBackend } from '../../support/backends.js';
import { valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { dumpStore, rowsOf } from '../../support/database-dump.js';
import { useTestKiosks } from '../../support/kiosk-lifecycle.js';
import { createSeededRandom } from '../../support/seeded-random.js';
import { openTechnician, signedIn, type AuditRow } from '../../support/technician-desk.js';

const kiosks = useTestKiosks();
const ticketPattern = new RegExp(`^[${ticketAlphabet}]{6}$`);

/** A reset begun with the name as typed, a code asked for by email, then "Get a help ticket". */
async function ticketFor(t: TestKiosk, typed: string): Promise<HelpTicketView> {
  await t.call('session:startOver', {});
  valueOf(await t.call('journey:begin', { purpose: 'reset', username: typed }));
  valueOf(await t.call('code:choose', { method: 'email' }));
  await t.kiosk.settled();
  const view = valueOf(await t.call('ticket:create', {}));
  if (view.stage !== 'ticket') throw new Error(`Expected the ticket stage, got ${view.stage}`);
  return view;
}

const shapeOf = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(shapeOf) : value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)])) : typeof value;

describeEachBackend('help tickets', (backend) => {
  it('tells the technician why each code was refused; the ticket is made from the blocked stage the last one led to', async () => {
    const t = await kiosks.start({ backend });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'Nobody.Here' }));
    valueOf(await t.call('code:choose', { method: 'email' }));
    await t.kiosk.settled();
    const limit = t.kiosk.config.throttle.failedProofs.limit;
    for (let tries = 0; tries < limit; tries += 1) expect((await t.call('code:verify', { code: '12345678' })).ok).toBe(false);
    expect(valueOf(await t.call('session:get', {})).stage).toBe('blocked');
    const view = valueOf(await t.call('ticket:create', {}));
    if (view.stage !== 'ticket') throw new Error(`Expected the ticket stage, got ${view.stage}`);
    await openTechnician(t);
    const seen = signedIn(await t.call('technician:lookup', { ticket: view.ticket }));
    const checks = seen.ticket!.tried.filter((event) => event.event === 'reset.code_checked');
    expect(checks.map((event) => [event.outcome, event.method, event.reason])).toEqual(Array.from({ length: limit }, () => ['refused', 'email', 'wrong']));
  });

  it('a ticket for an unknown name looks exactly like one for a real name; the technician sees what the kiosk saw', async () => {
    const t = await kiosks.start({ backend });
    const unknown = await ticketFor(t, 'Nobody.Here');
    const real = await ticketFor(t, 'Amira.Khan');
    for (const view of [unknown, real]) {
      expect(Object.keys(view).sort()).toEqual(['expiresAt', 'purpose', 'stage', 'ticket']);
      expect(view).toMatchObject({ stage: 'ticket', purpose: 'reset', expiresAt: new Date(t.clock.now().getTime() + 240 * 60_000).toISOString() });
      expect(view.ticket).toMatch(ticketPattern);
    }
    expect(unknown.ticket).not.toBe(real.ticket);
    // Refreshing the page shows the same ticket.
    expect(valueOf(await t.call('session:get', {}))).toEqual(real);

    const created = (await rowsOf<AuditRow>(t.kiosk.store, 'audit_log')).filter((row) => row.event === 'ticket.created');
    expect(created).toHaveLength(2);
    const [forUnknown, forReal] = created.map((row) => shapeOf({ ...row, detail: JSON.parse(row.detail) as unknown }));
    expect(forUnknown).toEqual(forReal);
    expect(created[1]).toMatchObject({ event: 'ticket.created', username: null, outcome: 'ok', actor: null });
    expect(JSON.parse(created[1]!.detail)).toEqual({ purpose: 'reset', ticket: real.ticket, expiresAt: real.expiresAt });
    expect(created.map((row) => row.name_key)).toEqual([t.kiosk.pseudonym('nobody.here'), t.kiosk.pseudonym('amira.khan')]);

    openTechnician(t);
    const seen = signedIn(await t.call('technician:lookup', { ticket: unknown.ticket.toLowerCase().replace(/^(...)/, '$1 ') }));
    expect(seen.person).toBeNull();
    expect(seen.ticket).toMatchObject({ code: unknown.ticket, typedName: 'Nobody.Here', purpose: 'reset', kioskId: t.kiosk.config.kiosk.id, expiresAt: unknown.expiresAt });
    const events = seen.ticket!.tried.map((event) => event.event);
    expect(events[0]).toBe('reset.begin');
    expect(events).toContain('reset.code_requested');
    expect(seen.ticket!.tried.find((event) => event.event === 'reset.code_requested')).toMatchObject({ outcome: 'ok', method: 'email' });
    // Only this session's rows: the real name's attempt is not in the unknown name's ticket.
    expect(events).not.toContain('ticket.created');

    const person = signedIn(await t.call('technician:lookup', { ticket: real.ticket }));
    expect(person.ticket).toMatchObject({ typedName: 'Amira.Khan', purpose: 'reset' });
    expect(person.person).toMatchObject({ username: 'amira.khan', locked: false, disabled: false, methods: [{ kind: 'email', masked: expect.stringContaining('•') }] });
    // Nothing secret and no code in anything the technician sees.
    expect(JSON.stringify(person)).not.toMatch(/\d{8}|homemail\.example|\$argon2/);
  });

  it('an expired ticket is not found, and maintenance deletes it', async () => {
    const t = await kiosks.start({ backend });
    const ticket = await ticketFor(t, 'dev.patel');
    valueOf(await t.call('session:startOver', {}));
    t.clock.advance({ minutes: 239 });
    openTechnician(t);
    expect(signedIn(await t.call('technician:lookup', { ticket: ticket.ticket })).ticket?.code).toBe(ticket.ticket);
    expect((await t.kiosk.maintenance.runOnce()).tickets).toBe(0);
    t.clock.advance({ minutes: 1 });
    openTechnician(t);
    expect(await t.call('technician:lookup', { ticket: ticket.ticket })).toEqual(fail('TICKET_NOT_FOUND'));
    expect(await t.call('technician:lookup', { ticket: 'AAAAAA' })).toEqual(fail('TICKET_NOT_FOUND'));
    expect((await t.kiosk.maintenance.runOnce()).tickets).toBe(1);
    expect(await rowsOf(t.kiosk.store, 'help_tickets')).toEqual([]);
  });

  it('draws again when a code is taken, and is offered only at choose_method or code_sent of reset and unlock', async () => {
    const random = createSeededRandom(7);
    const t = await kiosks.start({ backend, random });
    expect(await t.call('ticket:create', {})).toEqual(fail('WRONG_STAGE'));
    valueOf(await t.call('journey:begin', { purpose: 'unlock', username: 'someone' }));
    random.nextInts(0, 1, 2, 3, 4, 5);
    const first = valueOf(await t.call('ticket:create', {}));
    expect(first).toMatchObject({ stage: 'ticket', purpose: 'unlock', ticket: '34679A' });
    // A ticket is made once: the ticket screen is not choose_method.
    expect(await t.call('ticket:create', {})).toEqual(fail('WRONG_STAGE'));
    valueOf(await t.call('session:startOver', {}));
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'someone.else' }));
    random.nextInts(0, 1, 2, 3, 4, 5, 6, 6, 6, 6, 6, 6);
    expect(valueOf(await t.call('ticket:create', {}))).toMatchObject({ ticket: 'CCCCCC' });
    expect((await rowsOf(t.kiosk.store, 'help_tickets')).length).toBe(2);
    valueOf(await t.call('session:startOver', {}));
    // Not from a password change: the person there knows who they are.
    expect(valueOf(await t.call('journey:signIn', { purpose: 'change', username: 'amira.khan', password: 'Wq3nVb8zHt5kLp' }))).toMatchObject({ stage: 'new_password' });
    expect(await t.call('ticket:create', {})).toEqual(fail('WRONG_STAGE'));
  });

  it('refuses bad input on ticket:create with a typed error and changes nothing', async () => {
    const t = await kiosks.start({ backend });
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    const before = await dumpStore(t.kiosk.store);
    for (const payload of [{ typedName: 'x' }, null, 'ticket', [], { ticket: 'AAAAAA' }]) {
      expect(await t.callRaw('ticket:create', payload)).toEqual(fail('BAD_INPUT'));
    }
    expect(await dumpStore(t.kiosk.store)).toBe(before);
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'choose_method' });
  });
});
