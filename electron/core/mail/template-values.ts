import type { Translator } from '../../../shared/i18n/translator.js';
import { findUrls } from './find-urls.js';
import { MailInputError } from './mail-errors.js';
import { checkedDate, zoneName } from './message-words.js';

export interface ServiceDeskDetails {
  name: string;
  location: string;
  phone: string;
  email: string;
  hours: string;
}

// Line breaks would let a value forge extra lines in the text part; bidi overrides can disguise text.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const forbiddenCharacters = /[\u0000-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A value that is safe to put into a message: a string, no control characters, no link. */
export function checkedValue(field: string, value: unknown, options: { required: boolean }): string {
  if (typeof value !== 'string') throw new MailInputError(field, 'must be a string');
  if (options.required && value.trim() === '') throw new MailInputError(field, 'must not be empty');
  if (forbiddenCharacters.test(value)) throw new MailInputError(field, 'must not contain control or direction-override characters');
  if (findUrls(value).length > 0) throw new MailInputError(field, 'must not contain a link or URL');
  return value.trim();
}

export function checkedServiceDesk(value: unknown): ServiceDeskDetails {
  if (typeof value !== 'object' || value === null) throw new MailInputError('branding.serviceDesk', 'must be an object');
  const desk = value as Record<string, unknown>;
  return {
    name: checkedValue('branding.serviceDesk.name', desk.name, { required: true }),
    location: checkedValue('branding.serviceDesk.location', desk.location ?? '', { required: false }),
    phone: checkedValue('branding.serviceDesk.phone', desk.phone ?? '', { required: false }),
    email: checkedValue('branding.serviceDesk.email', desk.email ?? '', { required: false }),
    hours: checkedValue('branding.serviceDesk.hours', desk.hours ?? '', { required: false }),
  };
}

/** "Phone: ...", "Email: ..." rows for the details the organisation configured; empty ones are left out. */
export function serviceDeskRows(desk: ServiceDeskDetails, words: Translator): Array<readonly [string, string]> {
  const rows: Array<readonly [string, string]> = [];
  if (desk.phone !== '') rows.push([words.t('notifications.email.label.phone'), desk.phone]);
  if (desk.email !== '') rows.push([words.t('notifications.email.label.email'), desk.email]);
  if (desk.location !== '') rows.push([words.t('notifications.email.label.inPerson'), desk.location]);
  if (desk.hours !== '') rows.push([words.t('notifications.email.label.hours'), desk.hours]);
  return rows;
}

/** "Wednesday, July 1, 2026 at 1:34 PM GMT+1", as the language writes it, in the kiosk's time zone. */
export function whenText(when: unknown, words: Translator, timeZone: string | undefined): string {
  const at = checkedDate(when);
  return words.t('notifications.email.when', { at, zone: zoneName(at, words.language, timeZone) });
}

/** "When", "Kiosk" and "Kiosk location" rows: where and when a change happened. */
export function whereRows(words: Translator, facts: { when: string; kioskId: string; kioskLocation: string }): Array<readonly [string, string]> {
  const rows: Array<readonly [string, string]> = [
    [words.t('notifications.email.label.when'), facts.when],
    [words.t('notifications.email.label.kiosk'), facts.kioskId],
  ];
  if (facts.kioskLocation !== '') rows.push([words.t('notifications.email.label.kioskLocation'), facts.kioskLocation]);
  return rows;
}
