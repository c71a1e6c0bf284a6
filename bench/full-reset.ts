import { demoAccounts } from '../electron/core/demo/demo-accounts.js';
import type { GuessabilityChecker } from '../electron/core/ports.js';
import type { StoreConfig } from '../shared/config/config-schema.js';
import type { Stage } from '../shared/flow/stages.js';
import type { Result } from '../shared/ipc/result.js';
import { codeIn, startTestKiosk } from '../test/support/core-kiosk.js';
import type { TestDirectoryServer } from '../test/support/directory-server.js';
import { createRecordingEmailSender } from '../test/support/recording-email.js';
import { summarise } from './timing.js';

export interface FullResetTimes {
  p50Ms: number;
  p95Ms: number;
  runs: number;
}

const person = demoAccounts.find((account) => account.username === 'amira.khan');
const address = person?.emails.find((email) => email.verified)?.address;

/**
 * One person's whole reset through the IPC router of a real kiosk (createKiosk, non-demo, the demo
 * people seeded), as the page would drive it: begin -> choose email -> the code arrives (the
 * recording sender stands in for SMTP; the background delivery is waited for, as the person waits
 * for the mail) -> verify -> set password, timed from the first call to the Done view.
 *
 * Between runs (untimed): the session is started over, the notice mail is let out, and the clock
 * moves 11 minutes so the account's send limit (10 in 10 minutes) never blocks. The password history
 * is limited to one earlier password so that every run judges against the same two stored hashes
 * (with "all", run n would verify n + 1 of them in argon2); the argon2 work is the same on both stores.
 */
export async function measureFullReset(options: {
  dataDir: string;
  guessability: GuessabilityChecker;
  passwords: string[];
  runs: number;
  /** Another store than the default SQLite file in dataDir. */
  store?: StoreConfig;
  env?: Record<string, string>;
  /** The environment variable with the deployment key (kiosks on PostgreSQL must be given one). */
  keyEnv?: string;
  /** An LDAP or AD server holding the person (instead of the demo people in the store). */
  directory?: { server: TestDirectoryServer; username: string; address: string };
}): Promise<FullResetTimes> {
  const who = options.directory ?? (person === undefined || address === undefined ? undefined : { username: person.username, address });
  if (who === undefined) throw new Error('the demo account amira.khan with a verified email is missing');
  if (options.passwords.length < options.runs + 1) throw new Error(`the full reset needs ${options.runs + 1} new passwords`);
  const mail = createRecordingEmailSender();
  const t = await startTestKiosk({
    dataDir: options.dataDir,
    persistent: true,
    email: mail.sender,
    guessability: options.guessability,
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.directory === undefined ? {} : { directory: options.directory.server }),
    configure: (config) => ({
      ...config,
      ...(options.store === undefined ? {} : { store: options.store }),
      ...(options.keyEnv === undefined ? {} : { secrets: { keyEnv: options.keyEnv } }),
      policy: { ...config.policy, overrides: { ...config.policy.overrides, history: 1 } },
    }),
  });
  try {
    const expectStage = <T extends { stage: Stage }>(result: Result<T>, stage: Stage, step: string): T => {
      if (!result.ok) throw new Error(`full reset: ${step} failed with ${JSON.stringify(result.error)}`);
      if (result.value.stage !== stage) throw new Error(`full reset: ${step} led to ${result.value.stage}, not ${stage}`);
      return result.value;
    };
    const reset = async (password: string) => {
      const sentBefore = mail.sent.length;
      expectStage(await t.call('journey:begin', { purpose: 'reset', username: who.username }), 'choose_method', 'begin');
      expectStage(await t.call('code:choose', { method: 'email' }), 'code_sent', 'choose email');
      await t.kiosk.settled();
      const message = mail.sent.slice(sentBefore).find((sent) => sent.to === who.address);
      if (message === undefined) throw new Error('full reset: no code mail arrived');
      expectStage(await t.call('code:verify', { code: codeIn(message.text) }), 'new_password', 'verify');
      const done = expectStage(await t.call('password:set', { password, confirmation: password }), 'done', 'set password');
      if (done.stage === 'done' && done.outcome !== 'changed') throw new Error(`full reset: the password was not changed (${done.outcome})`);
    };
    const between = async () => {
      await t.kiosk.settled();
      await t.call('session:startOver', {});
      t.clock.advance({ minutes: 11 });
    };

    // Warm-up: argon2's threads, the first connections, the JIT.
    await reset(options.passwords[0] as string);
    await between();
    const samples: number[] = [];
    for (let run = 1; run <= options.runs; run += 1) {
      const started = process.hrtime.bigint();
      await reset(options.passwords[run] as string);
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      await between();
    }
    const timings = summarise(samples);
    return { p50Ms: timings.p50, p95Ms: timings.p95, runs: options.runs };
  } finally {
    await t.kiosk.close();
  }
}
