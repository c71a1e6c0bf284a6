import { findAutoLinkableText, findUrls } from '../mail/find-urls.js';
import { MailInputError } from '../mail/mail-errors.js';
import { methodNoticeKinds, type MethodNoticeKind, type NoticeMethodKind } from '../mail/method-notice.js';
import { checkedValue } from '../mail/template-values.js';
import { gsm7Segments } from './gsm7.js';

const what: Record<MethodNoticeKind, Record<NoticeMethodKind, (mobile: string) => string>> = {
  method_added: { email: () => 'an email address was added to', phone: (mobile) => `${mobile} was added to`, app: () => 'an authenticator app was added to' },
  method_replaced: { email: () => 'an email address was changed on', phone: (mobile) => `${mobile} was changed on`, app: () => 'the authenticator app was changed on' },
  method_removed: { email: () => 'an email address was removed from', phone: (mobile) => `${mobile} was removed from`, app: () => 'the authenticator app was removed from' },
};

/**
 * The text-message notice of a change to a person's reset methods, for their mobiles before and after
 * the change. Like the other notices it holds no link and no username. A mobile is named by its last
 * three digits ("ending in 321", in GSM-7, where the mask's dots would double the text's cost); an
 * email by its kind alone (even masked, some phones would make a link of it).
 */
export function methodNoticeText(input: {
  kind: MethodNoticeKind;
  method: NoticeMethodKind;
  /** Masked number of a mobile ("+44 •••• ••• 321"): only its last three digits are used; ignored for other kinds. */
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
  const lastDigits = input.method === 'phone' ? /([0-9]{3})$/.exec(checkedValue('masked', input.masked, { required: false }))?.[1] : undefined;
  const mobile = lastDigits === undefined ? 'a mobile number' : `a mobile number ending in ${lastDigits}`;
  const when = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(input.timeZone === undefined ? {} : { timeZone: input.timeZone }),
  }).format(input.when);
  const call = deskPhone === '' ? `Contact the ${deskName}` : `Call the ${deskName} on ${deskPhone}`;
  const change = what[input.kind][input.method](mobile);
  const candidates = [
    `${organisation}: ${change} your account at a kiosk on ${when}. Not you? ${call}.`,
    `${organisation}: ${change} your account on ${when}. Not you? ${deskPhone === '' ? `Contact the ${deskName}` : `Call ${deskPhone}`}.`,
  ];
  const text = candidates.find((candidate) => gsm7Segments(candidate).segments <= 2) ?? candidates.at(-1)!;
  if (findUrls(text).length > 0 || findAutoLinkableText(text).length > 0) throw new MailInputError('text', 'must not contain a link');
  return text;
}
