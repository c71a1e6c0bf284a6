import type { MessageId } from '../../../shared/i18n/catalogues.js';
import type { Language } from '../../../shared/i18n/languages.js';
import type { Translator } from '../../../shared/i18n/translator.js';
import { renderMessage, type RenderedEmail } from './message-layout.js';
import { MailInputError } from './mail-errors.js';
import { messageWords } from './message-words.js';
import { checkedServiceDesk, checkedValue, serviceDeskRows, whenText, whereRows } from './template-values.js';

/**
 * The code email and the account notices, as plain text and HTML, in the reader's language (the
 * words are the "notifications" catalogue's). Neither ever holds a link: the
 * organisation tells people it never emails password links, and a message that breaks that rule
 * would teach them to trust phishing. Every value is checked first, so bad input throws a
 * MailInputError and nothing is rendered.
 */
export { findUrls, findAutoLinkableText } from './find-urls.js';
export type { RenderedEmail } from './message-layout.js';

export interface MailBranding {
  organisationName: string;
  departmentName: string;
  serviceDesk: { name: string; location: string; phone: string; email: string; hours: string };
}

function checkedBranding(branding: unknown) {
  if (typeof branding !== 'object' || branding === null) throw new MailInputError('branding', 'must be an object');
  const value = branding as Record<string, unknown>;
  return {
    organisationName: checkedValue('branding.organisationName', value.organisationName, { required: true }),
    departmentName: checkedValue('branding.departmentName', value.departmentName, { required: true }),
    serviceDesk: checkedServiceDesk(value.serviceDesk),
  };
}

/**
 * Checks branding once at start-up, so a configuration that cannot be mailed safely (a link in the
 * Service Desk location, a line break in a name) stops the kiosk there rather than at the first reset.
 */
export function assertMailBranding(branding: MailBranding): void {
  checkedBranding(branding);
}

/** What a code is for: proving identity (reset, unlock), or that a new email address is the person's (register). */
export type CodeEmailPurpose = 'reset' | 'unlock' | 'register';

const codeWords = {
  reset: {
    subject: 'notifications.code.reset.subject',
    heading: 'notifications.code.reset.heading',
    asked: 'notifications.code.reset.asked',
    ignore: 'notifications.code.reset.ignore',
  },
  unlock: {
    subject: 'notifications.code.unlock.subject',
    heading: 'notifications.code.unlock.heading',
    asked: 'notifications.code.unlock.asked',
    ignore: 'notifications.code.unlock.ignore',
  },
  register: {
    subject: 'notifications.code.register.subject',
    heading: 'notifications.code.register.heading',
    asked: 'notifications.code.register.asked',
    ignore: 'notifications.code.register.ignore',
  },
} as const satisfies Record<CodeEmailPurpose, Record<string, MessageId>>;

export function codeEmail(input: { branding: MailBranding; code: string; ttlMinutes: number; purpose: CodeEmailPurpose; language?: Language }): RenderedEmail {
  const branding = checkedBranding(input.branding);
  if (typeof input.code !== 'string' || !/^[0-9]{4,10}$/.test(input.code)) {
    throw new MailInputError('code', 'must be 4 to 10 digits');
  }
  if (!Number.isInteger(input.ttlMinutes) || input.ttlMinutes < 1 || input.ttlMinutes > 24 * 60) {
    throw new MailInputError('ttlMinutes', 'must be a whole number of minutes from 1 to 1440');
  }
  const ids = Object.hasOwn(codeWords, input.purpose) ? codeWords[input.purpose] : undefined;
  if (ids === undefined) throw new MailInputError('purpose', 'must be "reset", "unlock" or "register"');

  const words = messageWords(input.language, undefined);
  const { organisationName: organisation, departmentName: department, serviceDesk } = branding;
  return renderMessage({
    language: words.language,
    subject: words.t(ids.subject, { organisation }),
    sender: words.t('notifications.email.sender', { department, organisation }),
    heading: words.t(ids.heading),
    blocks: [
      { kind: 'paragraph', text: words.t(ids.asked, { organisation }) },
      { kind: 'code', code: input.code },
      { kind: 'paragraph', text: words.t('notifications.code.validity', { minutes: input.ttlMinutes }) },
      { kind: 'paragraph', text: words.t('notifications.email.noLinks', { department }) },
      { kind: 'paragraph', text: words.t(ids.ignore, { desk: serviceDesk.name }) },
      ...contactFacts(serviceDesk, words),
    ],
  });
}

