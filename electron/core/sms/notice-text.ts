import type { AccountNoticeKind } from '../mail/templates.js';
import { findAutoLinkableText, findUrls } from '../mail/find-urls.js';
import { MailInputError } from '../mail/mail-errors.js';
import { checkedValue } from '../mail/template-values.js';
import { gsm7Segments } from './gsm7.js';

const happened: Record<AccountNoticeKind, string> = {
  password_reset: 'your password was reset',
  password_changed: 'your password was changed',
  account_unlocked: 'your account was unlocked (password unchanged)',
  blocks_cleared: 'the Service Desk cleared your password reset blocks',
};

/**
 * The text-message notice after a reset, a change or an unlock, for people registered by mobile
 * only as much as for everyone else: what happened, when, and whom to call if it was not them. Like
 * every message it holds no link, and so no username either ("jane.doe" reads as a web address to a
 * phone; the text goes to the account's own number anyway). It is kept to two GSM-7 segments.
 */
export function noticeText(input: {
  kind: AccountNoticeKind;
  organisationName: string;
  when: Date;
  deskName: string;
  deskPhone: string;
  timeZone?: string;
}): string {
  const what = happened[input.kind];
  if (what === undefined) throw new MailInputError('kind', 'must be a known notice');
  return kioskNoticeText(input, what);
}

export interface NoticeTextContext {
  organisationName: string;
  when: Date;
  deskName: string;
  deskPhone: string;
  timeZone?: string;
}

/**
 * "<Organisation>: <what happened> at a kiosk on <when>. Not you? Call ...": the one shape of every
 * notice by text, shortened when the full one would pass two GSM-7 segments, and never with a link.
 */
export function kioskNoticeText(input: NoticeTextContext, what: string): string {
  const organisation = checkedValue('branding.organisationName', input.organisationName, { required: true });
  const deskName = checkedValue('branding.serviceDesk.name', input.deskName, { required: true });
  const deskPhone = checkedValue('branding.serviceDesk.phone', input.deskPhone, { required: false });
  const when = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(input.timeZone === undefined ? {} : { timeZone: input.timeZone }),
  }).format(input.when);
  const call = deskPhone === '' ? `Contact the ${deskName}` : `Call the ${deskName} on ${deskPhone}`;
  const full = `${organisation}: ${what} at a kiosk on ${when}. Not you? ${call}.`;
  const short = `${organisation}: ${what} on ${when}. Not you? ${deskPhone === '' ? `Contact the ${deskName}` : `Call ${deskPhone}`}.`;
  const text = gsm7Segments(full).segments <= 2 ? full : short;
  if (findUrls(text).length > 0 || findAutoLinkableText(text).length > 0) throw new MailInputError('text', 'must not contain a link');
  return text;
}
