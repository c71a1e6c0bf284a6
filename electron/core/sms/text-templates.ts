import { findAutoLinkableText, findUrls } from '../mail/find-urls.js';
import { MailInputError } from '../mail/mail-errors.js';
import { checkedValue } from '../mail/template-values.js';
import type { MessageId } from '../../../shared/i18n/catalogues.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { gsm7Segments, isGsm7 } from './gsm7.js';
import { textWords } from './text-words.js';

/**
 * The text message that carries a one-time code, in the person's language. Like the emails it never
 * holds a link: the organisation tells people it never sends password links, and phones turn bare
 * domains and email addresses into links on their own, so the organisation's name may hold neither.
 *
 * It is written to take no more segments than the English text needs: one GSM-7 segment (160
 * characters), so it arrives as one message and costs one. With a 10-digit code and a lifetime of up
 * to 1440 minutes the English text has room for a name of 72 characters; a longer name is shortened in
 * the text only, at a word boundary where one fits. A name with a character outside GSM-7 (Ł, ő, an
 * emoji) turns the whole text into UCS-2, which cannot fit one 70-unit segment whatever the name; such
 * a name is shortened to fit two segments instead. French and Spanish fold the accents GSM-7 lacks
 * (text-words.ts) and so fit like English; Arabic is always UCS-2, 70 units to the segment, so its
 * wording is terse and a long name is shortened further than in English.
 */

export interface CodeTextInput {
  organisationName: string;
  code: string;
  ttlMinutes: number;
  /** What the code is for; no wording is longer than the reset one, so the fit is never worse. */
  purpose?: 'reset' | 'unlock' | 'register';
  language?: Language;
}

const codeMessages = {
  reset: 'notifications.text.code.reset',
  unlock: 'notifications.text.code.unlock',
  register: 'notifications.text.code.register',
} as const satisfies Record<NonNullable<CodeTextInput['purpose']>, MessageId>;

/** As many segments as the English text needs: one, or two when the name itself forces UCS-2. */
function fits(text: string, budget: number): boolean {
  return gsm7Segments(text).segments <= budget;
}

// A cut name should not end on a dangling separator ("Example University,").
const trailingSeparators = /[\s,;:&(/–—-]+$/u;

/** The longest start of `name` that lets the text fit: whole words first, then whole characters. */
function shortenedName(name: string, render: (name: string) => string, budget: number): string {
  const words = name.split(' ');
  for (let count = words.length - 1; count >= 1; count -= 1) {
    const candidate = words.slice(0, count).join(' ').replace(trailingSeparators, '');
    if (candidate !== '' && fits(render(candidate), budget)) return candidate;
  }
  const characters = [...name];
  for (let length = characters.length - 1; length >= 1; length -= 1) {
    const candidate = characters.slice(0, length).join('').replace(trailingSeparators, '');
    if (candidate !== '' && fits(render(candidate), budget)) return candidate;
  }
  return characters[0] ?? '';
}

export function codeText(input: CodeTextInput): string {
  const organisation = checkedValue('branding.organisationName', input.organisationName, { required: true });
  if (findAutoLinkableText(organisation).length > 0) {
    throw new MailInputError('branding.organisationName', 'must not contain a web or email address: phones turn them into links');
  }
  if (typeof input.code !== 'string' || !/^[0-9]{4,10}$/.test(input.code)) throw new MailInputError('code', 'must be 4 to 10 digits');
  if (!Number.isInteger(input.ttlMinutes) || input.ttlMinutes < 1 || input.ttlMinutes > 24 * 60) {
    throw new MailInputError('ttlMinutes', 'must be a whole number of minutes from 1 to 1440');
  }
  const purpose = input.purpose ?? 'reset';
  if (!Object.hasOwn(codeMessages, purpose)) throw new MailInputError('purpose', 'must be "reset", "unlock" or "register"');
  const words = textWords(input.language, undefined);
  const render = (name: string) => words.t(codeMessages[purpose], { organisation: name, code: input.code, minutes: input.ttlMinutes });
  const budget = isGsm7(organisation) ? 1 : 2;
  const text = fits(render(organisation), budget) ? render(organisation) : render(shortenedName(organisation, render, budget));
  // The fixed wording is ours and link-free; this guards the rule against a future edit.
  if (findUrls(text).length > 0 || findAutoLinkableText(text).length > 0) throw new MailInputError('text', 'must not contain a link');
  return text;
}
