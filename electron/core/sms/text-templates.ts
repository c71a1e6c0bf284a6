import { findAutoLinkableText, findUrls } from '../mail/find-urls.js';
import { MailInputError } from '../mail/mail-errors.js';
import { checkedValue } from '../mail/template-values.js';
import { gsm7Segments } from './gsm7.js';

/**
 * The text message that carries a one-time code. Like the emails it never holds a link: the
 * organisation tells people it never sends password links, and phones turn bare domains and email
 * addresses into links on their own, so the organisation's name may hold neither.
 *
 * It is written to fit one GSM-7 segment (160 characters), so it arrives as one message and costs
 * one. With a 10-digit code and a lifetime of up to 1440 minutes there is room for a name of 72
 * characters; a longer name is shortened in the text only, at a word boundary where one fits. A name
 * with a character outside GSM-7 (Ł, ő, an emoji) turns the whole text into UCS-2, which cannot fit
 * one 70-unit segment whatever the name; such a name is shortened to fit two segments instead.
 */

export interface CodeTextInput {
  organisationName: string;
  code: string;
  ttlMinutes: number;
  /** What the code is for; no wording is longer than the reset one, so the fit is never worse. */
  purpose?: 'reset' | 'unlock' | 'register';
}

const codeNames = { reset: 'password reset code', unlock: 'account unlock code', register: 'mobile number code' } as const;

function compose(organisation: string, code: string, ttlMinutes: number, purpose: keyof typeof codeNames): string {
  const minutes = ttlMinutes === 1 ? '1 minute' : `${ttlMinutes} minutes`;
  const what = codeNames[purpose];
  return `${organisation} ${what}: ${code}\nIt works for ${minutes}, once. Never share this code.`;
}

function fits(text: string): boolean {
  const count = gsm7Segments(text);
  return count.segments <= (count.encoding === 'gsm7' ? 1 : 2);
}

// A cut name should not end on a dangling separator ("Example University,").
const trailingSeparators = /[\s,;:&(/–—-]+$/u;

/** The longest start of `name` that lets the text fit: whole words first, then whole characters. */
function shortenedName(name: string, render: (name: string) => string): string {
  const words = name.split(' ');
  for (let count = words.length - 1; count >= 1; count -= 1) {
    const candidate = words.slice(0, count).join(' ').replace(trailingSeparators, '');
    if (candidate !== '' && fits(render(candidate))) return candidate;
  }
  const characters = [...name];
  for (let length = characters.length - 1; length >= 1; length -= 1) {
    const candidate = characters.slice(0, length).join('').replace(trailingSeparators, '');
    if (candidate !== '' && fits(render(candidate))) return candidate;
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
  const render = (name: string) => compose(name, input.code, input.ttlMinutes, input.purpose ?? 'reset');
  const text = fits(render(organisation)) ? render(organisation) : render(shortenedName(organisation, render));
  // The fixed wording is ours and link-free; this guards the rule against a future edit.
  if (findUrls(text).length > 0 || findAutoLinkableText(text).length > 0) throw new MailInputError('text', 'must not contain a link');
  return text;
}
