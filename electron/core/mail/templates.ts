import { renderMessage, type RenderedEmail } from './message-layout.js';
import { MailInputError } from './mail-errors.js';
import { checkedServiceDesk, checkedValue, formatWhen, serviceDeskRows } from './template-values.js';

/**
 * The two messages the kiosk sends, as plain text and HTML. Neither ever holds a link: the
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

const noPasswordLinks = (department: string) =>
  `${department} never emails a link to change a password and will never ask you for your password. ` +
  'If an email about your password contains a link, do not use it.';

/** What a code is for: proving identity (reset, unlock), or that a new email address is the person's (register). */
export type CodeEmailPurpose = 'reset' | 'unlock' | 'register';

const codeWords: Record<CodeEmailPurpose, { subject: (organisation: string) => string; heading: string; asked: (organisation: string) => string; ignore: string }> = {
  reset: {
    subject: (organisation) => `Your ${organisation} password reset code`,
    heading: 'Your password reset code',
    asked: (organisation) => `You, or someone who knows your username, asked to reset your ${organisation} password at a self-service kiosk. To continue, type this code on the kiosk screen:`,
    ignore: 'If you did not ask for this code, you can ignore this email: nothing has been changed.',
  },
  unlock: {
    subject: (organisation) => `Your ${organisation} account unlock code`,
    heading: 'Your account unlock code',
    asked: (organisation) => `You, or someone who knows your username, asked to unlock your ${organisation} account at a self-service kiosk. To continue, type this code on the kiosk screen:`,
    ignore: 'If you did not ask for this code, you can ignore this email: nothing has been changed.',
  },
  register: {
    subject: (organisation) => `Confirm this email address for your ${organisation} account`,
    heading: 'Confirm your email address',
    asked: (organisation) =>
      `Someone signed in to a ${organisation} account at a self-service kiosk and asked to add this email address for password reset and sign-in codes. If that was you, type this code on the kiosk screen:`,
    ignore: 'If that was not you, do not share this code with anyone: without it, this address is not added.',
  },
};

export function codeEmail(input: { branding: MailBranding; code: string; ttlMinutes: number; purpose: CodeEmailPurpose }): RenderedEmail {
  const branding = checkedBranding(input.branding);
  if (typeof input.code !== 'string' || !/^[0-9]{4,10}$/.test(input.code)) {
    throw new MailInputError('code', 'must be 4 to 10 digits');
  }
  if (!Number.isInteger(input.ttlMinutes) || input.ttlMinutes < 1 || input.ttlMinutes > 24 * 60) {
    throw new MailInputError('ttlMinutes', 'must be a whole number of minutes from 1 to 1440');
  }
  const words = Object.hasOwn(codeWords, input.purpose) ? codeWords[input.purpose] : undefined;
  if (words === undefined) throw new MailInputError('purpose', 'must be "reset", "unlock" or "register"');

  const { organisationName: organisation, departmentName: department, serviceDesk } = branding;
  const minutes = input.ttlMinutes === 1 ? '1 minute' : `${input.ttlMinutes} minutes`;
  return renderMessage({
    subject: words.subject(organisation),
    sender: `${department}, ${organisation}`,
    heading: words.heading,
    blocks: [
      { kind: 'paragraph', text: words.asked(organisation) },
      { kind: 'code', code: input.code },
      {
        kind: 'paragraph',
        text: `The code is valid for ${minutes} and works only once. Do not share it with anyone.`,
      },
      { kind: 'paragraph', text: noPasswordLinks(department) },
      {
        kind: 'paragraph',
        text: `${words.ignore} If you are worried, contact the ${serviceDesk.name}.`,
      },
      ...contactFacts(serviceDesk),
    ],
  });
}

/** What a notice tells the person happened to their account. */
export type AccountNoticeKind = 'password_reset' | 'password_changed' | 'account_unlocked' | 'blocks_cleared';

const noticeWords: Record<AccountNoticeKind, { subject: (organisation: string) => string; heading: string; happened: (username: string) => string }> = {
  password_reset: {
    subject: (organisation) => `Your ${organisation} password was reset`,
    heading: 'Your password was reset',
    happened: (username) => `The password for ${username} was reset at a self-service kiosk.`,
  },
  password_changed: {
    subject: (organisation) => `Your ${organisation} password was changed`,
    heading: 'Your password was changed',
    happened: (username) => `The password for ${username} was changed at a self-service kiosk.`,
  },
  account_unlocked: {
    subject: (organisation) => `Your ${organisation} account was unlocked`,
    heading: 'Your account was unlocked',
    happened: (username) => `The account ${username} was unlocked at a self-service kiosk. Its password was not changed.`,
  },
  blocks_cleared: {
    subject: (organisation) => `Your ${organisation} password reset can be used again`,
    heading: 'Your password reset blocks were cleared',
    happened: (username) =>
      `The Service Desk checked your identity in person and cleared the blocks on password reset for ${username} at a self-service kiosk. Your password was not changed.`,
  },
};

/** The notice sent after a reset, a change or an unlock: what happened, when, where, and whom to call if it was not you. */
export function accountNoticeEmail(input: {
  kind: AccountNoticeKind;
  branding: MailBranding;
  username: string;
  when: Date;
  kioskId: string;
  kioskLocation: string;
  timeZone?: string;
}): RenderedEmail {
  const words = noticeWords[input.kind];
  if (words === undefined) throw new MailInputError('kind', 'must be a known notice');
  const branding = checkedBranding(input.branding);
  const username = checkedValue('username', input.username, { required: true });
  const kioskId = checkedValue('kioskId', input.kioskId, { required: true });
  const kioskLocation = checkedValue('kioskLocation', input.kioskLocation ?? '', { required: false });
  const when = formatWhen(input.when, input.timeZone);

  const { organisationName: organisation, departmentName: department, serviceDesk } = branding;
  const where: Array<readonly [string, string]> = [
    ['When', when],
    ['Kiosk', kioskId],
  ];
  if (kioskLocation !== '') where.push(['Kiosk location', kioskLocation]);
  return renderMessage({
    subject: words.subject(organisation),
    sender: `${department}, ${organisation}`,
    heading: words.heading,
    blocks: [
      { kind: 'paragraph', text: words.happened(username) },
      { kind: 'facts', rows: where },
      { kind: 'paragraph', text: 'If this was you, you do not need to do anything.' },
      {
        kind: 'paragraph',
        text: `If this was not you, contact the ${serviceDesk.name} straight away so that they can secure your account.`,
      },
      ...contactFacts(serviceDesk),
      { kind: 'paragraph', text: noPasswordLinks(department) },
    ],
  });
}

/** The reset notice (kept by name: the notice most tests and the demo show). */
export function resetNotificationEmail(input: Omit<Parameters<typeof accountNoticeEmail>[0], 'kind'>): RenderedEmail {
  return accountNoticeEmail({ ...input, kind: 'password_reset' });
}

function contactFacts(serviceDesk: ReturnType<typeof checkedServiceDesk>) {
  const rows = serviceDeskRows(serviceDesk);
  return rows.length === 0 ? [] : [{ kind: 'facts' as const, rows }];
}
