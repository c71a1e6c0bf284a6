import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { presets } from '../../../shared/policy/policy-config.js';
import type { Stage } from '../../../shared/flow/stages.js';
import type { AssistProgress, PersonSummary, TechnicianActionResult, TechnicianView } from '../../../shared/technician/technician-view.js';
import type { MessageContext } from '../../../renderer/src/messages.js';
import {
  assistPolicyWords,
  assistStageWords,
  blockWords,
  lastActionWords,
  technicianErrorMessage,
  ticketEventWords,
} from '../../../renderer/src/technician-messages.js';
import { availableActions } from '../../../renderer/src/technician-case-actions.js';
import { helpTicketWords, ticketOfferWords } from '../../../renderer/src/help-ticket-messages.js';

const context: MessageContext = { rules: presets.campus, organisationName: 'Northfield University', deskName: 'Service Desk' };
const looksBroken = /undefined|NaN|null|\[object|\$\{/;

const person: PersonSummary = {
  username: 'dev.patel',
  displayName: 'Dev Patel',
  locked: true,
  disabled: false,
  methods: [{ id: 'email:1', kind: 'email', masked: 'd•••l@e•••.example', addedAt: '2026-03-03T10:00:00Z' }],
  passwordChangedAt: null,
  recentFailedProofs: 2,
  blocks: [],
};

const signedIn: Extract<TechnicianView, { signedIn: true }> = {
  signedIn: true,
  technician: { username: 'desk.demo', displayName: 'Sam Okoye' },
  idleSeconds: 180,
  idDocuments: ['Passport'],
  person,
  ticket: null,
  idCheck: null,
  assist: null,
  lastAction: null,
};

describe('technician words', () => {
  it('names when a sign-in block ends, in a technician’s terms (no "visit the Service Desk")', () => {
    // A fixed mid-morning: run at 23:50, the end would be "tomorrow at 00:05" (untilWords' own tests cover that).
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => void vi.useRealTimers());
    vi.setSystemTime(new Date(2026, 10, 29, 10, 0, 0));
    const now = new Date();
    const until = new Date(now.getTime() + 15 * 60_000);
    const text = technicianErrorMessage({ code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 900, until: until.toISOString() } }, context);
    const clock = until.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    expect(text).toContain(`until ${clock}`);
    expect(text).toContain('15 minutes');
    expect(text).not.toContain('Service Desk');
    // Other codes keep the shared words.
    expect(technicianErrorMessage({ code: 'TECHNICIAN_SIGN_IN_FAILED' }, context)).toMatch(/username, password and app code/);
  });

  it('reads every kind of ticket event as a sentence, unknown ones included', () => {
    const events = [
      { at: '2026-11-29T10:00:00Z', event: 'reset.begin', outcome: 'ok' as const },
      { at: '2026-11-29T10:00:05Z', event: 'reset.code_requested', outcome: 'ok' as const, method: 'email' as const },
      { at: '2026-11-29T10:01:00Z', event: 'reset.code_checked', outcome: 'failed' as const, method: 'email' as const },
      { at: '2026-11-29T10:02:00Z', event: 'unlock.begin', outcome: 'ok' as const },
      { at: '2026-11-29T10:03:00Z', event: 'code.delivery_failed', outcome: 'failed' as const, method: 'sms' as const },
      { at: '2026-11-29T10:04:00Z', event: 'proof.blocked', outcome: 'refused' as const },
      { at: '2026-11-29T10:05:00Z', event: 'something.new', outcome: 'refused' as const },
      { at: '2026-11-29T10:06:00Z', event: 'reset.code_not_sent', outcome: 'ok' as const, method: 'email' as const },
      { at: '2026-11-29T10:06:00Z', event: 'reset.code_sent', outcome: 'ok' as const, method: 'sms' as const },
      { at: '2026-11-29T10:06:30Z', event: 'reset.code_checked', outcome: 'refused' as const, method: 'sms' as const },
      { at: '2026-11-29T10:07:00Z', event: 'ticket.created', outcome: 'ok' as const },
      { at: '2026-11-29T10:08:00Z', event: 'reset.code_checked', outcome: 'refused' as const, method: 'email' as const, reason: 'wrong' },
      { at: '2026-11-29T10:09:00Z', event: 'unlock.code_checked', outcome: 'refused' as const, method: 'app' as const, reason: 'throttled' },
      { at: '2026-11-29T10:10:00Z', event: 'reset.code_checked', outcome: 'refused' as const, method: 'email' as const, reason: 'expired' },
    ];
    const lines = events.map(ticketEventWords);
    expect(lines).toEqual([
      'Started "Forgot your password?" with this name',
      'Asked for a code by email',
      'Typed a wrong code by email',
      'Started "Account locked?" with this name',
      'The code could not be sent by text message',
      'Blocked after too many tries',
      'something.new (refused)',
      'No code was sent by email: nothing registered for it, or no such account',
      'A code was sent by text message',
      'Typed a code by text message that was refused (wrong, or while blocked)',
      'Asked for this help ticket',
      'Typed a wrong code by email',
      'Typed a code by authenticator app while blocked: refused without checking it',
      'Typed a code by email that had expired or was used up',
    ]);
  });

  it('says where an assisted person is without anything they typed, and the policy only while a password is chosen', () => {
    const stages: Stage[] = ['identify', 'choose_method', 'code_sent', 'new_password', 'done', 'ticket', 'methods', 'method_code', 'app_setup', 'method_review'];
    for (const stage of stages) expect(assistStageWords(stage)).toMatch(/^[A-Z].+\.$/);
    const progress = (policyMet: boolean | null, stage: Stage = 'new_password'): AssistProgress => ({ kind: 'reset', stage, policyMet });
    expect(assistPolicyWords(progress(null))).toBe('Password rules: not checked yet');
    expect(assistPolicyWords(progress(true))).toBe('Password rules: met');
    expect(assistPolicyWords(progress(false))).toBe('Password rules: not met yet');
    expect(assistPolicyWords(progress(true, 'code_sent'))).toBeNull();
  });

  it('has a sentence for every last action', () => {
    const results: TechnicianActionResult[] = [
      { action: 'unlock', outcome: 'unlocked' },
      { action: 'unlock', outcome: 'not_locked' },
      { action: 'unlock', outcome: 'not_unlocked' },
      { action: 'clear_blocks', cleared: 0 },
      { action: 'clear_blocks', cleared: 1 },
      { action: 'clear_blocks', cleared: 3 },
      ...(['changed', 'not_changed', 'enrolled', 'not_enrolled', 'ended'] as const).map((outcome) => ({ action: 'assist_finished' as const, kind: 'reset' as const, outcome })),
    ];
    const lines = results.map(lastActionWords);
    for (const line of lines) expect(line).not.toMatch(looksBroken);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines[4]).toBe('1 block was cleared. The person has been sent a notice.');
  });

  it('names a block and when it ends', () => {
    const until = new Date(Date.now() + 60 * 60_000);
    expect(blockWords({ kind: 'failed_proofs', until: until.toISOString() })).toMatch(/^Codes refused after too many wrong codes, until /);
  });
});

