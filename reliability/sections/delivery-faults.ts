import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDemoConfig } from '../../electron/core/config/demo-config.js';
import { validateConfig } from '../../electron/core/config/load-config.js';
import { seedDemoDatabase } from '../../electron/core/demo/seed-demo.js';
import { createArgon2Hasher } from '../../electron/core/hashing/argon2-hasher.js';
import { createKiosk, type Kiosk } from '../../electron/core/kiosk.js';
import type { EmailSender } from '../../electron/core/ports.js';
import { codeOnItsWay, errorMessage, errorMessages, type MessageContext } from '../../renderer/src/messages.js';
import type { KioskConfig, SmtpConfig } from '../../shared/config/config-schema.js';
import { smsSchema } from '../../shared/config/sms-config-schema.js';
import type { SessionView, VerificationMethod } from '../../shared/flow/stages.js';
import type { KioskInfo } from '../../shared/ipc/contract.js';
import type { Result } from '../../shared/ipc/result.js';
import { plainSmtpConfig, selfSignedCertificate, startSmtpServer, unusedPort } from '../../test/integration/mail/smtp-test-server.js';
import { startGateway, type TestGateway } from '../../test/integration/sms/gateway-test-server.js';
import { appFrame, testAppOrigin } from '../../test/support/core-kiosk.js';
import { rowsOf } from '../../test/support/database-dump.js';
import { startPostfixServer } from '../../test/support/postfix-server.js';
import { createRecordingEmailSender } from '../../test/support/recording-email.js';
import { createSeededRandom } from '../../test/support/seeded-random.js';
import { createTestClock } from '../../test/support/test-clock.js';
import { createTestGuessability } from '../../test/support/test-guessability.js';
import { figure, type Figure, type SectionOptions } from '../figure.js';

const section = 'delivery faults';

/** What the desk should find in the audit row: the failure's class, and the reply code or HTTP status when there is one. */
interface ExpectedFailure {
  errorClass: string;
  replyCode?: number;
  status?: number;
}

/** A fault, set up on loopback for the length of its trials. */
interface FaultSetup {
  /** The kiosk's configuration with the faulty provider in it. */
  configure(base: KioskConfig): KioskConfig;
  env: Record<string, string | undefined>;
  /** Replaces the configured mail sender (text-message faults only: their mail is not under test). */
  email?: EmailSender;
  /** What the fault is, in a few words, for the note. */
  where: string;
  /** Values that must never show: the relay password tried, codes that reached the gateway. */
  secrets(): { password: string[]; code: string[] };
  stop(): Promise<void>;
}

interface Fault {
  name: string;
  method: VerificationMethod;
  /**
   * Whether the failure is the channel's (the recipient-free probe fails: everyone is told codes
   * cannot be sent) or only one send's (the probe passes; by design only the audit knows, since a
   * failure shown for real accounts alone would tell which names exist).
   */
  shows: boolean;
  expected: ExpectedFailure;
  setUp(folder: string, options: SectionOptions): Promise<FaultSetup>;
}

/** Names a stranger might type, per method: the registered one has a verified address of that kind. */
const namesFor: Record<VerificationMethod, { registered: string; unknown: string; unregistered: string; locked: string }> = {
  email: { registered: 'amira.khan', unknown: 'nobody.here', unregistered: 'chloe.martin', locked: 'dev.patel' },
  sms: { registered: 'ben.okafor', unknown: 'nobody.here', unregistered: 'amira.khan', locked: 'dev.patel' },
};

const sendableMobile = '+447400123456';
const relayPasswordEnv = 'SSPR_RELIABILITY_RELAY_PASSWORD';
const kioskHeloName = 'kiosk-1.northfield.example';

/** A real deployment's configuration (not demo) with the given mail relay: what createKiosk builds the SMTP sender from. */
const withSmtp = (smtp: SmtpConfig) => (base: KioskConfig): KioskConfig => ({
  ...base,
  demo: false,
  sms: { provider: 'none', defaultRegion: 'GB' },
  mail: { ...base.mail, smtp },
});

