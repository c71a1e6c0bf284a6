import type { KioskConfig } from '../../shared/config/config-schema.js';
import { createAuditRetention, type AuditRetention } from './audit/audit-retention.js';
import { createAuditTrail, type AuditTrail } from './audit/audit-trail.js';
import { createBackgroundTasks } from './background-tasks.js';
import { createCodeIssuer } from './codes/code-issuer.js';
import { effectivePolicy } from './config/effective-policy.js';
import { createCodeDelivery } from './delivery/code-delivery.js';
import type { HealthVerdict } from './delivery/channel-health.js';
import { describeFailureSummary } from './delivery/failure-summary.js';
import type { DeliveryChannels } from './delivery/delivery-channel.js';
import { createEmailChannel } from './delivery/email-channel.js';
import { createTextChannel } from './delivery/text-channel.js';
import { removeDemoDatabaseFile } from './demo/fresh-demo-file.js';
import { seedDemoDatabase } from './demo/seed-demo.js';
import { createStoreDirectory } from './directory/sqlite-directory.js';
import { createArgon2Hasher } from './hashing/argon2-hasher.js';
import { createIpcHandlers } from './ipc/handlers.js';
import { createIpcRouter, type IpcRouter } from './ipc/router.js';
import { deploymentKeySourceOf } from './keys/key-source.js';
import { loadDeploymentKey } from './keys/deployment-key.js';
import { deriveKeys, type DerivedKeys } from './keys/derived-keys.js';
import { checkDeploymentKey } from './keys/key-checks.js';
import { createNamePseudonym, type NamePseudonym } from './keys/name-pseudonym.js';
import { createDemoOutbox, type DemoOutbox } from './mail/demo-outbox.js';
import { createSmtpEmailSender } from './mail/smtp-sender.js';
import { createMaintenance, type Maintenance } from './maintenance/maintenance.js';
import { createOutboxWorker, type OutboxWorker } from './notifications/outbox-worker.js';
import type { Clock, EmailSender, GuessabilityChecker, RandomSource, SmsProvider } from './ports.js';
import { createSmsProvider } from './sms/create-sms-provider.js';
import { createCodeProof } from './proofs/code-proof.js';
import { buildKioskInfo } from './reset/kiosk-info.js';
import { createPasswordChanger, type PasswordChanger } from './reset/password-change.js';
import { createPasswordJudge } from './reset/password-judge.js';
import { createResetJourney, type ResetJourney } from './reset/reset-journey.js';
import { openConfiguredStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { cryptoRandom, systemClock } from './system.js';
import { createThrottle, type Throttle } from './throttle/throttle.js';

export interface CreateKioskOptions {
  config: KioskConfig;
  /** The renderer's origin: 'app://kiosk' in Electron, e.g. 'https://kiosk.test' in the preview host. */
  appOrigin: string;
  clock?: Clock;
  random?: RandomSource;
  /** better-sqlite3 build for the running runtime (Electron's differs from Node's). */
  nativeBinding?: string;
  guessability: GuessabilityChecker;
  /** Replaces the configured sender (SMTP, or the demo outbox in demo mode); tests pass fakes. */
  email?: EmailSender;
  /** Replaces the configured text-message provider; tests pass fakes. */
  sms?: SmsProvider;
  /** Where the SMTP password's and the deployment key's environment variables are looked up; defaults to process.env. */
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
  /** Told whenever a walk-up session ends, however it ends: the shell clears the clipboard. */
  onSessionEnded?: () => void;
  /**
   * Background timers (main's idle sweep, the notice outbox, housekeeping). Tests that drive those
   * passes themselves turn them off.
   */
  timers?: boolean;
}

export interface Kiosk {
  router: IpcRouter;
  config: KioskConfig;
  /** The messages "sent" in demo mode; null outside it. */
  demoOutbox: DemoOutbox | null;
  store: Store;
  keys: DerivedKeys;
  pseudonym: NamePseudonym;
  audit: AuditTrail;
  throttle: Throttle;
  journey: ResetJourney;
  changer: PasswordChanger;
  outbox: OutboxWorker;
  maintenance: Maintenance;
  retention: AuditRetention;
  /** Resolves when background work started so far (deliveries, notices) has finished: tests and shutdown. */
  settled(): Promise<void>;
  /** Waits for background work, then closes mail and the store. */
  close(): Promise<void>;
}

const sweepEveryMs = 5_000;
const outboxEveryMs = 30_000;
const maintenanceEveryMs = 10 * 60_000;

/** The composition root: every real dependency is built here and handed to the services. */
export async function createKiosk(options: CreateKioskOptions): Promise<Kiosk> {
  const { config, guessability } = options;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? cryptoRandom;
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const hasher = createArgon2Hasher(config.hashing);
  const info = buildKioskInfo(config);
  const keys = deriveKeys(loadDeploymentKey(deploymentKeySourceOf(config), env, random));
  const pseudonym = createNamePseudonym(keys.namePseudonym);

  // The demo always starts from the same known people and passwords.
  if (config.demo && config.store.kind === 'sqlite') removeDemoDatabaseFile(config.store.path, options.nativeBinding);
  const store = await openConfiguredStore(config.store, {
    env,
    now: () => clock.now().toISOString(),
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
  });

  const timers: NodeJS.Timeout[] = [];
  try {
    await checkDeploymentKey(store, keys, clock);
    if (config.demo) await seedDemoDatabase(store, hasher, clock);
    const demoOutbox = config.demo ? createDemoOutbox(clock) : null;
    const email = options.email ?? demoOutbox?.email ?? smtpSender(config, env);

    const background = createBackgroundTasks(log);
    const audit = createAuditTrail({ kioskId: config.kiosk.id, clock, chainKey: keys.auditChain, pseudonym });
    const throttle = createThrottle({ clock, rules: config.throttle });
    const codes = createCodeIssuer({ random, clock, hmacKey: keys.codeHmac, settings: config.codes });
    const directory = createStoreDirectory(store, hasher, clock);
    const healthLog = (channel: string) => (verdict: HealthVerdict) =>
      log(verdict.up ? `${channel} delivery is working` : `${channel} delivery is down (${describeFailureSummary(verdict.failure)}); probing again in ${verdict.retryAfterSeconds} s`);
    const emailChannel = createEmailChannel({ email, config, clock, onHealthChange: healthLog('email') });
    const channels: DeliveryChannels = { email: emailChannel };
    if (options.sms !== undefined || config.sms.provider !== 'none') {
      const sms = options.sms ?? createSmsProvider(config.sms, { env, emailSender: email, demoOutbox });
      channels.sms = createTextChannel({ sms, config, clock, onHealthChange: healthLog('text message') });
    }
    const delivery = createCodeDelivery({ store, directory, codes, throttle, audit, channels, background, log });
    const outbox = createOutboxWorker({ store, email, emailHealth: emailChannel.health, audit, clock, config, log });
    const changer = createPasswordChanger({
      store,
      directory,
      audit,
      throttle,
      pseudonym,
      clock,
      config,
      log,
      onNoticesQueued: () => background.start('notice outbox', async () => void (await outbox.runOnce())),
    });
    const journey = createResetJourney({
      store,
      directory,
      codes,
      proof: createCodeProof({ store, codes, throttle, audit, delivery, pseudonym, config }),
      delivery,
      changer,
      audit,
      clock,
      judge: createPasswordJudge({ rules: effectivePolicy(config), guessability, directory, hasher }),
      config,
      ...(options.onSessionEnded === undefined ? {} : { onSessionEnded: options.onSessionEnded }),
    });
    const retention = createAuditRetention({ store, kioskId: config.kiosk.id, clock, retentionDays: config.audit.retentionDays, exportDir: config.audit.exportDir });
    const maintenance = createMaintenance({ store, throttle, changer, retention, clock });
    const router = createIpcRouter({ appOrigin: options.appOrigin, handlers: createIpcHandlers({ reset: journey, info, demoOutbox }), log });

    // A change this kiosk left half-done when it last stopped is finished before anyone walks up.
    const recovered = await changer.recover({ olderThanMs: 0, onlyThisKiosk: true });
    if (recovered.completed + recovered.abandoned > 0) {
      log(`finished ${recovered.completed} password change(s) and closed ${recovered.abandoned} that never happened, left over from the last run`);
    }

    if (options.timers !== false) {
      const every = (ms: number, name: string, task: () => Promise<unknown>) => {
        const timer = setInterval(() => background.start(name, async () => void (await task())), ms);
        timer.unref();
        timers.push(timer);
      };
      every(sweepEveryMs, 'idle sweep', () => journey.sweep());
      every(outboxEveryMs, 'notice outbox', () => outbox.runOnce());
      every(maintenanceEveryMs, 'maintenance', () => maintenance.runOnce());
      background.start('notice outbox', async () => void (await outbox.runOnce()));
    }

    let closed = false;
    return {
      router,
      config,
      demoOutbox,
      store,
      keys,
      pseudonym,
      audit,
      throttle,
      journey,
      changer,
      outbox,
      maintenance,
      retention,
      async settled() {
        await background.settled();
        await outbox.settled();
      },
      async close() {
        if (closed) return;
        closed = true;
        timers.forEach((timer) => clearInterval(timer));
        await background.settled();
        await outbox.settled();
        email.close();
        await store.close();
      },
    };
  } catch (error) {
    timers.forEach((timer) => clearInterval(timer));
    await store.close();
    throw error;
  }
}

function smtpSender(config: KioskConfig, env: Record<string, string | undefined>): EmailSender {
  if (config.mail.smtp === undefined) throw new Error('mail.smtp is required outside demo mode');
  return createSmtpEmailSender({ smtp: config.mail.smtp, from: config.mail.from, env });
}