describe('case actions', () => {
  it('offers nothing that changes the account before the ID check', () => {
    expect(Object.values(availableActions(signedIn)).some(Boolean)).toBe(false);
  });

  it('after the ID check, offers what fits the person', () => {
    const checked = { ...signedIn, idCheck: { document: 'Passport', seenInPerson: true as const, checkedAt: '2026-11-29T10:00:00Z' } };
    expect(availableActions(checked)).toEqual({ unlock: true, clear_blocks: true, reset: true, reset_with_code: true, enrol: false });
    const unregistered = { ...checked, person: { ...person, locked: false, recentFailedProofs: 0, methods: [] } };
    expect(availableActions(unregistered)).toEqual({ unlock: false, clear_blocks: false, reset: true, reset_with_code: false, enrol: true });
    const disabled = { ...checked, person: { ...person, disabled: true } };
    expect(availableActions(disabled)).toMatchObject({ reset: false, reset_with_code: false, enrol: false });
    const assisting = { ...checked, assist: { kind: 'reset' as const, stage: 'new_password' as const, policyMet: null } };
    expect(Object.values(availableActions(assisting)).some(Boolean)).toBe(false);
  });
});

describe('help ticket words', () => {
  it('say when the ticket stops working as a time of day', () => {
    const now = new Date(2026, 10, 29, 14, 0);
    const clock = (date: Date) => date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    const evening = new Date(2026, 10, 29, 18, 0);
    const morning = new Date(2026, 10, 30, 9, 5);
    expect(helpTicketWords.validUntil(evening.toISOString(), now)).toBe(`Valid until ${clock(evening)} today.`);
    expect(helpTicketWords.validUntil(morning.toISOString(), now)).toBe(`Valid until tomorrow at ${clock(morning)}.`);
    expect(helpTicketWords.validUntil('not a time', now)).toBeNull();
  });

  it('offer a ticket in words that name the desk and nothing about the account', () => {
    for (const lead of Object.values(ticketOfferWords.lead)) {
      expect(lead('Service Desk')).toContain('Service Desk');
      expect(lead('Service Desk')).not.toMatch(looksBroken);
    }
  });
});
