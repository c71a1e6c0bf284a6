import { judgeEmailAddress } from '../../electron/core/journeys/registration/email-address.js';
import { languageCodes } from '../../shared/i18n/languages.js';
import { presetNames } from '../../shared/policy/policy-config.js';

/**
 * The questions `admin init` asks, in order, with their defaults. Each names the configuration keys
 * its answer ends up in: after every answer the whole configuration is validated by the kiosk's own
 * loader, and a problem under those keys sends the question back with the loader's reason.
 */
export interface InitAnswers {
  organisation: string;
  usernameExample: string;
  deskName: string;
  deskPhone: string;
  deskEmail: string;
  deskLocation: string;
  mailFrom: string;
  smtpHost: string;
  smtpPort: string;
  smsProvider: string;
  smsUrl: string;
  smsRegion: string;
  directory: string;
  directoryUrl: string;
  baseDn: string;
  bindDn: string;
  preset: string;
  languages: string;
}

export interface InitQuestion {
  key: keyof InitAnswers;
  text: string;
  default: (answers: InitAnswers) => string;
  /** Asked only when this holds; otherwise its default stands. */
  when?: (answers: InitAnswers) => boolean;
  /** A problem the schema cannot see (e.g. one of a few words), in words; null when fine. */
  check?: (answer: string, answers: InitAnswers) => string | null;
  /** Configuration keys the answer is written to (a loader problem under one of them is this answer's). */
  keys: string[];
}

export const noSmtp = 'none';
const smsChoices = ['none', 'demo', 'http'];
const directoryChoices = ['sqlite', 'ldap', 'active-directory'];
const isDemo = (answers: InitAnswers) => answers.smtpHost.toLowerCase() === noSmtp;
const isServerDirectory = (answers: InitAnswers) => !isDemo(answers) && answers.directory !== 'sqlite';
const isAd = (answers: InitAnswers) => answers.directory === 'active-directory';

const oneOf = (choices: readonly string[]) => (answer: string) => (choices.includes(answer) ? null : `type one of ${choices.join(', ')}`);
const optionalEmail = (answer: string) => (answer === '' || judgeEmailAddress(answer, []).ok ? null : 'expected an email address like servicedesk@example.ac.uk, or nothing');

