import { randomBytes } from 'node:crypto';
import { createDemoConfig } from '../../electron/core/config/demo-config.js';
import type { SenderInfo } from '../../electron/core/ipc/sender.js';
import { seedDemoDatabase } from '../../electron/core/demo/seed-demo.js';
import { createArgon2Hasher } from '../../electron/core/hashing/argon2-hasher.js';
import { createKiosk, type Kiosk } from '../../electron/core/kiosk.js';
import { encodeKey } from '../../electron/core/keys/deployment-key.js';
import type { EmailSender, GuessabilityChecker, KeyProtector, RandomSource, SmsProvider } from '../../electron/core/ports.js';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import type { Channel, DemoMessage, RequestOf, ResponseOf } from '../../shared/ipc/contract.js';
import type { Result } from '../../shared/ipc/result.js';
import { directorySchema } from '../../shared/config/directory-config-schema.js';
import type { Backend } from './backends.js';
import type { TestDirectoryServer } from './directory-server.js';
import { freshPostgresDatabase, type TestPostgresDatabase } from './file-postgres.js';
import { createSeededRandom } from './seeded-random.js';
import { createTestClock, type TestClock } from './test-clock.js';
import { createTestGuessability } from './test-guessability.js';
import { waitUntil } from './wait-until.js';

export const testAppOrigin = 'https://kiosk.test';
export const appFrame: SenderInfo = { url: `${testAppOrigin}/index.html`, isMainFrame: true };

export interface TestKioskOptions {
  /** Folder for the database (from createTempDirs().make()). */
  dataDir: string;
  email?: EmailSender;
  sms?: SmsProvider;
  guessability?: GuessabilityChecker;
  clock?: TestClock;
  /** Defaults to a seeded source (seeded anew for each restart on the same dataDir); pass one to queue exact codes with nextInts(). */
  random?: RandomSource;
  /** Adjust the demo configuration, e.g. shorter limits. */
  configure?: (config: KioskConfig) => KioskConfig;
  /**
   * A kiosk whose database outlives it (demo mode recreates its database on every start): the demo
   * people are seeded once, and a later start on the same folder finds everything as it was left.
   * Needs `email` (there is no demo outbox).
   */
  persistent?: boolean;
  /** Background timers are off unless asked for: tests run the passes themselves. */
  timers?: boolean;
  /** Merged over what the back end needs (the PostgreSQL password and deployment key); by default process.env on SQLite. */
  env?: Record<string, string | undefined>;
  onSessionEnded?: () => void;
  /** Told when quitting kiosk mode was allowed (kiosk:quit). */
  onQuit?: () => void;
  /** The key protector (createKiosk's default, the file protector, unless given), e.g. one that refuses. */
  keyProtector?: KeyProtector;
  /**
   * SQLite (the default): a file in dataDir. PostgreSQL: a fresh database on this test file's cluster
   * (see backends.ts), over loopback without TLS, its password and a deployment key (`secrets.keyEnv`)
   * handed over in `env`; a persistent kiosk restarted on the same dataDir reopens the same database.
   */
  backend?: Backend;
  /**
   * The organisation's directory (a slapd or Samba AD started by the test): the kiosk is pointed at it
   * (its config and service password), and no demo people are put in the store. Needs `persistent`.
   */
  directory?: TestDirectoryServer;
}

export interface TestKiosk {
  kiosk: Kiosk;
  backend: Backend;
  /** The environment the kiosk was given ({} for a SQLite kiosk given none), e.g. for admin commands. */
  env: Record<string, string | undefined>;
  clock: TestClock;
  logLines: string[];
  /** Calls a channel through the router exactly as the kiosk's own page would. */
  call<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** Calls with anything at all, as a hostile page could. */
  callRaw(channel: string, payload: unknown, sender?: SenderInfo): Promise<Result<unknown>>;
  /** Waits for the background sender to put `count` messages in the demo outbox. */
  waitForMessages(count: number): Promise<DemoMessage[]>;
}

/** The environment variable a PostgreSQL test kiosk's deployment key is handed over in (`secrets.keyEnv`). */
export const testDeploymentKeyEnv = 'SSPR_TEST_DEPLOYMENT_KEY';

interface PostgresPlace {
  database: TestPostgresDatabase;
  /** base64, as `npm run admin -- keys generate` prints it. */
  key: string;
}

// A persistent PostgreSQL kiosk's database and key, by data folder, so that a restart finds them again
// as a SQLite kiosk finds its file (and the key file beside it).
const postgresPlaces = new Map<string, PostgresPlace>();
// Starts per data folder: a restarted kiosk must not replay its predecessor's random numbers (it would
// issue the same challenge ids again), as a real one never does.
const startsIn = new Map<string, number>();

