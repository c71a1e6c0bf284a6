import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../shared/ipc/result.js';
import { presets } from '../../../shared/policy/policy-config.js';
import { policyRuleCodes } from '../../../shared/policy/rule-codes.js';
import type { ChangeOutcome, NoticeState, UnlockOutcome } from '../../../shared/flow/stages.js';
import { createTranslator } from '../../../shared/i18n/translator.js';
import {
  codeOnItsWayIds,
  doneWordsFor,
  errorMessage,
  errorMessages,
  compositionProblem,
  compositionRequirement,
  newCodeOnItsWayIds,
  rejectedRuleProblems,
  ruleProblems,
  ruleRequirements,
  whereToLook,
  type MessageContext,
} from '../../../renderer/src/messages.js';

const english = createTranslator('en');
const { t } = english;
const campus: MessageContext = { rules: presets.campus, organisationName: 'Northfield University', deskName: 'Service Desk', words: english };
const standards: MessageContext = { rules: presets.standards, organisationName: 'Northfield University', deskName: 'IT Help Centre', words: english };

const looksBroken = /undefined|NaN|null|\[object|\$\{/;

describe('renderer messages', () => {
  it('has plain words for every error code main can return', () => {
    for (const code of errorCodes) {
      const text = errorMessage({ code }, campus);
      expect(text, code).toMatch(/^[A-Z].{10,}/);
      expect(text, code).not.toMatch(looksBroken);
    }
    expect(Object.keys(errorMessages).sort()).toEqual([...errorCodes].sort());
  });

  it('has a checklist line and a refusal line for every password rule, under both presets', () => {
    for (const context of [campus, standards]) {
      for (const rule of policyRuleCodes) {
        for (const text of [ruleRequirements[rule](context), ruleProblems[rule](context)]) {
          expect(text, rule).toMatch(/^[A-Z].{8,}/);
          expect(text, rule).not.toMatch(looksBroken);
        }
      }
    }
    expect(Object.keys(ruleRequirements).sort()).toEqual([...policyRuleCodes].sort());
    expect(Object.keys(ruleProblems).sort()).toEqual([...policyRuleCodes].sort());
  });

  it('states the configured lengths rather than fixed numbers', () => {
    expect(ruleRequirements.too_short(campus)).toBe('At least 12 characters');
    expect(ruleRequirements.too_long(campus)).toBe('No more than 20 characters');
    expect(ruleRequirements.too_short(standards)).toBe('At least 15 characters');
    expect(ruleProblems.too_short(standards)).toContain('shorter than 15 characters');
  });

  it('explains the character rule the way the active preset means it', () => {
    expect(ruleRequirements.forbidden_character(campus)).toContain('Only letters and numbers');
    expect(ruleRequirements.forbidden_character(standards)).toContain('control characters');
  });

  it('tells the person how many code tries are left, in words that fit the number', () => {
    expect(errorMessage({ code: 'CODE_WRONG', details: { triesLeft: 3 } }, campus)).toBe(
      'That code is not right. You have 3 tries left.',
    );
    expect(errorMessage({ code: 'CODE_WRONG', details: { triesLeft: 1 } }, campus)).toBe(
      'That code is not right. You have 1 try left.',
    );
    expect(errorMessage({ code: 'CODE_WRONG' }, campus)).toBe('That code is not right. Please check it and try again.');
  });

  it('says how long to wait after too many tries, and where else to go', () => {
    expect(errorMessage({ code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 86_400 } }, campus)).toBe(
      'Too many tries. Please wait 24 hours and try again, or visit the Service Desk.',
    );
    expect(errorMessage({ code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 540 } }, standards)).toBe(
      'Too many tries. Please wait 9 minutes and try again, or visit the IT Help Centre.',
    );
    expect(errorMessage({ code: 'TOO_MANY_ATTEMPTS' }, campus)).toContain('wait a while');
  });

  it('says codes cannot be sent right now when the channel is down, for everyone alike', () => {
    expect(errorMessage({ code: 'SEND_FAILED' }, campus)).toBe(
      'Codes cannot be sent right now. Please try again in a few minutes, or visit the Service Desk.',
    );
    expect(errorMessage({ code: 'DELIVERY_UNAVAILABLE', details: { retryAfterSeconds: 40 } }, campus)).toBe(
      'Codes cannot be sent this way right now. Please try again in 40 seconds, or visit the Service Desk.',
    );
  });

  it('tells a person the kiosk is busy, or cannot save anything, and that nothing changed', () => {
    expect(errorMessage({ code: 'BUSY' }, campus)).toBe('The kiosk is busy. Nothing was changed. Please try again in a moment.');
    expect(errorMessage({ code: 'UNAVAILABLE' }, campus)).toBe('The kiosk cannot save anything right now, so nothing was changed. Please visit the Service Desk.');
  });

  it('lists each refused rule of a rejected password once, and still says something for a code it does not know', () => {
    const problems = rejectedRuleProblems(
      { code: 'PASSWORD_REJECTED', details: { rules: ['too_short', 'breached', 'too_short', 'some_future_rule'] } },
      campus,
    );
    expect(problems).toEqual([
      'It is shorter than 12 characters. Make it longer.',
      'It appears in lists of leaked passwords, which attackers try first. Choose a different one.',
      'It does not meet the password rules.',
    ]);
    expect(rejectedRuleProblems({ code: 'PASSWORD_REJECTED' }, campus)).toEqual([]);
  });

  it('makes the composition gate\'s codes one sentence saying what the password is built on and padded with', () => {
    const problems = rejectedRuleProblems({ code: 'PASSWORD_REJECTED', details: { rules: ['built_on_sequence', 'plus_year', 'breached'] } }, campus);
    expect(problems).toEqual([
      'It is too easy to guess: it is built on a common sequence plus a year, which attackers try first. Try a less obvious mix of words.',
      'It appears in lists of leaked passwords, which attackers try first. Choose a different one.',
    ]);
    expect(compositionRequirement(english, ['built_on_word', 'built_on_name', 'plus_date', 'plus_repeat'])).toBe(
      'Not built on a common word or name and your name plus a date and a repeated part',
    );
    expect(compositionRequirement(english, ['plus_year', 'plus_date'])).toBe('Not made of a year and a date');
    expect(ruleProblems.plus_year(campus)).toContain('made of a year');
  });

  it('says the composition in each language, its parts listed as the language lists them', () => {
    const codes = ['built_on_sequence', 'plus_year', 'plus_number'] as const;
    expect(compositionProblem(createTranslator('fr'), codes)).toBe(
      "Il est trop facile à deviner : il repose sur une suite courante avec une année et des nombres courants, ce que les pirates essaient en premier. Essayez un mélange de mots moins évident.",
    );
    expect(compositionRequirement(createTranslator('es'), codes)).toBe('No se basa en una secuencia común más un año y números comunes');
    expect(compositionRequirement(createTranslator('ar'), codes)).toBe('ليست مبنية على تسلسل شائع مع سنة وأرقام شائعة');
  });

  it('names the organisation when the password contains it', () => {
    expect(ruleProblems.contains_org_name(campus)).toContain('"Northfield University"');
  });

  it('never repeats text it received, so a password that reached an error by mistake is not shown', () => {
    const leaked = 'GreenTulip7Harbour';
    const error = { code: 'PASSWORD_REJECTED' as const, details: { rules: [leaked, 'too_short'] } };
    const shown = [errorMessage(error, campus), ...rejectedRuleProblems(error, campus)].join(' ');
    expect(shown).not.toContain(leaked);
    expect(shown).toContain('It does not meet the password rules.');
    for (const code of errorCodes) {
      expect(errorMessage({ code, details: { triesLeft: 2, retryAfterSeconds: 60, rules: [leaked] } }, campus)).not.toContain(leaked);
    }
  });

  it('says the same for a wrong username and a wrong password, and names the lock only as main reports it', () => {
    expect(errorMessage({ code: 'SIGN_IN_FAILED' }, campus)).toBe(
      'That username and password do not match. Please check both and try again. If you have forgotten your password, go back and choose "Forgot your password?".',
    );
    expect(errorMessage({ code: 'ACCOUNT_LOCKED' }, campus)).toContain(`"${t('walkUp.journey.unlock.title')}"`);
    expect(errorMessage({ code: 'ACCOUNT_DISABLED' }, standards)).toContain('visit the IT Help Centre');
  });

  it('words the code screen for the journey and the method, never for the account', () => {
    expect(t(codeOnItsWayIds.reset.sms)).toBe('If this account is registered for reset by text message, a code is on its way.');
    expect(t(codeOnItsWayIds.unlock.email)).toBe('If this account is registered for reset by email, a code to unlock it is on its way.');
    for (const purpose of ['reset', 'unlock'] as const) {
      for (const method of ['email', 'sms'] as const) {
        expect(t(codeOnItsWayIds[purpose][method])).toMatch(/^If this account is registered/);
        expect(t(newCodeOnItsWayIds[purpose][method])).toContain('a new code');
      }
    }
    expect(whereToLook(english, 'sms', 'Northfield University').join(' ')).toContain('text message');
    expect(whereToLook(english, 'email', 'Northfield University')).toEqual([
      'Look in your personal email, not your Northfield University email.',
      'If it is not there, check your spam or junk folder.',
    ]);
  });

  it('ends an unlock in words that say what happened to the lock and that the password stayed', () => {
    const done = (outcome: UnlockOutcome, notice: NoticeState) =>
      doneWordsFor(english, { stage: 'done', purpose: 'unlock', outcome, notice, returnAfterSeconds: 10 }, 'Service Desk');
    expect(done('unlocked', 'queued')).toMatchObject({ heading: 'Account unlocked', good: true, needsDesk: false });
    expect(done('unlocked', 'queued').lines).toEqual([
      'Your account is unlocked. Your password has not changed.',
      'You can sign in with your usual password now.',
      'We will send a notice of this unlock to your registered email address or mobile number.',
    ]);
    // A person registered only by phone gets no email notice, so the screen does not promise one.
    expect(done('unlocked', 'none').lines.join(' ')).not.toContain('We will send a notice');
    expect(done('not_locked', 'none').lines[0]).toBe('Your account was not locked. Nothing was changed.');
    expect(done('not_locked', 'none')).toMatchObject({ good: false, needsDesk: false });
    expect(done('not_unlocked', 'none')).toMatchObject({ good: false, needsDesk: true });
    expect(done('not_unlocked', 'none').lines.join(' ')).toContain('visit the Service Desk');
  });

  it('ends a reset and a change the same way, promising a notice only when one was queued', () => {
    const done = (purpose: 'reset' | 'change', outcome: ChangeOutcome, notice: NoticeState) =>
      doneWordsFor(english, { stage: 'done', purpose, outcome, notice, returnAfterSeconds: 10 }, 'Service Desk');
    expect(done('change', 'changed', 'queued')).toEqual(done('reset', 'changed', 'queued'));
    expect(done('change', 'changed', 'queued')).toMatchObject({ heading: 'Password changed', good: true, needsDesk: false });
    expect(done('change', 'changed', 'none').lines.join(' ')).not.toContain('We will send a notice');
    expect(done('change', 'not_changed', 'none')).toMatchObject({ good: false, needsDesk: true });
  });
});