/** The generic HTTP gateway provider on loopback, with or without a health URL for its probe. */
const withGateway = (gateway: TestGateway, healthCheck: boolean) => (base: KioskConfig): KioskConfig => ({
  ...base,
  demo: false,
  // Never contacted: the kiosk is given a recording sender for mail.
  mail: { ...base.mail, smtp: { ...plainSmtpConfig(25), host: 'smtp.northfield.example' } },
  sms: smsSchema.parse({
    provider: 'http',
    defaultRegion: 'GB',
    url: gateway.url('/api/messages'),
    allowInsecureHttp: true,
    timeoutSeconds: 1,
    body: { encoding: 'json', template: { to: '{to}', text: '{text}' } },
    ...(healthCheck ? { healthCheck: { url: gateway.url('/api/health') } } : {}),
  }),
});

const noSecrets = () => ({ password: [], code: [] });

/** Codes that reached the gateway in a request body (send failures only): they must never show anywhere else. */
const gatewayCodes = (gateway: TestGateway) => () => ({
  password: [],
  code: gateway.requests.flatMap((request) => [...request.body.matchAll(/(?<![0-9])([0-9]{6,10})(?![0-9])/g)].map((match) => match[1]!)),
});

function gatewayFault(name: string, reply: 'status 500' | 'never answers', healthCheck: boolean, expected: ExpectedFailure): Fault {
  return {
    name,
    method: 'sms',
    shows: healthCheck,
    expected,
    async setUp() {
      const gateway = await startGateway();
      gateway.reply(reply === 'status 500' ? { status: 500, body: '{"error":"internal"}' } : 'never-answer');
      return {
        configure: withGateway(gateway, healthCheck),
        env: {},
        email: createRecordingEmailSender().sender,
        where: `http provider at 127.0.0.1:${gateway.port}, ${reply === 'status 500' ? 'answering 500 to everything' : 'never answering (sms.timeoutSeconds 1)'}${healthCheck ? ', healthCheck configured' : ', no healthCheck (the probe only connects)'}`,
        secrets: gatewayCodes(gateway),
        stop: () => gateway.close(),
      };
    },
  };
}

const faults: Fault[] = [
  {
    name: 'SMTP relay down (closed loopback port)',
    method: 'email',
    shows: true,
    expected: { errorClass: 'connection' },
    async setUp() {
      const port = await unusedPort();
      return { configure: withSmtp(plainSmtpConfig(port, { name: kioskHeloName })), env: {}, where: `nothing listening on 127.0.0.1:${port}`, secrets: noSecrets, stop: async () => undefined };
    },
  },
  {
    name: 'SMTP login refused',
    method: 'email',
    shows: true,
    expected: { errorClass: 'auth', replyCode: 535 },
    async setUp(_folder, options) {
      const wrongPassword = `wrong-${randomBytes(9).toString('base64url')}`;
      const env = { [relayPasswordEnv]: wrongPassword };
      try {
        const relay = await startPostfixServer();
        const smtp: SmtpConfig = {
          host: relay.host,
          port: relay.submissionPort,
          secure: false,
          requireTLS: true,
          name: kioskHeloName,
          auth: { user: relay.login.user, passwordEnv: relayPasswordEnv },
          tls: { rejectUnauthorized: true, caFile: relay.caFile, minVersion: 'TLSv1.2' },
          pool: false,
        };
        return {
          configure: withSmtp(smtp),
          env,
          where: `real Postfix + Dovecot SASL on 127.0.0.1:${relay.submissionPort} (STARTTLS, trusted CA), wrong password for ${relay.login.user}`,
          secrets: () => ({ password: [wrongPassword, relay.login.password], code: [] }),
          stop: async () => void (await relay.stop()),
        };
      } catch (error) {
        // The realer relay needs root and postfix + dovecot-core; without them, smtp-server refusing every login.
        options.progress(`delivery faults: Postfix harness unavailable (${error instanceof Error ? error.message.split('\n')[0] : 'error'}); using smtp-server`);
        const certificate = selfSignedCertificate('mail.kiosk.test');
        const server = await startSmtpServer({
          hideSTARTTLS: false,
          authOptional: false,
          key: certificate.key,
          cert: certificate.cert,
          onAuth: (_auth, _session, callback) => callback(new Error('5.7.8 Authentication credentials invalid')),
        });
        const smtp: SmtpConfig = {
          ...plainSmtpConfig(server.port, { name: kioskHeloName, requireTLS: true }),
          auth: { user: 'kiosk-relay', passwordEnv: relayPasswordEnv },
          tls: { rejectUnauthorized: true, servername: 'mail.kiosk.test', caFile: certificate.certFile, minVersion: 'TLSv1.2' },
        };
        return {
          configure: withSmtp(smtp),
          env,
          where: `smtp-server on 127.0.0.1:${server.port} refusing every login (Postfix harness unavailable)`,
          secrets: () => ({ password: [wrongPassword], code: [] }),
          stop: async () => {
            await server.close();
            certificate.dispose();
          },
        };
      }
    },
  },
  {
    name: 'SMTP certificate untrusted (self-signed, no CA given)',
    method: 'email',
    shows: true,
    expected: { errorClass: 'tls' },
    async setUp() {
      const certificate = selfSignedCertificate('mail.kiosk.test');
      const server = await startSmtpServer({ hideSTARTTLS: false, key: certificate.key, cert: certificate.cert });
      const smtp: SmtpConfig = {
        ...plainSmtpConfig(server.port, { name: kioskHeloName, requireTLS: true }),
        tls: { rejectUnauthorized: true, servername: 'mail.kiosk.test', minVersion: 'TLSv1.2' },
      };
      return {
        configure: withSmtp(smtp),
        env: {},
        where: `smtp-server on 127.0.0.1:${server.port}, STARTTLS with a self-signed certificate for mail.kiosk.test, no mail.smtp.tls.caFile`,
        secrets: noSecrets,
        stop: async () => {
          await server.close();
          certificate.dispose();
        },
      };
    },
  },
  gatewayFault('text gateway answers 500', 'status 500', true, { errorClass: 'provider', status: 500 }),
  gatewayFault('text gateway never answers (timeout)', 'never answers', true, { errorClass: 'timeout' }),
  gatewayFault('text gateway answers 500 to sends only (no health check)', 'status 500', false, { errorClass: 'provider', status: 500 }),
  gatewayFault('text gateway never answers sends (no health check)', 'never answers', false, { errorClass: 'timeout' }),
];

