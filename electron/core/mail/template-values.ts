import { findUrls } from './find-urls.js';
import { MailInputError } from './mail-errors.js';

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
export function serviceDeskRows(desk: ServiceDeskDetails): Array<readonly [string, string]> {
  const rows: Array<readonly [string, string]> = [];
  if (desk.phone !== '') rows.push(['Phone', desk.phone]);
  if (desk.email !== '') rows.push(['Email', desk.email]);
  if (desk.location !== '') rows.push(['In person', desk.location]);
  if (desk.hours !== '') rows.push(['Opening hours', desk.hours]);
  return rows;
}

/** "Wednesday, 1 July 2026 at 13:34 BST": a reader needs the zone to judge whether it was them. */
export function formatWhen(when: unknown, timeZone: string | undefined): string {
  if (!(when instanceof Date) || Number.isNaN(when.getTime())) throw new MailInputError('when', 'must be a valid date');
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
      ...(timeZone === undefined ? {} : { timeZone }),
    });
  } catch {
    throw new MailInputError('timeZone', `is not a known time zone: ${JSON.stringify(timeZone)}`);
  }
  return format.format(when);
}
