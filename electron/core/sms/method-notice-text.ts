import { findAutoLinkableText, findUrls } from '../mail/find-urls.js';
import { MailInputError } from '../mail/mail-errors.js';
import { methodNoticeKinds, type MethodNoticeKind, type NoticeMethodKind } from '../mail/method-notice.js';
import { checkedValue } from '../mail/template-values.js';
import { gsm7Segments } from './gsm7.js';

const what: Record<MethodNoticeKind, Record<NoticeMethodKind, string>> = {
  method_added: { email: 'an email address was added to', phone: 'a mobile number was added to', app: 'an authenticator app was added to' },
  method_replaced: { email: 'an email address was changed on', phone: 'a mobile number was changed on', app: 'the authenticator app was changed on' },
  method_removed: { email: 'an email address was removed from', phone: 'a mobile number was removed from', app: 'the authenticator app was removed from' },
};

/**
 * The text-message notice of a change to a person's reset methods, for their mobiles before and after
 * the change. Like the other notices it holds no link and no username, and it names the method by
 * its masked value only when that still fits two segments (a masked email would read as a link to
 * some phones, so emails are named by kind alone).
 */
export function methodNoticeText(input: {
  kind: MethodNoticeKind;
  method: NoticeMethodKind;
  /** Masked number of a mobile ("+44 •••• ••• 321"); ignored for other kinds. */
  masked: string;
  organisationName: string;
  when: Date;
  deskName: string;
  deskPhone: string;
  timeZone?: string;
}): string {
  if (!methodNoticeKinds.includes(input.kind) || what[input.kind]?.[input.method] === undefined) throw new MailInputError('kind', 'must be a known notice');
  const organisation = checkedValue('branding.organisationName', input.organisationName, { required: true });
  const deskName = checkedValue('branding.serviceDesk.name', input.deskName, { required: true });
  const deskPhone = checkedValue('branding.serviceDesk.phone', input.deskPhone, { required: false });
  const masked = input.method === 'phone' ? checkedValue('masked', input.masked, { required: false }) : '';
  const when = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(input.timeZone === undefined ? {} : { timeZone: input.timeZone }),
  }).format(input.when);
  const call = deskPhone === '' ? `Contact the ${deskName}` : `Call the ${deskName} on ${deskPhone}`;
  const change = what[input.kind][input.method];
  const candidates = [
    `${organisation}: ${change} your account at a kiosk on ${when}${masked === '' ? '' : ` (${masked})`}. Not you? ${call}.`,
    `${organisation}: ${change} your account at a kiosk on ${when}. Not you? ${call}.`,
    `${organisation}: ${change} your account on ${when}. Not you? ${deskPhone === '' ? `Contact the ${deskName}` : `Call ${deskPhone}`}.`,
  ];
  const text = candidates.find((candidate) => gsm7Segments(candidate).segments <= 2) ?? candidates.at(-1)!;
  if (findUrls(text).length > 0 || findAutoLinkableText(text).length > 0) throw new MailInputError('text', 'must not contain a link');
  return text;
}