interface AuditRow {
  event: string;
  outcome: string;
  detail: string;
}

interface Observation {
  name: string;
  /** Everything a stranger can read off the kiosk for this name: the answers in order, and whether they were counted. */
  transcript: string;
  answers: Result<unknown>[];
  counted: number;
  audit: AuditRow[];
  internal: number;
  backgroundFailures: number;
  context: MessageContext;
}

interface RunningKiosk {
  kiosk: Kiosk;
  logLines: string[];
  call(channel: string, payload: unknown): Promise<Result<unknown>>;
}

/** createKiosk as main calls it (timers off: this section drives the passes), demo people seeded once. */
async function startKiosk(config: KioskConfig, setup: FaultSetup): Promise<RunningKiosk> {
  const clock = createTestClock();
  const logLines: string[] = [];
  const kiosk = await createKiosk({
    config,
    appOrigin: testAppOrigin,
    clock,
    random: createSeededRandom(),
    guessability: createTestGuessability(),
    env: setup.env,
    ...(setup.email === undefined ? {} : { email: setup.email }),
    timers: false,
    log: (line) => logLines.push(line),
  });
  await seedDemoDatabase(kiosk.store, createArgon2Hasher(config.hashing), clock);
  // The demo's numbers are in Ofcom's drama range, which a real provider refuses before sending (as
  // `address`); ben gets a number in a valid mobile range instead. It only ever reaches the loopback gateway.
  await kiosk.store.run((tx) => tx.updateTable('contact_methods').set({ value: sendableMobile }).where('kind', '=', 'phone').where('value', '=', '+447700900123').execute());
  return { kiosk, logLines, call: (channel, payload) => kiosk.router.handle(channel, appFrame, payload) };
}