/** What a notice tells the person happened to their account. */
export type AccountNoticeKind = 'password_reset' | 'password_changed' | 'account_unlocked' | 'blocks_cleared';

const noticeWords = {
  password_reset: {
    subject: 'notifications.notice.password_reset.subject',
    heading: 'notifications.notice.password_reset.heading',
    happened: 'notifications.notice.password_reset.happened',
  },
  password_changed: {
    subject: 'notifications.notice.password_changed.subject',
    heading: 'notifications.notice.password_changed.heading',
    happened: 'notifications.notice.password_changed.happened',
  },
  account_unlocked: {
    subject: 'notifications.notice.account_unlocked.subject',
    heading: 'notifications.notice.account_unlocked.heading',
    happened: 'notifications.notice.account_unlocked.happened',
  },
  blocks_cleared: {
    subject: 'notifications.notice.blocks_cleared.subject',
    heading: 'notifications.notice.blocks_cleared.heading',
    happened: 'notifications.notice.blocks_cleared.happened',
  },
} as const satisfies Record<AccountNoticeKind, Record<string, MessageId>>;

/** The notice sent after a reset, a change or an unlock: what happened, when, where, and whom to call if it was not you. */
export function accountNoticeEmail(input: {
  kind: AccountNoticeKind;
  branding: MailBranding;
  username: string;
  when: Date;
  kioskId: string;
  kioskLocation: string;
  timeZone?: string;
  language?: Language;
}): RenderedEmail {
  const ids = Object.hasOwn(noticeWords, input.kind) ? noticeWords[input.kind] : undefined;
  if (ids === undefined) throw new MailInputError('kind', 'must be a known notice');
  const branding = checkedBranding(input.branding);
  const username = checkedValue('username', input.username, { required: true });
  const kioskId = checkedValue('kioskId', input.kioskId, { required: true });
  const kioskLocation = checkedValue('kioskLocation', input.kioskLocation ?? '', { required: false });
  const words = messageWords(input.language, input.timeZone);
  const when = whenText(input.when, words, input.timeZone);

  const { organisationName: organisation, departmentName: department, serviceDesk } = branding;
  return renderMessage({
    language: words.language,
    subject: words.t(ids.subject, { organisation }),
    sender: words.t('notifications.email.sender', { department, organisation }),
    heading: words.t(ids.heading),
    blocks: [
      { kind: 'paragraph', text: words.t(ids.happened, { username }) },
      { kind: 'facts', rows: whereRows(words, { when, kioskId, kioskLocation }) },
      { kind: 'paragraph', text: words.t('notifications.email.ifYou') },
      { kind: 'paragraph', text: words.t('notifications.notice.ifNotYou', { desk: serviceDesk.name }) },
      ...contactFacts(serviceDesk, words),
      { kind: 'paragraph', text: words.t('notifications.email.noLinks', { department }) },
    ],
  });
}

/** The reset notice (kept by name: the notice most tests and the demo show). */
export function resetNotificationEmail(input: Omit<Parameters<typeof accountNoticeEmail>[0], 'kind'>): RenderedEmail {
  return accountNoticeEmail({ ...input, kind: 'password_reset' });
}

export function contactFacts(serviceDesk: ReturnType<typeof checkedServiceDesk>, words: Translator) {
  const rows = serviceDeskRows(serviceDesk, words);
  return rows.length === 0 ? [] : [{ kind: 'facts' as const, rows }];
}
