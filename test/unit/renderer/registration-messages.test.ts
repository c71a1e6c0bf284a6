import { describe, expect, it } from 'vitest';
import type { MethodChange, MethodKind } from '../../../shared/flow/stages.js';
import { checkTypedCode } from '../../../renderer/src/code-entry.js';
import { chooseMethodHeading, codeHeadingIds, codeHelp, proofStepWords } from '../../../renderer/src/messages.js';
import { createTranslator } from '../../../shared/i18n/translator.js';
import {
  addMethodLabel,
  changeMethodLabel,
  changeWords,
  methodKindName,
  methodLine,
  registerSignInMessages,
  removeMethodLabel,
  requiredWords,
  savedWords,
  tooFewWords,
} from '../../../renderer/src/registration-messages.js';
import { setUpOnDate } from '../../../renderer/src/set-up-on.js';

const looksBroken = /undefined|NaN|null|\[object|\$\{|\{[a-z]+\}/;
const kinds: MethodKind[] = ['email', 'phone', 'app'];
const en = createTranslator('en');
const fr = createTranslator('fr');
const ar = createTranslator('ar');
const english = en;

/** Every change the review and saved messages must word: each action on each kind. */
function everyChange(): MethodChange[] {
  const changes: MethodChange[] = [];
  for (const kind of kinds) {
    const masked = kind === 'app' ? '' : kind === 'email' ? 'n•••w@p•••.example' : '+44 •••• ••• 123';
    changes.push({ action: 'add', kind, masked }, { action: 'remove', kind, masked }, { action: 'replace', kind, masked, replacesMasked: kind === 'app' ? '' : 'o•••d' });
  }
  return changes;
}

describe('registration words', () => {
  it('says when a method was set up the way people say dates, the year only when it is not this one', () => {
    const now = new Date('2026-11-29T12:00:00');
    expect(setUpOnDate('2026-03-03T12:00:00', now)).toEqual({ on: new Date('2026-03-03T12:00:00'), sameYear: true });
    expect(setUpOnDate('2025-12-24T12:00:00', now)?.sameYear).toBe(false);
    expect(setUpOnDate('not a date', now)).toBeNull();
    const app = { kind: 'app' as const, masked: '', addedAt: '2026-03-03T12:00:00' };
    const email = { kind: 'email' as const, masked: 'a•••n@h•••.example', addedAt: '2026-03-03T12:00:00' };
    expect(methodLine(en, app, now)).toBe('Authenticator app, set up on March 3');
    expect(methodLine(en, email, now)).toBe('a•••n@h•••.example, set up on March 3');
    expect(methodLine(en, { ...email, addedAt: '2025-12-24T12:00:00' }, now)).toBe('a•••n@h•••.example, set up on December 24, 2025');
    expect(methodLine(en, { kind: 'phone', masked: '+44 •••• ••• 321', addedAt: 'unknown' }, now)).toBe('+44 •••• ••• 321');
    // French agrees the participle with the kind, and writes the date its own way.
    expect(methodLine(fr, email, now)).toBe('a•••n@h•••.example, configurée le 3 mars');
    expect(methodLine(fr, { kind: 'phone', masked: '+44 •••• ••• 321', addedAt: '2025-12-24T12:00:00' }, now)).toBe(
      '+44 •••• ••• 321, configuré le 24 décembre 2025',
    );
    expect(methodLine(ar, app, now)).toBe('تطبيق المصادقة، أُعِدّ في 3 مارس');
  });

  it('says how many methods are needed, and why, for one proof and for two', () => {
    expect(requiredWords(en, 1, 1)).toBe('You need at least 1 method: to reset your password, you prove it is you with a code from one of them.');
    expect(requiredWords(en, 1, 2)).toBe(
      'You need at least 2 methods: to reset your password, you prove it is you with codes from two different methods.',
    );
    expect(tooFewWords(en, 0, 1)).toBe('You have 0 methods set up. Add one so that you can reset your password at the kiosk.');
    expect(tooFewWords(en, 1, 2)).toContain('Add one more');
    expect(tooFewWords(en, 1, 3)).toContain('Add 2 more so');
    expect(tooFewWords(en, 0, 2)).toContain('Add 2 so');
    expect(changeMethodLabel(en, { kind: 'app', masked: '' })).toBe('Change authenticator app');
    expect(removeMethodLabel(en, { kind: 'phone', masked: '+44 •••• ••• 321' })).toBe('Remove mobile number +44 •••• ••• 321');
  });

  it('counts methods with each language’s plural forms', () => {
    expect(requiredWords(fr, 1, 1)).toMatch(/^Il vous faut au moins 1 méthode :/);
    expect(requiredWords(fr, 2, 2)).toMatch(/^Il vous faut au moins 2 méthodes :/);
    expect(tooFewWords(fr, 1, 3)).toBe('Vous avez 1 méthode configurée. Ajoutez-en encore 2 pour pouvoir réinitialiser votre mot de passe sur la borne.');
    // Arabic: one, two (dual), few (3-10) and many (11-99) each have their own form.
    expect(requiredWords(ar, 1, 1)).toMatch(/^تحتاج إلى طريقة واحدة على الأقل/);
    expect(requiredWords(ar, 2, 1)).toMatch(/^تحتاج إلى طريقتين على الأقل/);
    expect(requiredWords(ar, 3, 1)).toMatch(/^تحتاج إلى 3 طرق على الأقل/);
    expect(requiredWords(ar, 11, 1)).toMatch(/^تحتاج إلى 11 طريقة على الأقل/);
    expect(tooFewWords(ar, 2, 4)).toContain('لديك طريقتان مُعدّتان.');
    expect(tooFewWords(ar, 1, 2)).toContain('أضف طريقة أخرى');
  });

  it('describes every change for review and once saved, and mentions a notice only when one is queued', () => {
    for (const change of everyChange()) {
      const review = changeWords(en, change);
      expect(review, JSON.stringify(change)).toMatch(/^(Add|Remove|Replace) /);
      expect(review).not.toMatch(looksBroken);
      const queued = savedWords(en, change, 'queued');
      expect(queued).toHaveLength(2);
      expect(queued[0]).toMatch(/^Saved: your /);
      expect(queued[1]).toContain('notice');
      expect(savedWords(en, change, 'none')).toEqual([queued[0]]);
    }
    expect(changeWords(en, { action: 'replace', kind: 'email', masked: 'n•••w@p•••.example', replacesMasked: 'o•••d@p•••.example' })).toBe(
      'Replace personal email address o•••d@p•••.example with n•••w@p•••.example',
    );
    expect(savedWords(en, { action: 'add', kind: 'app', masked: '' }, 'none')).toEqual(['Saved: your authenticator app was added.']);
  });

  it('words every change in French and Arabic too, with the masked values in place', () => {
    for (const words of [fr, ar]) {
      for (const change of everyChange()) {
        const lines = [changeWords(words, change), ...savedWords(words, change, 'queued')];
        for (const line of lines) expect(line, `${words.language} ${JSON.stringify(change)}`).not.toMatch(looksBroken);
        if (change.kind !== 'app') expect(lines[0]).toContain(change.masked);
      }
    }
    expect(savedWords(fr, { action: 'remove', kind: 'phone', masked: '+44 •••• ••• 123' }, 'none')).toEqual([
      'Enregistré : votre numéro de mobile +44 •••• ••• 123 a été supprimé.',
    ]);
    expect(changeWords(ar, { action: 'add', kind: 'email', masked: 'n•••w@p•••.example' })).toBe('إضافة البريد الإلكتروني الشخصي n•••w@p•••.example');
  });

  it('has a name and an add label for every kind', () => {
    for (const kind of kinds) {
      expect(methodKindName(en, kind)).toMatch(/^[A-Z]/);
      expect(addMethodLabel(en, kind)).toMatch(/^Add an? /);
      expect(addMethodLabel(fr, kind)).toMatch(/^Ajouter une? /);
      expect(addMethodLabel(ar, kind)).toMatch(/^إضافة /);
    }
  });

  it('sends someone who forgot their password and is not set up to the desk, by name', () => {
    const words = registerSignInMessages(en);
    expect(words.forgotten('IT Service Desk')).toContain('cannot set up methods without your current password');
    expect(words.forgotten('IT Service Desk')).toContain('visit the IT Service Desk');
    expect(words.unavailable('IT Service Desk')).toMatch(/^Not available at this kiosk\..*IT Service Desk/);
    expect(registerSignInMessages(ar).unavailable('مكتب الخدمة')).toContain('يُرجى زيارة مكتب الخدمة');
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