/** One person at a fresh kiosk: asks for a code, waits for the delivery, asks again. */
async function observe(fault: Fault, setup: FaultSetup, name: string, folder: string, options: SectionOptions): Promise<Observation> {
  const dataDir = mkdtempSync(path.join(folder, 'kiosk-'));
  // Validated as loadConfig would, so the fault runs on a configuration a deployment could really have.
  const config = validateConfig(setup.configure(createDemoConfig(dataDir)), `delivery faults: ${fault.name}`, dataDir);
  const k = await startKiosk(config, setup);
  const answers: Result<unknown>[] = [];
  try {
    const info = await k.call('kiosk:info', {});
    if (!info.ok) throw new Error(`delivery faults: kiosk:info answered ${info.error.code}`);
    const kioskInfo = info.value as KioskInfo;
    const context: MessageContext = { rules: kioskInfo.policy, organisationName: kioskInfo.organisationName, deskName: kioskInfo.serviceDesk.name };
    answers.push(await k.call('journey:begin', { purpose: 'reset', username: name }));
    answers.push(await k.call('code:choose', { method: fault.method }));
    await k.kiosk.settled();
    answers.push(await k.call('session:get', {}));
    answers.push(await k.call('code:resend', {}));
    await k.kiosk.settled();
    answers.push(await k.call('session:get', {}));
    for (const answer of [info, ...answers]) options.recorder.seen('ipc', JSON.stringify(answer));
    const subject = k.kiosk.pseudonym(name);
    const counted = (await rowsOf<{ subject: string }>(k.kiosk.store, 'throttle_events')).filter((row) => row.subject === subject).length;
    const audit = await rowsOf<AuditRow>(k.kiosk.store, 'audit_log');
    return {
      name,
      transcript: JSON.stringify({ answers, counted }),
      answers,
      counted,
      audit,
      internal: answers.filter((answer) => !answer.ok && answer.error.code === 'INTERNAL').length,
      backgroundFailures: k.logLines.filter((line) => /^background task .* failed/.test(line) || /^ipc .* failed:/.test(line)).length,
      context,
    };
  } finally {
    await k.kiosk.settled();
    for (const row of await rowsOf(k.kiosk.store, 'audit_log')) options.recorder.seen('audit', JSON.stringify(row));
    for (const line of k.logLines) options.recorder.seen('log', line);
    for (const table of ['accounts', 'password_history'] as const) {
      for (const row of await rowsOf<{ password_hash: string }>(k.kiosk.store, table)) options.recorder.secret('hash', row.password_hash);
    }
    for (const row of await rowsOf<{ code_hash: string }>(k.kiosk.store, 'challenges')) options.recorder.secret('hash', row.code_hash);
    await k.kiosk.close();
  }
}

/** The words the person reads for an answer, as the screens turn it into words (renderer/src/messages.ts, CodeSentScreen). */
function wordsFor(answer: Result<unknown>, method: VerificationMethod, context: MessageContext): { key: string; text: string } | null {
  if (!answer.ok) return { key: answer.error.code, text: errorMessage(answer.error, context) };
  const view = answer.value as SessionView;
  if (view.stage !== 'code_sent') return null;
  if (view.delivery === 'failed') return { key: 'SEND_FAILED', text: `${codeOnItsWay[method]} ${errorMessages.SEND_FAILED(undefined, context)}` };
  return { key: 'on its way', text: codeOnItsWay[method] };
}

/** The audit rows that name the failure for the desk: its class, and reply code or status where there is one. */
function failureRows(rows: AuditRow[], expected: ExpectedFailure): { event: string; detail: Record<string, unknown> }[] {
  return rows.flatMap((row) => {
    let detail: Record<string, unknown>;
    try {
      detail = JSON.parse(row.detail) as Record<string, unknown>;
    } catch {
      return [];
    }
    const matches =
      detail['errorClass'] === expected.errorClass &&
      (expected.replyCode === undefined || detail['replyCode'] === expected.replyCode) &&
      (expected.status === undefined || detail['status'] === expected.status);
    return matches ? [{ event: row.event, detail }] : [];
  });
}

const describeDetail = (detail: Record<string, unknown>) =>
  [detail['errorClass'], detail['command'], detail['replyCode'] === undefined ? undefined : `reply ${String(detail['replyCode'])}`, detail['status'] === undefined ? undefined : `HTTP ${String(detail['status'])}`]
    .filter((part) => part !== undefined)
    .join(', ');

