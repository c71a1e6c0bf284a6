import { createDemoConfig } from '../../electron/core/config/demo-config.js';
import type { SenderInfo } from '../../electron/core/ipc/sender.js';
import { seedDemoDatabase } from '../../electron/core/demo/seed-demo.js';
import { createArgon2Hasher } from '../../electron/core/hashing/argon2-hasher.js';
import { createKiosk, type Kiosk } from '../../electron/core/kiosk.js';
import type { EmailSender, GuessabilityChecker, RandomSource, SmsProvider } from '../../electron/core/ports.js';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import type { Channel, DemoMessage, RequestOf, ResponseOf } from '../../shared/ipc/contract.js';
import type { Result } from '../../shared/ipc/result.js';
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
  /** Defaults to a seeded source; pass one to queue exact codes with nextInts(). */
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
  env?: Record<string, string | undefined>;
  onSessionEnded?: () => void;
}

export interface TestKiosk {
  kiosk: Kiosk;
  clock: TestClock;
  logLines: string[];
  /** Calls a channel through the router exactly as the kiosk's own page would. */
  call<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** Calls with anything at all, as a hostile page could. */
  callRaw(channel: string, payload: unknown, sender?: SenderInfo): Promise<Result<unknown>>;
  /** Waits for the background sender to put `count` messages in the demo outbox. */
  waitForMessages(count: number): Promise<DemoMessage[]>;
}

/**
 * The real kiosk (createKiosk) in demo mode on a temp-dir SQLite file, with a clock and random source
 * the test controls.
 */
export async function startTestKiosk(options: TestKioskOptions): Promise<TestKiosk> {
  const clock = options.clock ?? createTestClock();
  const demoBase = createDemoConfig(options.dataDir);
  // Outside demo mode there is no demo inbox for texts: a persistent kiosk sends none unless given a provider.
  const base = options.persistent === true ? { ...demoBase, demo: false, sms: { provider: 'none' as const, defaultRegion: 'GB' } } : demoBase;
  const config = options.configure ? options.configure(base) : base;
  if (options.persistent === true && options.email === undefined) throw new Error('A persistent test kiosk needs an email sender');
  const logLines: string[] = [];
  const kiosk = await createKiosk({
    config,
    appOrigin: testAppOrigin,
    clock,
    random: options.random ?? createSeededRandom(),
    guessability: options.guessability ?? createTestGuessability(),
    ...(options.email === undefined ? {} : { email: options.email }),
    ...(options.sms === undefined ? {} : { sms: options.sms }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.onSessionEnded === undefined ? {} : { onSessionEnded: options.onSessionEnded }),
    timers: options.timers ?? false,
    log: (line) => logLines.push(line),
  });
  if (options.persistent === true && (await kiosk.store.read((db) => db.selectFrom('accounts').select('id').executeTakeFirst())) === undefined) {
    await seedDemoDatabase(kiosk.store, createArgon2Hasher(config.hashing), clock);
  }
  return {
    kiosk,
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
