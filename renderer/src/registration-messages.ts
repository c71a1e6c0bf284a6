import { missingCaseError, type MethodChange, type MethodKind, type NoticeState, type RegisteredMethod } from '../../shared/flow/stages.js';
import type { Translator } from '../../shared/i18n/translator.js';
import { setUpOnDate } from './set-up-on.js';

/**
 * The words of "Set up password reset and sign-in methods", from the `registration` catalogue
 * (shared/i18n/catalogues/<language>/registration.json). Each function takes the session's
 * translator; the kind of method is passed to the message as a value and chosen there with an ICU
 * `select`, so a language words "Add your mobile number" its own way instead of gluing pieces. Nothing
 * here ever receives a password, a code or a secret.
 */

/** A method's name as a heading or list label. */
export function methodKindName(words: Translator, kind: MethodKind): string {
  return words.t('registration.kind.name', { kind });
}

export function addMethodLabel(words: Translator, kind: MethodKind): string {
  return words.t('registration.kind.add', { kind });
}

/** The sign-in screen of the journey, and the menu when the kiosk cannot offer it. */
export function registerSignInMessages(words: Translator) {
  return {
    lead: words.t('registration.signIn.lead'),
    /** Said before anyone signs in, to everyone: the kiosk never sets up methods without the current password. */
    forgotten: (deskName: string) => words.t('registration.signIn.forgotten', { deskName }),
    unavailable: (deskName: string) => words.t('registration.signIn.unavailable', { deskName }),
  };
}

/** How many methods are needed, and what a reset will ask for (reset.requiredProofs). */
export function requiredWords(words: Translator, requiredMethods: number, requiredProofs: number): string {
  return requiredProofs >= 2
    ? words.t('registration.methods.required.twoProofs', { count: Math.max(requiredMethods, requiredProofs) })
    : words.t('registration.methods.required.oneProof', { count: requiredMethods });
}

export function tooFewWords(words: Translator, have: number, needed: number): string {
  const missing = needed - have;
  return have === 0 ? words.t('registration.methods.tooFew.none', { missing }) : words.t('registration.methods.tooFew.some', { have, missing });
}

/** What a screen reader hears for "Change" and "Remove": which method, since there can be several. */
export function changeMethodLabel(words: Translator, method: Pick<RegisteredMethod, 'kind' | 'masked'>): string {
  return words.t('registration.methods.changeNamed', { kind: method.kind, masked: method.masked });
}

export function removeMethodLabel(words: Translator, method: Pick<RegisteredMethod, 'kind' | 'masked'>): string {
  return words.t('registration.methods.removeNamed', { kind: method.kind, masked: method.masked });
}

/** A registered method in the list: "a•••n@h•••.example, set up on 3 March" (the app by its name). */
export function methodLine(words: Translator, method: Pick<RegisteredMethod, 'kind' | 'masked' | 'addedAt'>, now: Date = new Date()): string {
  const values = { kind: method.kind, masked: method.masked };
  const setUp = setUpOnDate(method.addedAt, now);
  if (setUp === null) return words.t('registration.methods.line.undated', values);
  return words.t(setUp.sameYear ? 'registration.methods.line.thisYear' : 'registration.methods.line.otherYear', { ...values, on: setUp.on });
}

/** The add and change forms share a frame; these are the words that differ. */
export interface MethodFormWords {
  heading: { add: string; change: string };
  replacing: (masked: string) => string;
}

export function addEmailWords(words: Translator): MethodFormWords {
  return {
    heading: { add: words.t('registration.email.title.add'), change: words.t('registration.email.title.change') },
    replacing: (masked) => words.t('registration.email.replacing', { masked }),
  };
}

export function addPhoneWords(words: Translator): MethodFormWords {
  return {
    heading: { add: words.t('registration.phone.title.add'), change: words.t('registration.phone.title.change') },
    replacing: (masked) => words.t('registration.phone.replacing', { masked }),
  };
}

/** The steps of setting up an app, one sentence per step. */
export function appSetupSteps(words: Translator, issuer: string, digits: number): string[] {
  return [words.t('registration.app.step.open'), words.t('registration.app.step.scan'), words.t('registration.app.step.type', { digits, issuer })];
}

/** A pending change as one line: "Add personal email address a•••n@h•••.example". */
export function changeWords(words: Translator, change: MethodChange): string {
  switch (change.action) {
    case 'add':
      return words.t('registration.change.add', { kind: change.kind, masked: change.masked });
    case 'replace':
      return words.t('registration.change.replace', { kind: change.kind, masked: change.masked, oldMasked: change.replacesMasked });
    case 'remove':
      return words.t('registration.change.remove', { kind: change.kind, masked: change.masked });
    default:
      throw missingCaseError(change);
  }
}

/** The "saved" message on the list after a change, and only what is true about the notice. */
export function savedWords(words: Translator, change: MethodChange, notice: NoticeState): string[] {
  const done = (() => {
    switch (change.action) {
      case 'add':
        return words.t('registration.saved.add', { kind: change.kind, masked: change.masked });
      case 'replace':
        return words.t('registration.saved.replace', { kind: change.kind, masked: change.masked, oldMasked: change.replacesMasked });
      case 'remove':
        return words.t('registration.saved.remove', { kind: change.kind, masked: change.masked });
      default:
        throw missingCaseError(change);
    }
  })();
  return notice === 'queued' ? [done, words.t('registration.saved.noticeQueued')] : [done];
}
