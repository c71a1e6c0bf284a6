import type { KioskConfig } from '../../shared/config/config-schema.js';
import type { AuditRetention } from './audit/audit-retention.js';
import type { AuditTrail } from './audit/audit-trail.js';
import { removeDemoDatabaseFile } from './demo/fresh-demo-file.js';
import { seedDemoDatabase } from './demo/seed-demo.js';
import { createArgon2Hasher } from './hashing/argon2-hasher.js';
import { openConfiguredDirectory, type OpenedDirectory } from './directory/open-directory.js';
import { isDirectoryUnavailable } from './directory/directory-errors.js';
import { createIpcHandlers } from './ipc/handlers.js';
import { createIpcRouter, type IpcRouter } from './ipc/router.js';
import { deploymentKeySourceOf } from './keys/key-source.js';
import { loadDeploymentKey } from './keys/deployment-key.js';
import { deriveKeys, type DerivedKeys } from './keys/derived-keys.js';
import { checkDeploymentKey } from './keys/key-checks.js';
import { createNamePseudonym, type NamePseudonym } from './keys/name-pseudonym.js';
import { createDemoOutbox, type DemoOutbox } from './mail/demo-outbox.js';
import { createSmtpEmailSender } from './mail/smtp-sender.js';
import type { Maintenance } from './maintenance/maintenance.js';
import type { OutboxWorker } from './notifications/outbox-worker.js';
import type { Authenticators } from './authenticator/authenticator-types.js';
import { fileKeyProtector } from './keys/file-key-protector.js';
import type { Clock, EmailSender, GuessabilityChecker, KeyProtector, RandomSource, SmsProvider } from './ports.js';
import { createKioskServices, type KioskServices } from './services.js';
import { createSmsProvider } from './sms/create-sms-provider.js';
import { buildKioskInfo } from './reset/kiosk-info.js';
import type { PasswordChanger } from './reset/password-change.js';
import type { KioskJourneys } from './journeys/kiosk-journeys.js';
import { openConfiguredStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { cryptoRandom, systemClock } from './system.js';
import type { Throttle } from './throttle/throttle.js';

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
   * Asked to leave kiosk mode once a technician (or the admin PIN) allowed it: the shell calls
   * app.quit(), the preview host closes the browser. Absent: quitting is allowed but nothing closes.
   */
  onQuit?: () => void;
  /**
   * Background timers (main's idle sweep, the notice outbox, housekeeping). Tests that drive those
   * passes themselves turn them off.
   */
  timers?: boolean;
  /**
   * Protects the deployment key file at rest and says whether secrets can be kept here: Electron's
   * safeStorage in the app; by default the file protector (the key file's 0600 mode).
   */
  keyProtector?: KeyProtector;
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
  journeys: KioskJourneys;
  changer: PasswordChanger;
  outbox: OutboxWorker;
  maintenance: Maintenance;
  retention: AuditRetention;
  authenticators: Authenticators;
  technician: KioskServices['technician'];
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
  const keyProtector = options.keyProtector ?? fileKeyProtector;
  if (keyProtector.refusal !== null) log(`authenticator apps are not offered: ${keyProtector.refusal}`);
  const keys = deriveKeys(loadDeploymentKey(deploymentKeySourceOf(config), env, random, keyProtector));
  const pseudonym = createNamePseudonym(keys.namePseudonym);

  // The demo always starts from the same known people and passwords.
  if (config.demo && config.store.kind === 'sqlite') removeDemoDatabaseFile(config.store.path, options.nativeBinding);
  const store = await openConfiguredStore(config.store, {
    env,
    now: () => clock.now().toISOString(),
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
  });

  const timers: NodeJS.Timeout[] = [];
  let opened: OpenedDirectory | null = null;
  try {
    await checkDeploymentKey(store, keys, clock);
    opened = await openConfiguredDirectory(config, { store, hasher, clock, env, log });
    const directory = opened.directory;
    if (config.demo) await seedDemoDatabase(store, hasher, clock, undefined, { params: config.hashing, technicianKey: keys.authenticatorSecrets });
    const demoOutbox = config.demo ? createDemoOutbox(clock) : null;
    const email = options.email ?? demoOutbox?.email ?? smtpSender(config, env);

    const sms = options.sms ?? (config.sms.provider === 'none' ? null : createSmsProvider(config.sms, { env, emailSender: email, demoOutbox }));
    const services = createKioskServices({
      config,
      store,
      keys,
      pseudonym,
      hasher,
      clock,
      random,
      guessability,
      email,
      sms,
      log,
      secretsRefusal: keyProtector.refusal,
      directory,
      // The demo inbox belongs to one visitor: it is emptied whenever a session ends, like the screens.
      onSessionEnded: () => {
        demoOutbox?.clear();
        options.onSessionEnded?.();
      },
    });
    const { background, audit, throttle, journeys, changer, outbox, maintenance, retention, authenticators, technician, tickets } = services;
    // Registration only while this machine can keep app secrets safely (`authenticators.refusal` is null);
    // 'app' is among the proof methods on the same condition.
    const registrationAvailable = authenticators.refusal === null;
    const info = buildKioskInfo(config, { proofMethods: journeys.proofMethods, registrationAvailable });
    const handlers = createIpcHandlers({
      journeys,
      tickets,
      technician,
      info,
      demoOutbox,
      ...(options.onQuit === undefined ? {} : { onQuit: options.onQuit }),
    });
    const router = createIpcRouter({ appOrigin: options.appOrigin, handlers, log, technicianSignedIn: () => technician.session.isOpen() });

    // A change this kiosk left half-done when it last stopped is finished before anyone walks up.
    // A directory that does not answer yet leaves them for maintenance, which asks again later.
    try {
      const recovered = await changer.recover({ olderThanMs: 0, onlyThisKiosk: true });
      if (recovered.completed + recovered.abandoned > 0) {
        log(`finished ${recovered.completed} password change(s) and closed ${recovered.abandoned} that never happened, left over from the last run`);
      }
    } catch (error) {
      if (!isDirectoryUnavailable(error)) throw error;
      log(`password changes left over from the last run wait until the directory answers (${error.message})`);
    }

    if (options.timers !== false) {
      const every = (ms: number, name: string, task: () => Promise<unknown>) => {
        const timer = setInterval(() => background.start(name, async () => void (await task())), ms);
        timer.unref();
        timers.push(timer);
      };
      every(sweepEveryMs, 'idle sweep', () => journeys.sweep());
      every(sweepEveryMs, 'technician idle sweep', () => technician.session.sweep());
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
      journeys,
      changer,
      outbox,
      maintenance,
      retention,
      authenticators,
      technician,
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
        await opened?.close();
        await store.close();
      },
    };
  } catch (error) {
    timers.forEach((timer) => clearInterval(timer));
    await opened?.close();
    await store.close();
    throw error;
  }
}

function smtpSender(config: KioskConfig, env: Record<string, string | undefined>): EmailSender {
  if (config.mail.smtp === undefined) throw new Error('mail.smtp is required outside demo mode');
  return createSmtpEmailSender({ smtp: config.mail.smtp, from: config.mail.from, env });
}