async function postgresPlaceFor(dataDir: string, persistent: boolean): Promise<PostgresPlace> {
  const known = postgresPlaces.get(dataDir);
  // A demo kiosk starts from a new database every time, as the demo recreates its SQLite file.
  if (known !== undefined && persistent) return known;
  const place = { database: await freshPostgresDatabase(), key: encodeKey(randomBytes(32)) };
  postgresPlaces.set(dataDir, place);
  return place;
}

/**
 * The real kiosk (createKiosk) in demo mode on a temp-dir SQLite file (or a fresh PostgreSQL
 * database), with a clock and random source the test controls.
 */
export async function startTestKiosk(options: TestKioskOptions): Promise<TestKiosk> {
  const clock = options.clock ?? createTestClock();
  const backend = options.backend ?? 'sqlite';
  const place = backend === 'postgres' ? await postgresPlaceFor(options.dataDir, options.persistent === true) : null;
  const demoBase = createDemoConfig(options.dataDir);
  const storeBase = place === null ? demoBase : { ...demoBase, store: place.database.store, secrets: { keyEnv: testDeploymentKeyEnv } };
  // Outside demo mode there is no demo inbox for texts: a persistent kiosk sends none unless given a provider.
  const base = options.persistent === true ? { ...storeBase, demo: false, sms: { provider: 'none' as const, defaultRegion: 'GB' } } : storeBase;
  const withDirectory = options.directory === undefined ? base : { ...base, directory: directorySchema.parse(options.directory.directoryConfig) };
  const config = options.configure ? options.configure(withDirectory) : withDirectory;
  if (options.persistent === true && options.email === undefined) throw new Error('A persistent test kiosk needs an email sender');
  const storeEnv = place === null ? options.env : { ...place.database.env, [testDeploymentKeyEnv]: place.key, ...options.env };
  const env = options.directory === undefined ? storeEnv : { ...(storeEnv ?? process.env), ...options.directory.env };
  const starts = startsIn.get(options.dataDir) ?? 0;
  startsIn.set(options.dataDir, starts + 1);
  const logLines: string[] = [];
  const kiosk = await createKiosk({
    config,
    appOrigin: testAppOrigin,
    clock,
    random: options.random ?? createSeededRandom(20260302 + starts),
    guessability: options.guessability ?? createTestGuessability(),
    ...(options.email === undefined ? {} : { email: options.email }),
    ...(options.sms === undefined ? {} : { sms: options.sms }),
    ...(env === undefined ? {} : { env }),
    ...(options.onSessionEnded === undefined ? {} : { onSessionEnded: options.onSessionEnded }),
    ...(options.onQuit === undefined ? {} : { onQuit: options.onQuit }),
    ...(options.keyProtector === undefined ? {} : { keyProtector: options.keyProtector }),
    timers: options.timers ?? false,
    log: (line) => logLines.push(line),
  });
  if (options.persistent === true && config.directory.kind === 'sqlite' && (await kiosk.store.read((db) => db.selectFrom('accounts').select('id').executeTakeFirst())) === undefined) {
    await seedDemoDatabase(kiosk.store, createArgon2Hasher(config.hashing), clock);
  }
  return {
    kiosk,
    backend,
    env: env ?? {},
    clock,
    logLines,
    call: (channel, payload) => kiosk.router.handle(channel, appFrame, payload) as never,
    callRaw: (channel, payload, sender = appFrame) => kiosk.router.handle(channel, sender, payload),
    async waitForMessages(count) {
      const outbox = kiosk.demoOutbox;
      if (outbox === null) throw new Error('This kiosk has no demo outbox');
      await waitUntil(() => outbox.messages().length >= count, `${count} message(s) are in the demo outbox`);
      return outbox.messages();
    },
  };
}

/** The code in the newest message that has one: a notice of an earlier change may arrive after it (both are sent in the background). */
export function newestCodeIn(messages: readonly { text: string }[], length = 8): string {
  const pattern = new RegExp(`^\\s*(\\d{${length}})\\s*$`, 'm');
  const withCode = messages.findLast((message) => pattern.test(message.text));
  if (withCode === undefined) throw new Error(`No code in any of ${messages.length} message(s)`);
  return codeIn(withCode.text, length);
}

/** The code in a code email: the line that is nothing but the code's digits. */
export function codeIn(text: string, length = 8): string {
  const match = new RegExp(`^\\s*(\\d{${length}})\\s*$`, 'm').exec(text);
  if (match === null) throw new Error('No code found in the message');
  return match[1]!;
}

/** Unwraps an ok Result, failing the test with the error code otherwise. */
export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`Expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}