/** "Name <address>" or a bare address, the address a real one. */
function fromAddressProblem(answer: string): string | null {
  const address = /<([^<>]+)>$/.exec(answer)?.[1] ?? answer;
  const ok = judgeEmailAddress(address, []).ok && (answer === address || /^[^<>"]+ <[^<>]+>$/.test(answer));
  return ok ? null : 'expected an address like it-services@example.ac.uk or "IT Services <it-services@example.ac.uk>"';
}

export function languageList(answer: string): string[] {
  return answer
    .split(/[\s,]+/)
    .map((code) => code.trim().toLowerCase())
    .filter((code) => code !== '');
}

function languagesProblem(answer: string): string | null {
  const codes = languageList(answer);
  if (codes.length === 0) return `name at least one of ${languageCodes.join(', ')}`;
  const unknown = codes.filter((code) => !(languageCodes as readonly string[]).includes(code));
  if (unknown.length > 0) return `${unknown.join(', ')}: not a language the kiosk speaks (it speaks ${languageCodes.join(', ')})`;
  if (new Set(codes).size !== codes.length) return 'a language is named twice';
  return null;
}

export const initQuestions: readonly InitQuestion[] = [
  { key: 'organisation', text: 'Organisation name', default: () => 'Example University', keys: ['branding.organisationName'] },
  {
    key: 'usernameExample',
    text: 'An example username, shown under every username box (e.g. jsmith42; nothing: no example)',
    default: () => '',
    keys: ['branding.usernameExample'],
  },
  { key: 'deskName', text: 'Service Desk name', default: () => 'IT Service Desk', keys: ['branding.serviceDesk.name'] },
  { key: 'deskPhone', text: 'Service Desk phone', default: () => '', keys: ['branding.serviceDesk.phone'] },
  { key: 'deskEmail', text: 'Service Desk email', default: () => '', check: optionalEmail, keys: ['branding.serviceDesk.email'] },
  { key: 'deskLocation', text: 'Service Desk location (where people find it)', default: () => '', keys: ['branding.serviceDesk.location', 'branding.serviceDesk'] },
  { key: 'mailFrom', text: 'Mail from-address for codes and notices', default: () => 'IT Services <it-services@example.ac.uk>', check: fromAddressProblem, keys: ['mail.from'] },
  {
    key: 'smtpHost',
    text: `SMTP relay host name ("${noSmtp}": no mail, the kiosk runs as the offline demo)`,
    default: () => 'smtp.example.ac.uk',
    check: (answer) => (answer.toLowerCase() === noSmtp || /^[A-Za-z0-9.-]+$/.test(answer) ? null : 'expected a host name like smtp.example.ac.uk'),
    keys: ['mail.smtp', 'demo'],
  },
  {
    key: 'smtpPort',
    text: 'SMTP port (587: STARTTLS, 465: implicit TLS)',
    default: () => '587',
    when: (answers) => !isDemo(answers),
    check: (answer) => (/^\d{1,5}$/.test(answer) && Number(answer) >= 1 && Number(answer) <= 65535 ? null : 'expected a port number from 1 to 65535'),
    keys: ['mail.smtp.port'],
  },
  { key: 'smsProvider', text: `Text messages (${smsChoices.join(', ')})`, default: (answers) => (isDemo(answers) ? 'demo' : 'none'), check: oneOf(smsChoices), keys: ['sms.provider', 'sms'] },
  {
    key: 'smsUrl',
    text: 'Text gateway URL (HTTPS)',
    default: () => 'https://sms-gateway.example.ac.uk/api/messages',
    when: (answers) => answers.smsProvider === 'http',
    keys: ['sms.url'],
  },
  { key: 'smsRegion', text: 'Region for phone numbers typed without a country code', default: () => 'GB', keys: ['sms.defaultRegion'] },
  {
    key: 'directory',
    text: `Where people's accounts live (${directoryChoices.join(', ')})`,
    default: () => 'sqlite',
    when: (answers) => !isDemo(answers),
    check: oneOf(directoryChoices),
    keys: ['directory.kind'],
  },
  {
    key: 'directoryUrl',
    text: 'Directory URL (ldaps://host:636, or ldap://host:389 used with STARTTLS)',
    default: (answers) => (isAd(answers) ? 'ldaps://dc1.example.ac.uk:636' : 'ldaps://ldap.example.ac.uk:636'),
    when: isServerDirectory,
    keys: ['directory.url', 'directory'],
  },
  {
    key: 'baseDn',
    text: 'Directory base DN (where people are searched)',
    default: (answers) => (isAd(answers) ? 'OU=People,DC=example,DC=ac,DC=uk' : 'ou=people,dc=example,dc=ac,dc=uk'),
    when: isServerDirectory,
    keys: ['directory.baseDn'],
  },
  {
    key: 'bindDn',
    text: "Directory bind DN (the kiosk's service account)",
    default: (answers) => (isAd(answers) ? 'CN=sspr-kiosk,OU=Service Accounts,DC=example,DC=ac,DC=uk' : 'cn=sspr-kiosk,ou=services,dc=example,dc=ac,dc=uk'),
    when: isServerDirectory,
    keys: ['directory.bindDn'],
  },
  { key: 'preset', text: `Password policy preset (${presetNames.join(', ')})`, default: () => 'campus', check: oneOf(presetNames), keys: ['policy.preset', 'policy'] },
  {
    key: 'languages',
    text: `Languages offered, the first one the default (${languageCodes.join(', ')})`,
    default: () => languageCodes.join(', '),
    check: languagesProblem,
    keys: ['languages'],
  },
];

/** Every answer at its default, in order (a default may depend on an earlier answer). */
export function defaultAnswers(): InitAnswers {
  const answers = {} as InitAnswers;
  for (const question of initQuestions) answers[question.key] = question.default(answers);
  return answers;
}
