import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { presets } from '../../../shared/policy/policy-config.js';
import type { Stage } from '../../../shared/flow/stages.js';
import type { AssistProgress, PersonSummary, TechnicianActionResult, TechnicianView } from '../../../shared/technician/technician-view.js';
import type { MessageContext } from '../../../renderer/src/messages.js';
import { createTranslator } from '../../../shared/i18n/translator.js';
import {
  assistPolicyWords,
  assistStageWords,
  blockWords,
  idleNoticeWords,
  lastActionWords,
  personMethodWords,
  technicianErrorMessage,
  ticketEventWords,
} from '../../../renderer/src/technician-messages.js';
import { availableActions } from '../../../renderer/src/technician-case-actions.js';

const context: MessageContext = { rules: presets.campus, organisationName: 'Northfield University', deskName: 'Service Desk', words: createTranslator('en') };
const looksBroken = /undefined|NaN|null|\[object|\$\{|\{[a-z]+\}/;
const en = createTranslator('en');
const fr = createTranslator('fr');
const ar = createTranslator('ar');
/** A time of day as the message's {until, time, short} writes it in that language. */
const clockIn = (language: string, at: Date) => new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }).format(at);

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
    const blocked = { code: 'TOO_MANY_ATTEMPTS' as const, details: { retryAfterSeconds: 900, until: until.toISOString() } };
    const text = technicianErrorMessage(blocked, context);
    expect(text).toBe(`Too many wrong tries. This is blocked until ${clockIn('en', until)} (15 minutes).`);
    expect(text).not.toContain('Service Desk');
    expect(technicianErrorMessage(blocked, { ...context, words: fr })).toBe(`Trop d’essais erronés. C’est bloqué jusqu’à ${clockIn('fr', until)} (15 minutes).`);
    expect(technicianErrorMessage(blocked, { ...context, words: ar })).toBe(`محاولات خاطئة كثيرة. هذا محظور حتى ${clockIn('ar', until)} (15 دقيقة).`);
    // Past midnight the day is named, in the language's own words.
    const tomorrow = { code: 'TOO_MANY_ATTEMPTS' as const, details: { until: new Date(2026, 10, 30, 9, 5).toISOString() } };
    expect(technicianErrorMessage(tomorrow, { ...context, words: fr })).toBe(`Trop d’essais erronés. C’est bloqué jusqu’à demain à ${clockIn('fr', new Date(2026, 10, 30, 9, 5))}.`);
    expect(technicianErrorMessage({ code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 86_400 } }, context)).toBe(
      'Too many wrong tries. Please wait 24 hours and try again.',
    );
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
    const lines = events.map((event) => ticketEventWords(en, event));
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
    // The method is a value each language words inside its own sentence.
    for (const words of [fr, ar]) for (const event of events) expect(ticketEventWords(words, event)).not.toMatch(looksBroken);
    expect(ticketEventWords(fr, events[1]!)).toBe('A demandé un code par e-mail');
    expect(ticketEventWords(ar, events[4]!)).toBe('تعذّر إرسال الرمز عبر رسالة نصية');
    expect(ticketEventWords(fr, events[6]!)).toBe('something.new (refused)');
  });

  it('says where an assisted person is without anything they typed, and the policy only while a password is chosen', () => {
    const stages: Stage[] = ['identify', 'choose_method', 'code_sent', 'blocked', 'new_password', 'done', 'ticket', 'methods', 'method_code', 'app_setup', 'method_review'];
    for (const stage of stages) expect(assistStageWords(en, stage)).toMatch(/^[A-Z].+\.$/);
    for (const stage of stages) expect(assistStageWords(ar, stage)).toMatch(/^[\u0600-\u06FF].+\.$/);
    expect(assistStageWords(en, 'blocked')).toBe("Too many wrong codes. The person's name is blocked for now.");
    const progress = (policyMet: boolean | null, stage: Stage = 'new_password'): AssistProgress => ({ kind: 'reset', stage, policyMet });
    expect(assistPolicyWords(en, progress(null))).toBe('Password rules: not checked yet');
    expect(assistPolicyWords(en, progress(true))).toBe('Password rules: met');
    expect(assistPolicyWords(en, progress(false))).toBe('Password rules: not met yet');
    expect(assistPolicyWords(en, progress(true, 'code_sent'))).toBeNull();
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
    for (const words of [en, fr, ar]) {
      const lines = results.map((result) => lastActionWords(words, result));
      for (const line of lines) expect(line).not.toMatch(looksBroken);
      expect(new Set(lines).size, words.language).toBe(lines.length);
    }
    const cleared = (words: typeof en, count: number) => lastActionWords(words, { action: 'clear_blocks', cleared: count });
    expect(cleared(en, 1)).toBe('1 block was cleared. The person has been sent a notice.');
    expect(cleared(en, 3)).toBe('3 blocks were cleared. The person has been sent a notice.');
    expect(cleared(fr, 3)).toBe('3 blocages ont été levés. La personne a reçu un avis.');
    // Arabic: a dual, a "few" plural (3-10) and a "many" one (11-99).
    expect(cleared(ar, 2)).toMatch(/^أُزيل حظران\./);
    expect(cleared(ar, 3)).toMatch(/^أُزيلت 3 حالات حظر\./);
    expect(cleared(ar, 11)).toMatch(/^أُزيلت 11 حالة حظر\./);
  });

  it('names a block and when it ends: a time today, "tomorrow", or a weekday further out', () => {
    const now = new Date(2026, 10, 29, 14, 0);
    const today = new Date(2026, 10, 29, 15, 30);
    const tomorrow = new Date(2026, 10, 30, 9, 5);
    const later = new Date(2026, 11, 3, 9, 5);
    const block = (until: Date) => ({ kind: 'failed_proofs' as const, until: until.toISOString() });
    expect(blockWords(en, block(today), now)).toBe(`Codes refused after too many wrong codes, until ${clockIn('en', today)}`);
    expect(blockWords(en, block(tomorrow), now)).toBe(`Codes refused after too many wrong codes, until tomorrow at ${clockIn('en', tomorrow)}`);
    expect(blockWords(en, block(later), now)).toBe(`Codes refused after too many wrong codes, until Thursday, December 3 at ${clockIn('en', later)}`);
    expect(blockWords(fr, block(later), now)).toBe(`Codes refusés après trop de codes erronés, jusqu’à jeudi 3 décembre à ${clockIn('fr', later)}`);
    expect(blockWords(ar, block(tomorrow), now)).toBe(`رُفضت الرموز بعد رموز خاطئة كثيرة، حتى غدًا الساعة ${clockIn('ar', tomorrow)}`);
  });

  it('says the idle limit with each language’s plural forms', () => {
    expect(idleNoticeWords(en, 30)).toBe('Signs out by itself after 30 seconds without activity.');
    expect(idleNoticeWords(en, 60)).toBe('Signs out by itself after 1 minute without activity.');
    expect(idleNoticeWords(fr, 180)).toBe('Déconnexion automatique après 3 minutes sans activité.');
    expect(idleNoticeWords(ar, 120)).toBe('يُسجَّل الخروج تلقائيًا بعد دقيقتين دون نشاط.');
    expect(idleNoticeWords(ar, 600)).toBe('يُسجَّل الخروج تلقائيًا بعد 10 دقائق دون نشاط.');
    expect(en.t('technician.idle.warning', { seconds: 1 })).toMatch(/^Signing out in 1 second\./);
    expect(ar.t('technician.idle.warning', { seconds: 5 })).toMatch(/^سيُسجَّل الخروج خلال 5 ثوانٍ\./);
  });

  it('lists a person’s methods with the kind, the masked value and the day', () => {
    const now = new Date(2026, 10, 29, 12, 0);
    const method = { id: 'email:1', kind: 'email' as const, masked: 'd•••l@e•••.example', addedAt: new Date(2026, 2, 3, 10, 0).toISOString() };
    expect(personMethodWords(en, method, now)).toBe('Personal email address: d•••l@e•••.example, set up on March 3');
    expect(personMethodWords(fr, { ...method, kind: 'app', masked: '' }, now)).toBe('Application d’authentification, configurée le 3 mars');
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
