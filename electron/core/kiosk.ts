import type { KioskConfig } from '../../shared/config/config-schema.js';
import { createCodeIssuer } from './codes/code-issuer.js';
import { effectivePolicy } from './config/effective-policy.js';
import { removeDemoDatabaseFile } from './demo/fresh-demo-file.js';
import { seedDemoDatabase } from './demo/seed-demo.js';
import { createSqliteDirectory } from './directory/sqlite-directory.js';
import { createArgon2Hasher } from './hashing/argon2-hasher.js';
import { createIpcHandlers } from './ipc/handlers.js';
import { createIpcRouter, type IpcRouter } from './ipc/router.js';
import { createDemoOutbox, type DemoOutbox } from './mail/demo-outbox.js';
import { createSmtpEmailSender } from './mail/smtp-sender.js';
import type { Clock, EmailSender, GuessabilityChecker, RandomSource } from './ports.js';
import { buildKioskInfo } from './reset/kiosk-info.js';
import { createPasswordJudge } from './reset/password-judge.js';
import { createResetService } from './reset/reset-service.js';
import { createSqliteAuditLog } from './store/audit-log.js';
import { createChallengeStore } from './store/challenges.js';
import { createContactStore } from './store/contacts.js';
import { inTransaction, openDatabase, type Db } from './store/database.js';
import { createThrottleRecords } from './store/throttle-records.js';
import { cryptoRandom, systemClock } from './system.js';
import { createThrottle } from './throttle/throttle.js';

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
  /** Where the SMTP password's environment variable is looked up; defaults to process.env. */
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}

export interface Kiosk {
  router: IpcRouter;
  config: KioskConfig;
  /** The messages "sent" in demo mode; null outside it. */
  demoOutbox: DemoOutbox | null;
  db: Db;
  /** Waits for background sends, then closes mail and the database. */
  close(): Promise<void>;
}

/** The composition root: every real dependency is built here and handed to the services. */
export async function createKiosk(options: CreateKioskOptions): Promise<Kiosk> {
  const { config, guessability } = options;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? cryptoRandom;
  const log = options.log ?? (() => undefined);
  const hasher = createArgon2Hasher(config.hashing);
  const info = buildKioskInfo(config);

  // The demo always starts from the same known people and passwords.
  if (config.demo) removeDemoDatabaseFile(config.database.path, options.nativeBinding);
  const db = openDatabase(config.database.path, {
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    now: () => clock.now().toISOString(),
  });

  try {
    if (config.demo) await seedDemoDatabase(db, hasher, clock);
    const demoOutbox = config.demo ? createDemoOutbox(clock) : null;
    const email = options.email ?? demoOutbox?.email ?? smtpSender(config, options.env ?? process.env);

    const directory = createSqliteDirectory(db, hasher, clock);
    const contacts = createContactStore(db);
    const reset = createResetService({
      store: { transaction: (work) => inTransaction(db, work), verifiedEmails: (accountId) => contacts.verifiedEmails(accountId) },
      directory,
      codes: createCodeIssuer({ challenges: createChallengeStore(db), random, clock, hmacKey: random.bytes(32), settings: config.codes }),
      throttle: createThrottle({ records: createThrottleRecords(db), clock, rules: config.throttle }),
      email,
      audit: createSqliteAuditLog(db, clock, config.kiosk.id),
      clock,
      judge: createPasswordJudge({ rules: effectivePolicy(config), guessability, directory, hasher }),
      config,
      log,
    });
    const router = createIpcRouter({ appOrigin: options.appOrigin, handlers: createIpcHandlers({ reset, info, demoOutbox }), log });

    let closed = false;
    return {
      router,
      config,
      demoOutbox,
      db,
      async close() {
        if (closed) return;
        closed = true;
        await reset.settled();
        email.close();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

function smtpSender(config: KioskConfig, env: Record<string, string | undefined>): EmailSender {
  if (config.mail.smtp === undefined) throw new Error('mail.smtp is required outside demo mode');
  return createSmtpEmailSender({ smtp: config.mail.smtp, from: config.mail.from, env });
}
