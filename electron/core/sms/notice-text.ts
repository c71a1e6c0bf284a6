import type { MessageId } from '../../../shared/i18n/catalogues.js';
import type { Language } from '../../../shared/i18n/languages.js';
import type { MessageValues } from '../../../shared/i18n/translator.js';
import type { AccountNoticeKind } from '../mail/templates.js';
import { findAutoLinkableText, findUrls } from '../mail/find-urls.js';
import { MailInputError } from '../mail/mail-errors.js';
import { checkedDate } from '../mail/message-words.js';
import { checkedValue } from '../mail/template-values.js';
import { gsm7Segments } from './gsm7.js';
import { textWords } from './text-words.js';

const happened = {
  password_reset: 'notifications.text.notice.password_reset',
  password_changed: 'notifications.text.notice.password_changed',
  account_unlocked: 'notifications.text.notice.account_unlocked',
  blocks_cleared: 'notifications.text.notice.blocks_cleared',
} as const satisfies Record<AccountNoticeKind, MessageId>;

/**
 * The text-message notice after a reset, a change or an unlock, for people registered by mobile
 * only as much as for everyone else: what happened, when, and whom to call if it was not them. Like
 * every message it holds no link, and so no username either ("jane.doe" reads as a web address to a
 * phone; the text goes to the account's own number anyway). It is kept to two segments where it can be.
 */
export function noticeText(input: NoticeTextContext & { kind: AccountNoticeKind }): string {
  if (!Object.hasOwn(happened, input.kind)) throw new MailInputError('kind', 'must be a known notice');
  return kioskNoticeText(input, happened[input.kind], {});
}

export interface NoticeTextContext {
  organisationName: string;
  when: Date;
  deskName: string;
  deskPhone: string;
  timeZone?: string;
  /** The language of the person the notice is for (the session's when it was queued). */
  language?: Language;
}

/**
 * "<Organisation>: <what happened> at a kiosk on <when>. Not you? Call ...": the one shape of every
 * notice by text, two sentences from the catalogue, the second shortened when the full text would pass
 * two segments, and never with a link.
 */
export function kioskNoticeText(input: NoticeTextContext, what: MessageId, values: MessageValues): string {
  const organisation = checkedValue('branding.organisationName', input.organisationName, { required: true });
  const desk = checkedValue('branding.serviceDesk.name', input.deskName, { required: true });
  const phone = checkedValue('branding.serviceDesk.phone', input.deskPhone, { required: false });
  const at = checkedDate(input.when);
  const words = textWords(input.language, input.timeZone);
  const first = words.t(what, { ...values, organisation, at });
  const full = `${first} ${phone === '' ? words.t('notifications.text.notYou.contact', { desk }) : words.t('notifications.text.notYou.call', { desk, phone })}`;
  const short = `${first} ${phone === '' ? words.t('notifications.text.notYou.contact', { desk }) : words.t('notifications.text.notYou.callShort', { phone })}`;
  const text = gsm7Segments(full).segments <= 2 ? full : short;
  if (findUrls(text).length > 0 || findAutoLinkableText(text).length > 0) throw new MailInputError('text', 'must not contain a link');
  return text;
}
