import { describe, expect, it } from 'vitest';
import type { MethodChange, MethodKind } from '../../../shared/flow/stages.js';
import { checkTypedCode } from '../../../renderer/src/code-entry.js';
import { chooseMethodHeading, codeHeadingIds, codeHelp, proofStepWords } from '../../../renderer/src/messages.js';
import { createTranslator } from '../../../shared/i18n/translator.js';
import {
  addMethodLabels,
  changeWords,
  methodKindNames,
  methodLine,
  methodsWords,
  registerSignInWords,
  savedWords,
} from '../../../renderer/src/registration-messages.js';
import { setUpOnWords } from '../../../renderer/src/set-up-on.js';

const english = createTranslator('en');
const looksBroken = /undefined|NaN|null|\[object|\$\{/;
const kinds: MethodKind[] = ['email', 'phone', 'app'];

describe('registration words', () => {
  it('says when a method was set up the way people say dates', () => {
    const now = new Date('2026-11-29T12:00:00');
    expect(setUpOnWords('2026-03-03T12:00:00', now)).toBe('set up on 3 March');
    expect(setUpOnWords('2025-12-24T12:00:00', now)).toBe('set up on 24 December 2025');
    expect(setUpOnWords('not a date', now)).toBeNull();
    expect(methodLine('app', '', 'set up on 3 March')).toBe('Authenticator app, set up on 3 March');
    expect(methodLine('email', 'a•••n@h•••.example', 'set up on 3 March')).toBe('a•••n@h•••.example, set up on 3 March');
    expect(methodLine('phone', '+44 •••• ••• 321', null)).toBe('+44 •••• ••• 321');
  });

  it('says how many methods are needed, and why, for one proof and for two', () => {
    expect(methodsWords.required(1, 1)).toBe(
      'You need at least 1 method: to reset your password, you prove it is you with a code from one of them.',
    );
    expect(methodsWords.required(1, 2)).toBe(
      'You need at least 2 methods: to reset your password, you prove it is you with codes from two different methods.',
    );
    expect(methodsWords.tooFew(0, 1)).toBe('You have 0 methods set up. Add one so that you can reset your password at the kiosk.');
    expect(methodsWords.tooFew(1, 2)).toContain('Add one more');
    expect(methodsWords.tooFew(0, 2)).toContain('Add 2 so');
    expect(methodsWords.whichMethod('app', '')).toBe('authenticator app');
    expect(methodsWords.whichMethod('phone', '+44 •••• ••• 321')).toBe('mobile number +44 •••• ••• 321');
  });

  it('describes every change for review and once saved, and mentions a notice only when one is queued', () => {
    const changes: MethodChange[] = [];
    for (const kind of kinds) {
      const masked = kind === 'app' ? '' : kind === 'email' ? 'n•••w@p•••.example' : '+44 •••• ••• 123';
      changes.push({ action: 'add', kind, masked }, { action: 'remove', kind, masked }, { action: 'replace', kind, masked, replacesMasked: kind === 'app' ? '' : 'o•••d' });
    }
    for (const change of changes) {
      const review = changeWords(change);
      expect(review, JSON.stringify(change)).toMatch(/^(Add|Remove|Replace) /);
      expect(review).not.toMatch(looksBroken);
      const queued = savedWords(change, 'queued');
      expect(queued).toHaveLength(2);
      expect(queued[0]).toMatch(/^Saved: your /);
      expect(queued[1]).toContain('notice');
      expect(savedWords(change, 'none')).toEqual([queued[0]]);
    }
    expect(changeWords({ action: 'replace', kind: 'email', masked: 'n•••w@p•••.example', replacesMasked: 'o•••d@p•••.example' })).toBe(
      'Replace personal email address o•••d@p•••.example with n•••w@p•••.example',
    );
    expect(savedWords({ action: 'add', kind: 'app', masked: '' }, 'none')).toEqual(['Saved: your authenticator app was added.']);
  });

  it('has a name and an add label for every kind', () => {
    for (const kind of kinds) {
      expect(methodKindNames[kind]).toMatch(/^[A-Z]/);
      expect(addMethodLabels[kind]).toMatch(/^Add an? /);
    }
  });

  it('sends someone who forgot their password and is not set up to the desk, by name', () => {
    expect(registerSignInWords.forgotten('IT Service Desk')).toContain('cannot set up methods without your current password');
    expect(registerSignInWords.forgotten('IT Service Desk')).toContain('visit the IT Service Desk');
    expect(registerSignInWords.unavailable('IT Service Desk')).toMatch(/^Not available at this kiosk\..*IT Service Desk/);
  });
});

describe('words for proof by authenticator app', () => {
  it('asks "send" only when every choice is sent, and counts proofs only when there are two', () => {
    expect(chooseMethodHeading(english, ['email', 'sms'], { number: 1, of: 1 })).toBe('How should we send your code?');
    expect(chooseMethodHeading(english, ['email', 'sms', 'app'], { number: 1, of: 1 })).toBe('How do you want to get your code?');
    expect(chooseMethodHeading(english, ['email', 'app'], { number: 2, of: 2 })).toBe('Proof 2 of 2: how do you want to get your code?');
    expect(proofStepWords(english, { number: 1, of: 1 })).toBeNull();
    expect(proofStepWords(english, { number: 1, of: 2 })).toContain('each from a different method');
    expect(proofStepWords(english, { number: 2, of: 2 })).toContain('with a different method');
  });

  it('does not promise a code "on its way" for the app', () => {
    expect(english.t(codeHeadingIds.app)).toBe('Type the code from your app');
    expect(codeHelp(english, 'app', 'Service Desk')).not.toMatch(/after a few minutes|on its way/);
    expect(codeHelp(english, 'email', 'Service Desk')).toContain('after a few minutes');
  });

  it('tidies a typed code as the IPC schema does, and says what is wrong before sending', () => {
    expect(checkTypedCode('123 456', 6, english)).toEqual({ digits: '123456', problem: null });
    expect(checkTypedCode('123-456', 6, english)).toEqual({ digits: '123456', problem: null });
    expect(checkTypedCode('', 6, english).problem).toBe('Please type the code.');
    expect(checkTypedCode('12345', 6, english).problem).toBe('The code is 6 digits long. Please check it and try again.');
    expect(checkTypedCode('12345a', 6, english).problem).toBe('The code is 6 digits long. Please check it and try again.');
  });
});
