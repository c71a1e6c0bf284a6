import { Document, isMap, isScalar, type YAMLMap } from 'yaml';
import { languageList, noSmtp, type InitAnswers } from './init-answers.js';

/**
 * The configuration `admin init` writes: the answers, and the keys a deployment usually revisits
 * with their defaults spelled out, each with a comment saying what it does. Secrets are never asked
 * for: the file names the environment variables that hold them.
 */
export function initConfigObject(answers: InitAnswers): Record<string, unknown> {
  const demo = answers.smtpHost.toLowerCase() === noSmtp;
  const languages = languageList(answers.languages);
  const directory =
    demo || answers.directory === 'sqlite'
      ? { kind: 'sqlite' }
      : {
          kind: answers.directory,
          url: answers.directoryUrl,
          ...(answers.directoryUrl.toLowerCase().startsWith('ldap://') ? { startTls: true } : {}),
          bindDn: answers.bindDn,
          bindPasswordEnv: 'SSPR_DIRECTORY_PASSWORD',
          baseDn: answers.baseDn,
        };
  const sms =
    answers.smsProvider === 'http'
      ? {
          provider: 'http',
          defaultRegion: answers.smsRegion,
          url: answers.smsUrl,
          secretHeader: { name: 'Authorization', prefix: 'Bearer ', valueEnv: 'SSPR_SMS_TOKEN' },
          body: { encoding: 'json', template: { to: '{to}', message: '{text}' } },
        }
      : { provider: answers.smsProvider, defaultRegion: answers.smsRegion };
  return {
    demo,
    kiosk: { id: 'kiosk-1', location: '', sessionMinutes: 15, idleSeconds: 120, doneReturnSeconds: 10, onScreenKeyboard: 'off' },
    branding: {
      organisationName: answers.organisation,
      ...(answers.usernameExample === '' ? {} : { usernameExample: answers.usernameExample }),
      departmentName: 'IT Services',
      serviceDesk: { name: answers.deskName, location: answers.deskLocation, phone: answers.deskPhone, email: answers.deskEmail, hours: '' },
    },
    store: { kind: 'sqlite', path: 'data/kiosk.db' },
    directory,
    secrets: {},
    mail: demo
      ? { from: answers.mailFrom }
      : {
          from: answers.mailFrom,
          smtp: { host: answers.smtpHost, port: Number(answers.smtpPort), secure: answers.smtpPort === '465', requireTLS: true },
        },
    sms,
    languages: { offered: languages, default: languages[0] ?? 'en' },
    registration: { requiredMethods: 1, blockedEmailDomains: [] },
    audit: { retentionDays: 365, exportDir: 'audit-export' },
    policy: { preset: answers.preset, overrides: {}, customBannedTerms: [] },
  };
}

/** Comments before keys (path: comment lines), in the spirit of config.example.yaml. */
const keyComments: Record<string, string> = {
  demo: 'true: the offline demo (fictional people, messages shown on screen, nothing sent).',
  kiosk: 'This kiosk. Give each kiosk its own id: it appears in audit records and notification emails.',
  'kiosk.location': 'Where this kiosk stands, e.g. "Library, ground floor".',
  'kiosk.idleSeconds': 'The screen clears after this long without a touch (the last 20 s are counted down).',
  'kiosk.doneReturnSeconds': 'The Done screen returns to the start after this long.',
  'kiosk.onScreenKeyboard': 'on: a keyboard on the screen (a digit pad for codes) for touch-only kiosks; off: a physical keyboard.',
  branding: 'What people see on every screen and in every email.',
  'branding.usernameExample': 'What a username looks like here: people who type an email address instead are told so.',
  'branding.serviceDesk': 'Where people are sent when the kiosk cannot help them.',
  'branding.serviceDesk.hours': 'e.g. "Monday to Friday, 08:30 to 18:00"',
  store: 'Where the kiosk keeps its state. Several kiosks can share one PostgreSQL database instead:\nkind: postgres, host, port, database, user, passwordEnv (see config.example.yaml).',
  directory:
    "People's accounts: sqlite keeps them in the kiosk's own store (add them with `admin accounts import`);\nldap or active-directory uses the organisation's directory.",
  'directory.bindPasswordEnv': "The environment variable holding the service account's password (never this file).",
  secrets:
    'The deployment key: keyFile (mode 0600) or keyEnv. Without either, a SQLite kiosk keeps it in\ndata/kiosk.db.key. Kiosks sharing a database need the same key (`admin keys generate`).',
  mail: 'Codes and notices go out by email through this relay.',
  'mail.smtp': 'auth: { user: sspr-kiosk, passwordEnv: SSPR_SMTP_PASSWORD } if the relay wants a login.',
  'mail.smtp.secure': 'true: implicit TLS (port 465); false: STARTTLS, required by requireTLS.',
  sms: 'Text messages: none, demo (demo mode only), http, twilio or email-gateway (see config.example.yaml).',
  'sms.defaultRegion': 'Numbers typed without a country code are read as this region\'s.',
  'sms.secretHeader': "The gateway's token is read from this environment variable, never from this file.",
  languages: 'The languages offered on the start screen; each walk-up session starts in the default.',
  registration: 'Setting up reset methods at the kiosk.',
  'registration.blockedEmailDomains': "The organisation's own mail domains, e.g. [example.ac.uk]: a personal address is wanted.",
  audit: 'Audit records older than retentionDays are exported to exportDir, then deleted (0 keeps them).',
  policy: 'Password rules: campus (the organisation\'s) or standards (NIST SP 800-63B style); overrides change one rule,\ne.g. { minLength: 14 }; customBannedTerms: words no password may contain.',
};

const headerComment = [
  ' sspr-kiosk configuration, written by `npm run --silent admin -- init`.',
  ' Start the kiosk with: npm start -- --config <this file>. Relative paths are resolved against',
  " this file's folder. Secrets never live here: the file names the environment variables that hold",
  ' them. Every key is explained in config.example.yaml; defaults not listed here apply.',
].join('\n');

function commentLines(text: string): string {
  return text
    .split('\n')
    .map((line) => ` ${line}`)
    .join('\n');
}

export function initConfigYaml(answers: InitAnswers): string {
  const doc = new Document(initConfigObject(answers));
  doc.commentBefore = headerComment;
  for (const [path, text] of Object.entries(keyComments)) {
    const parts = path.split('.');
    const parent = parts.length === 1 ? doc.contents : doc.getIn(parts.slice(0, -1), true);
    if (!isMap(parent)) continue;
    const pair = (parent as YAMLMap).items.find((item) => isScalar(item.key) && item.key.value === parts.at(-1));
    if (pair !== undefined && isScalar(pair.key)) pair.key.commentBefore = commentLines(text);
  }
  // Short lists read best on one line, as in config.example.yaml.
  for (const path of [['languages', 'offered'], ['registration', 'blockedEmailDomains'], ['policy', 'customBannedTerms']]) {
    const node = doc.getIn(path, true);
    if (node !== undefined && node !== null && typeof node === 'object' && 'flow' in node) (node as { flow: boolean }).flow = true;
  }
  return doc.toString({ lineWidth: 0 });
}
