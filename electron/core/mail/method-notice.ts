import type { MessageId } from '../../../shared/i18n/catalogues.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { MailInputError } from './mail-errors.js';
import { renderMessage, type RenderedEmail } from './message-layout.js';
import { messageWords } from './message-words.js';
import { checkedServiceDesk, checkedValue, whenText, whereRows } from './template-values.js';
import { contactFacts, type MailBranding } from './templates.js';

/**
 * The notice after a person added, changed or removed a way to reset their password. It goes to
 * every address on record before and after the change, so an old address learns that a new one was
 * added (the standard defence against an account takeover that starts by registering the
 * attacker's own address). The method is named masked only, and like every message it holds no link.
 * Two sentences (what changed, then who did it) make one paragraph: each is its own catalogue message.
 */
export type MethodNoticeKind = 'method_added' | 'method_replaced' | 'method_removed';
export const methodNoticeKinds: readonly MethodNoticeKind[] = ['method_added', 'method_replaced', 'method_removed'];
export type NoticeMethodKind = 'email' | 'phone' | 'app';

export interface MethodNoticeInput {
  kind: MethodNoticeKind;
  branding: MailBranding;
  username: string;
  method: NoticeMethodKind;
  /** The new (or removed) method, masked ("a•••n@h•••.example", "+44 •••• ••• 321"; "" for an app). */
  masked: string;
  /** For a replacement: the method it replaced, masked. */
  replacesMasked?: string;
  when: Date;
  kioskId: string;
  kioskLocation: string;
  timeZone?: string;
  /** The language of the person who made the change (the session's when it was queued). */
  language?: Language;
}

const methodKinds: readonly NoticeMethodKind[] = ['email', 'phone', 'app'];

const sentences = {
  method_added: { email: 'notifications.method.added.email', phone: 'notifications.method.added.phone', app: 'notifications.method.added.app' },
  method_replaced: { email: 'notifications.method.replaced.email', phone: 'notifications.method.replaced.phone', app: 'notifications.method.replaced.app' },
  method_removed: { email: 'notifications.method.removed.email', phone: 'notifications.method.removed.phone', app: 'notifications.method.removed.app' },
} as const satisfies Record<MethodNoticeKind, Record<NoticeMethodKind, MessageId>>;

const subjects = {
  method_added: 'notifications.method.method_added.subject',
  method_replaced: 'notifications.method.method_replaced.subject',
  method_removed: 'notifications.method.method_removed.subject',
} as const satisfies Record<MethodNoticeKind, MessageId>;

// An email or a mobile is always shown masked; a row that somehow lost its mask still names a method.
const shown = (masked: string | undefined) => (masked === undefined || masked === '' ? '•••' : masked);

export function methodNoticeEmail(input: MethodNoticeInput): RenderedEmail {
  if (!methodNoticeKinds.includes(input.kind)) throw new MailInputError('kind', 'must be a known notice');
  if (!methodKinds.includes(input.method)) throw new MailInputError('method', 'must be email, phone or app');
  const organisation = checkedValue('branding.organisationName', input.branding.organisationName, { required: true });
  const department = checkedValue('branding.departmentName', input.branding.departmentName, { required: true });
  const serviceDesk = checkedServiceDesk(input.branding.serviceDesk);
  const username = checkedValue('username', input.username, { required: true });
  const masked = checkedValue('masked', input.masked, { required: false });
  const replacesMasked = input.replacesMasked === undefined ? undefined : checkedValue('replacesMasked', input.replacesMasked, { required: false });
  const kioskId = checkedValue('kioskId', input.kioskId, { required: true });
  const kioskLocation = checkedValue('kioskLocation', input.kioskLocation ?? '', { required: false });
  const words = messageWords(input.language, input.timeZone);
  const when = whenText(input.when, words, input.timeZone);

  const subject = words.t(subjects[input.kind], { organisation });
  const what = words.t(sentences[input.kind][input.method], { username, masked: shown(masked), oldMasked: shown(replacesMasked) });
  return renderMessage({
    language: words.language,
    subject,
    sender: words.t('notifications.email.sender', { department, organisation }),
    heading: subject,
    blocks: [
      { kind: 'paragraph', text: `${what} ${words.t('notifications.method.who')}` },
      { kind: 'facts', rows: whereRows(words, { when, kioskId, kioskLocation }) },
      { kind: 'paragraph', text: words.t('notifications.email.ifYou') },
      { kind: 'paragraph', text: words.t('notifications.method.ifNotYou', { desk: serviceDesk.name }) },
      ...contactFacts(serviceDesk, words),
      { kind: 'paragraph', text: words.t('notifications.email.noLinks', { department }) },
    ],
  });
}
