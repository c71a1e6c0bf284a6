import { MailInputError } from './mail-errors.js';
import { renderMessage, type RenderedEmail } from './message-layout.js';
import { checkedServiceDesk, checkedValue, formatWhen, serviceDeskRows } from './template-values.js';
import type { MailBranding } from './templates.js';

/**
 * The notice after a person added, changed or removed a way to reset their password. It goes to
 * every address on record before and after the change, so an old address learns that a new one was
 * added (the standard defence against an account takeover that starts by registering the
 * attacker's own address). The method is named masked only, and like every message it holds no link.
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
}

const methodNames: Record<NoticeMethodKind, string> = { email: 'personal email address', phone: 'mobile number', app: 'authenticator app' };

function named(method: NoticeMethodKind, masked: string): string {
  return masked === '' ? `${article(method)} ${methodNames[method]}` : `${article(method)} ${methodNames[method]} (${masked})`;
}
const article = (method: NoticeMethodKind) => (method === 'app' ? 'an' : 'a');
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One sentence, shared by the email and the text: what happened to which method. */
export function methodChangeSentence(input: { kind: MethodNoticeKind; method: NoticeMethodKind; masked: string; replacesMasked?: string }, account: string): string {
  const method = methodNames[input.method];
  switch (input.kind) {
    case 'method_added':
      return `${capitalised(named(input.method, input.masked))} was added to ${account} for password reset and sign-in codes.`;
    case 'method_replaced': {
      const old = input.replacesMasked === undefined || input.replacesMasked === '' ? `The ${method}` : `The ${method} ${input.replacesMasked}`;
      return input.method === 'app'
        ? `The authenticator app of ${account} was replaced by a new one.`
        : `${old} of ${account} was replaced by ${input.masked === '' ? 'another' : input.masked}.`;
    }
    case 'method_removed':
      return `${capitalised(named(input.method, input.masked))} was removed from ${account}: it will no longer receive codes.`;
  }
}

export function methodNoticeEmail(input: MethodNoticeInput): RenderedEmail {
  if (!methodNoticeKinds.includes(input.kind)) throw new MailInputError('kind', 'must be a known notice');
  if (!Object.hasOwn(methodNames, input.method)) throw new MailInputError('method', 'must be email, phone or app');
  const organisation = checkedValue('branding.organisationName', input.branding.organisationName, { required: true });
  const department = checkedValue('branding.departmentName', input.branding.departmentName, { required: true });
  const serviceDesk = checkedServiceDesk(input.branding.serviceDesk);
  const username = checkedValue('username', input.username, { required: true });
  const masked = checkedValue('masked', input.masked, { required: false });
  const replacesMasked = input.replacesMasked === undefined ? undefined : checkedValue('replacesMasked', input.replacesMasked, { required: false });
  const kioskId = checkedValue('kioskId', input.kioskId, { required: true });
  const kioskLocation = checkedValue('kioskLocation', input.kioskLocation ?? '', { required: false });
  const when = formatWhen(input.when, input.timeZone);

  const subjects: Record<MethodNoticeKind, string> = {
    method_added: `A way to reset your ${organisation} password was added`,
    method_replaced: `A way to reset your ${organisation} password was changed`,
    method_removed: `A way to reset your ${organisation} password was removed`,
  };
  const where: Array<readonly [string, string]> = [
    ['When', when],
    ['Kiosk', kioskId],
  ];
  if (kioskLocation !== '') where.push(['Kiosk location', kioskLocation]);
  const deskRows = serviceDeskRows(serviceDesk);
  return renderMessage({
    subject: subjects[input.kind],
    sender: `${department}, ${organisation}`,
    heading: subjects[input.kind],
    blocks: [
      {
        kind: 'paragraph',
        text: `${methodChangeSentence({ kind: input.kind, method: input.method, masked, ...(replacesMasked === undefined ? {} : { replacesMasked }) }, `the account ${username}`)} This was done at a self-service kiosk by someone who signed in with the account's password.`,
      },
      { kind: 'facts', rows: where },
      { kind: 'paragraph', text: 'If this was you, you do not need to do anything.' },
      {
        kind: 'paragraph',
        text: `If this was not you, contact the ${serviceDesk.name} straight away: someone may know your password, and they can secure your account.`,
      },
      ...(deskRows.length === 0 ? [] : [{ kind: 'facts' as const, rows: deskRows }]),
      {
        kind: 'paragraph',
        text: `${department} never emails a link to change a password and will never ask you for your password. If an email about your password contains a link, do not use it.`,
      },
    ],
  });
}