async function faultFigures(fault: Fault, options: SectionOptions, folder: string): Promise<{ figures: Figure[]; backgroundFailures: number }> {
  const started = Date.now();
  const setup = await fault.setUp(folder, options);
  const names = namesFor[fault.method];
  const kinds = options.quick ? (['registered', 'unknown'] as const) : (['registered', 'unknown', 'unregistered', 'locked'] as const);
  const seen: Observation[] = [];
  try {
    for (const kind of kinds) seen.push(await observe(fault, setup, names[kind], folder, options));
  } finally {
    const secrets = setup.secrets();
    for (const password of secrets.password) options.recorder.secret('password', password);
    for (const code of secrets.code) options.recorder.secret('code', code);
    await setup.stop();
  }
  const registered = seen[0]!;
  const unknown = seen[1]!;
  const label = (what: string) => `${fault.name}: ${what}`;

  const identical = new Set(seen.map((observation) => observation.transcript)).size === 1;
  const who = kinds.join(' / ');

  // What the person reads: after the delivery ran, and after pressing "Send a new code".
  const afterDelivery = wordsFor(registered.answers[2]!, fault.method, registered.context);
  const afterResend = wordsFor(registered.answers[3]!, fault.method, registered.context);
  const shown = [afterDelivery, afterResend].filter((words) => words !== null);
  const failureShown = afterDelivery?.key === 'SEND_FAILED' && afterResend !== null && afterResend.key !== 'INTERNAL';
  const wordsOk = fault.shows ? failureShown : afterDelivery?.key === 'on its way' && shown.every((words) => words.text.length > 0);

  const registeredRows = failureRows(registered.audit, fault.expected);
  // A channel that is down is judged before any name is looked up, so the row is there for every name alike.
  const auditOk = registeredRows.length > 0 && (!fault.shows || failureRows(unknown.audit, fault.expected).length > 0);
  const expectedWords = [fault.expected.errorClass, fault.expected.replyCode === undefined ? undefined : `reply ${fault.expected.replyCode}`, fault.expected.status === undefined ? undefined : `HTTP ${fault.expected.status}`]
    .filter((part) => part !== undefined)
    .join(', ');

  const internal = seen.reduce((sum, observation) => sum + observation.internal, 0);
  const counted = seen.map((observation) => observation.counted);
  const figures = [
    figure(
      section,
      label(`answers identical for ${who} names`),
      identical ? 'yes' : 'no',
      'yes',
      identical,
      `${setup.where}; ${fault.method === 'email' ? 'reset by email' : 'reset by text'}; answers: ${registered.answers.map((answer) => (answer.ok ? (answer.value as SessionView).stage + ('delivery' in (answer.value as object) ? `/${(answer.value as { delivery: string }).delivery}` : '') : answer.error.code)).join(' -> ')}` +
        (identical ? '' : `; differs: ${seen.map((observation) => `${observation.name} ${observation.transcript.slice(0, 300)}`).join(' | ')}`),
    ),
    figure(
      section,
      label('words shown'),
      shown.map((words) => words.key).join(', then ') || 'none',
      fault.shows ? 'the failure, in words' : '"on its way", as for every name',
      wordsOk,
      shown.map((words) => `"${words.text}"`).join(' / then: '),
    ),
    figure(
      section,
      label('audit row with error class present'),
      registeredRows.length > 0 ? `yes (${registeredRows[0]!.event}: ${describeDetail(registeredRows[0]!.detail)})` : 'no',
      `yes (${expectedWords})`,
      auditOk,
    ),
    figure(section, label('INTERNAL answers'), internal, '0', internal === 0),
  ];
  if (fault.shows) {
    // Nobody could have been sent anything, so nobody's limits are spent.
    figures.push(figure(section, label('code requests counted against the name'), Math.max(...counted), '0', counted.every((count) => count === 0)));
  } else {
    figures.push(
      figure(
        section,
        label('code requests counted against the name'),
        counted.join(' / '),
        null,
        null,
        'the same for every name: a send that fails for one recipient is counted like any request, because refunding real accounts only would tell which names exist',
      ),
    );
  }
  options.progress(`delivery faults: ${fault.name}: ${Math.round((Date.now() - started) / 100) / 10} s`);
  return { figures, backgroundFailures: seen.reduce((sum, observation) => sum + observation.backgroundFailures, 0) };
}

export async function deliveryFaultsSection(options: SectionOptions): Promise<Figure[]> {
  const started = Date.now();
  const folder = mkdtempSync(path.join(tmpdir(), 'sspr-reliability-faults-'));
  const figures: Figure[] = [];
  let backgroundFailures = 0;
  try {
    for (const fault of faults) {
      options.progress(`delivery faults: ${fault.name}...`);
      const result = await faultFigures(fault, options, folder);
      figures.push(...result.figures);
      backgroundFailures += result.backgroundFailures;
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  figures.push(
    figure(section, 'background delivery tasks that failed outside their own handling', backgroundFailures, '0', backgroundFailures === 0),
    figure(section, 'wall time', `${Math.round((Date.now() - started) / 100) / 10} s`, null, null),
  );
  return figures;
}
