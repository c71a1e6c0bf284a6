import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditTrail } from '../../../electron/core/audit/audit-trail.js';
import type { AccountRecord } from '../../../electron/core/ports.js';
import { createAssistTracker, type AssistMark, type AssistOutcome } from '../../../electron/core/session/assist-mark.js';
import type { SessionState } from '../../../electron/core/session/walk-up-session.js';
import type { Tx } from '../../../electron/core/store/store.js';
import { withAssistedActor } from '../../../electron/core/technician/assisted-audit.js';

const mark: AssistMark = { kind: 'reset', actor: 'technician:tech.one', document: 'Passport', username: 'amira.khan' };
const account: AccountRecord = { id: 1, username: 'amira.khan', firstName: 'Amira', lastName: 'Khan', status: 'active', locked: false };
const common = { startedAt: 0, lastActiveAt: 0 };

function tracked() {
  const finished: [AssistMark, AssistOutcome][] = [];
  const tracker = createAssistTracker((m, outcome) => finished.push([m, outcome]));
  return { tracker, finished };
}

describe('the assisted-step tracker', () => {
  it('reports a reset once, at its done screen, and keeps the last policy verdict until then', () => {
    const { tracker, finished } = tracked();
    expect(tracker.progress('identify')).toBeNull();
    tracker.begin(mark);
    expect(tracker.progress('new_password')).toEqual({ kind: 'reset', stage: 'new_password', policyMet: null });
    tracker.notePolicy(false);
    tracker.notePolicy(true);
    expect(tracker.progress('new_password')?.policyMet).toBe(true);
    tracker.moved({ stage: 'done', purpose: 'reset', outcome: 'changed', notice: 'queued', ...common });
    tracker.ended();
    expect(finished).toEqual([[mark, 'changed']]);
    expect(tracker.mark()).toBeNull();
  });

  it('says how it ended: nothing changed, cut short, or an enrolment with a saved method', () => {
    const outcomes: AssistOutcome[] = [];
    for (const [kind, states] of [
      ['reset', [{ stage: 'done', purpose: 'reset', outcome: 'not_changed', notice: 'none', ...common }]],
      ['reset', [{ stage: 'done', purpose: 'reset', outcome: 'unconfirmed', notice: 'none', ...common }]],
      ['reset_with_code', []],
      ['enrol', []],
      ['enrol', [{ stage: 'methods', purpose: 'register', typedName: 'x', account, methods: [], offer: { canAdd: ['email'], requiredMethods: 1, requiredProofs: 1 }, saved: { change: { action: 'add', kind: 'email', masked: 'a•••' }, notice: 'queued' }, ...common }]],
    ] as [AssistMark['kind'], SessionState[]][]) {
      const { tracker, finished } = tracked();
      tracker.begin({ ...mark, kind });
      states.forEach((state) => tracker.moved(state));
      tracker.ended();
      outcomes.push(...finished.map(([, outcome]) => outcome));
    }
    expect(outcomes).toEqual(['not_changed', 'ended', 'ended', 'not_enrolled', 'enrolled']);
  });

  it('stamps the row of why an assisted session ended, taken before the end', () => {
    const { tracker } = tracked();
    tracker.begin(mark);
    const stamp = tracker.stamper();
    tracker.ended();
    expect(stamp({ event: 'session.start_over', outcome: 'ok', detail: { stage: 'done' } })).toEqual({
      event: 'session.start_over',
      outcome: 'ok',
      actor: 'technician:tech.one',
      detail: { stage: 'done', idCheck: 'Passport', assisted: 'reset' },
    });
    expect(tracker.stamper()({ event: 'x', outcome: 'ok' })).toEqual({ event: 'x', outcome: 'ok' });
  });
});

describe('audit rows during an assisted step', () => {
  it('name the technician on rows about the assisted person only, and never replace an actor', async () => {
    const written: AuditEntry[] = [];
    const base: AuditTrail = { record: async (_tx, entry) => void written.push(entry) };
    let current: AssistMark | null = mark;
    const audit = withAssistedActor(base, () => current);
    const tx = {} as Tx;
    await audit.record(tx, { event: 'reset.password_set', account: 'amira.khan', outcome: 'ok', detail: { noticesQueued: 1 } });
    await audit.record(tx, { event: 'reset.code_requested', typedName: 'AMIRA.KHAN', outcome: 'ok' });
    await audit.record(tx, { event: 'notification.sent', account: 'ben.okafor', outcome: 'ok' });
    await audit.record(tx, { event: 'technician.lookup', account: 'amira.khan', outcome: 'ok', actor: 'technician:other' });
    current = null;
    await audit.record(tx, { event: 'reset.begin', typedName: 'amira.khan', outcome: 'ok' });
    expect(written.map((entry) => [entry.event, entry.actor ?? null, entry.detail?.idCheck ?? null])).toEqual([
      ['reset.password_set', 'technician:tech.one', 'Passport'],
      ['reset.code_requested', 'technician:tech.one', 'Passport'],
      ['notification.sent', null, null],
      ['technician.lookup', 'technician:other', null],
      ['reset.begin', null, null],
    ]);
    expect(written[0]!.detail).toEqual({ noticesQueued: 1, idCheck: 'Passport', assisted: 'reset' });
  });
});
