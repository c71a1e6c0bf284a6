import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../electron/core/audit/audit-trail.js';
import { createIpcRouter, type IpcHandlers } from '../../../electron/core/ipc/router.js';
import type { SenderInfo } from '../../../electron/core/ipc/sender.js';
import { createTechnicianSession, type TechnicianEndReason } from '../../../electron/core/technician/technician-session.js';
import { channels, technicianChannels, type Channel } from '../../../shared/ipc/contract.js';
import { fail, ok } from '../../../shared/ipc/result.js';
import { createTestClock } from '../../support/test-clock.js';

const technician = { id: 7, username: 'desk.one', displayName: 'Dana One' };
const idleSeconds = 180;

function setup() {
  const clock = createTestClock();
  const audit: AuditEntry[] = [];
  const ended: TechnicianEndReason[] = [];
  const session = createTechnicianSession({
    clock,
    idleSeconds,
    idDocuments: ['Student card', 'Passport'],
    record: async (entry) => void audit.push(entry),
    onEnded: (reason) => void ended.push(reason),
  });
  return { clock, audit, ended, session };
}

describe('the technician session held in main', () => {
  it('is closed until a technician signs in, then shows who (and nothing secret)', async () => {
    const { session } = setup();
    expect(await session.isOpen()).toBe(false);
    expect(session.view(null)).toEqual({ signedIn: false });
    session.open(technician);
    expect(await session.isOpen()).toBe(true);
    expect(session.view(null)).toMatchObject({
      signedIn: true,
      technician: { username: 'desk.one', displayName: 'Dana One' },
      idleSeconds,
      idDocuments: ['Student card', 'Passport'],
      person: null,
      assist: null,
    });
  });

  it('ends after technician.idleSeconds without activity, audited as idle with the technician as actor', async () => {
    const { clock, audit, ended, session } = setup();
    session.open(technician);
    clock.advance({ seconds: idleSeconds - 1 });
    expect(await session.isOpen()).toBe(true);
    expect(audit).toEqual([]);
    clock.advance({ seconds: 1 });
    expect(await session.isOpen()).toBe(false);
    expect(audit).toEqual([{ event: 'technician.idle_ended', outcome: 'ok', actor: 'technician:desk.one', account: null }]);
    expect(ended).toEqual(['idle']);
    // Ended once: asking again writes nothing more.
    expect(await session.isOpen()).toBe(false);
    expect(audit).toHaveLength(1);
  });

  it('starts the idle limit again on every touch', async () => {
    const { clock, audit, session } = setup();
    session.open(technician);
    for (let i = 0; i < 5; i += 1) {
      clock.advance({ seconds: idleSeconds - 10 });
      session.touch();
    }
    expect(await session.isOpen()).toBe(true);
    clock.advance({ seconds: idleSeconds - 1 });
    expect(await session.isOpen()).toBe(true);
    clock.advance({ seconds: 1 });
    expect(await session.isOpen()).toBe(false);
    expect(audit.map((entry) => entry.event)).toEqual(['technician.idle_ended']);
  });

  it('signs out at once, audited as signed out', async () => {
    const { audit, ended, session } = setup();
    session.open(technician);
    await session.end('sign_out');
    expect(await session.isOpen()).toBe(false);
    expect(audit).toEqual([{ event: 'technician.signed_out', outcome: 'ok', actor: 'technician:desk.one', account: null }]);
    expect(ended).toEqual(['sign_out']);
    // Signing out with nobody signed in changes nothing.
    await session.end('sign_out');
    expect(audit).toHaveLength(1);
  });

  it('is swept by the timer once stale, without anyone asking', async () => {
    const { clock, audit, ended, session } = setup();
    session.open(technician);
    await session.sweep();
    expect(session.get().signedIn).toBe(true);
    clock.advance({ seconds: idleSeconds });
    await session.sweep();
    expect(session.get().signedIn).toBe(false);
    expect(audit.map((entry) => entry.event)).toEqual(['technician.idle_ended']);
    expect(ended).toEqual(['idle']);
  });
});

const frame: SenderInfo = { url: 'app://kiosk/index.html', isMainFrame: true };

function gatedRouter() {
  const context = setup();
  const calls: Channel[] = [];
  const handlers = Object.fromEntries(
    channels.map((channel) => [
      channel,
      () => {
        calls.push(channel);
        return ok({ handled: channel });
      },
    ]),
  ) as unknown as IpcHandlers;
  const router = createIpcRouter({ appOrigin: 'app://kiosk', handlers, technicianSignedIn: () => context.session.isOpen() });
  return { ...context, calls, router };
}

describe('the router gate on technician channels', () => {
  it('refuses every technician channel without a session in main, before looking at the input', async () => {
    const { router, calls } = gatedRouter();
    expect(technicianChannels.size).toBeGreaterThan(0);
    for (const channel of technicianChannels) {
      expect(await router.handle(channel, frame, {}), channel).toEqual(fail('TECHNICIAN_REQUIRED'));
      // Even a well-formed request: the page cannot claim a session.
      expect(await router.handle(channel, frame, { signedIn: true }), channel).toEqual(fail('TECHNICIAN_REQUIRED'));
    }
    expect(calls).toEqual([]);
  });

  it('lets them through while a session is open, and leaves the public channels alone', async () => {
    const { router, calls, session } = gatedRouter();
    expect(await router.handle('technician:get', frame, {})).toEqual(ok({ handled: 'technician:get' }));
    session.open(technician);
    expect(await router.handle('technician:stillHere', frame, {})).toEqual(ok({ handled: 'technician:stillHere' }));
    expect(await router.handle('technician:lookup', frame, { username: 'amira.khan' })).toEqual(ok({ handled: 'technician:lookup' }));
    // Open session or not, the schema still judges the input.
    expect(await router.handle('technician:lookup', frame, { username: 'amira.khan', extra: 1 })).toEqual(fail('BAD_INPUT'));
    expect(calls).toEqual(['technician:get', 'technician:stillHere', 'technician:lookup']);
  });

  it('ends a stale session itself (audited as idle) and refuses the call', async () => {
    const { router, calls, session, clock, audit } = gatedRouter();
    session.open(technician);
    clock.advance({ seconds: idleSeconds });
    expect(await router.handle('technician:unlock', frame, {})).toEqual(fail('TECHNICIAN_REQUIRED'));
    expect(session.get().signedIn).toBe(false);
    expect(audit.map((entry) => entry.event)).toEqual(['technician.idle_ended']);
    expect(calls).toEqual([]);
  });
});
