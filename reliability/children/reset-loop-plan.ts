import { demoAccounts } from '../../electron/core/demo/demo-accounts.js';
import { systemClock } from '../../electron/core/system.js';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import type { TestClock } from '../../test/support/test-clock.js';

/**
 * What the crash-consistency child and its parent agree on: which people are reset in turn, the
 * password each reset sets, the journal's line format and the kiosk's settings, so the parent can
 * predict every password without asking the child.
 */

/** The demo people who can receive a code by email (chloe.martin is not registered). */
export const loopAccounts = demoAccounts.filter((account) => account.emails.some((email) => email.verified)).map((account) => account.username);

/** Verified addresses per person: how many notices each change must queue. */
export const noticeRecipients = (username: string): number =>
  demoAccounts.find((account) => account.username === username)?.emails.filter((email) => email.verified).length ?? 0;

/** The password a person had before any reset (the demo seed). */
export const seedPassword = (username: string): string => demoAccounts.find((account) => account.username === username)!.password;

/** Earlier passwords the seed already put in history, so only the loop's own changes are counted. */
export const seedHistory = (username: string): number => demoAccounts.find((account) => account.username === username)?.earlierPasswords.length ?? 0;

/** Reset number `n` is the loop's n-th attempt overall; it goes to one person in turn. */
export const accountFor = (n: number): string => loopAccounts[n % loopAccounts.length]!;

/**
 * Password number `n`: unique per attempt, within the campus rules (12-20 letters and digits, upper,
 * lower, digit, no name in it), and never one of the test guessability list's banned terms.
 */
export const passwordFor = (n: number): string => `Kq${String(n).padStart(7, '0')}Wzx`;

/** Journal lines: written and fsync'ed before asking for the change, and after Done came back. */
export type JournalEntry = { kind: 'about'; username: string; n: number } | { kind: 'done'; username: string; n: number; outcome: string };

export const aboutLine = (username: string, n: number) => `about ${username} ${n}`;
export const doneLine = (username: string, n: number, outcome: string) => `done ${username} ${n} ${outcome}`;

/** Whole lines only: a kill can cut the last one short, and a short line was never a promise. */
export function parseJournal(text: string): JournalEntry[] {
  const lines = text.split('\n');
  lines.pop();
  return lines.flatMap((line): JournalEntry[] => {
    const [kind, username, n, outcome] = line.split(' ');
    if (kind === 'about' && username !== undefined && n !== undefined) return [{ kind, username, n: Number(n) }];
    if (kind === 'done' && username !== undefined && n !== undefined && outcome !== undefined) return [{ kind, username, n: Number(n), outcome }];
    return [];
  });
}

/**
 * The kiosk under the crash loop: limits out of the way (the loop resets the same people hundreds of
 * times in minutes) and a short password history, so each reset's reuse check costs two argon2
 * verifications instead of one per earlier password.
 */
export function crashLoopConfig(config: KioskConfig): KioskConfig {
  const open = { free: 100_000, limit: 100_000, windowMinutes: 1, firstWaitSeconds: 1, maxWaitSeconds: 1 };
  const account = { limit: 10_000, windowMinutes: 1, blockMinutes: 1 };
  return {
    ...config,
    throttle: { failedProofs: account, emailSends: account, smsSends: account, kioskRequests: open, kioskFailedProofs: open, technicianSignIns: account },
    policy: { ...config.policy, overrides: { ...config.policy.overrides, history: 1 } },
  };
}

/** limited-kiosk.ts: the reset finished before the room runs out, which must still be there afterwards. */
export const committedReset = { username: 'amira.khan', n: 900_000 };
/** limited-kiosk.ts: the people reset while the room runs out (not the one whose reset must survive). */
export const limitedPeople = ['ben.okafor', 'dev.patel'];
export const limitedPasswordNumber = (attempt: number) => 900_001 + attempt;

/**
 * The real clock behind the test kiosk's clock seam: start-up recovery compares the directory's change
 * time with the intent's, as after a real crash, and a kiosk restarted on the same files must see
 * time move on.
 */
export const realClock: TestClock = {
  now: () => systemClock.now(),
  advance: () => {
    throw new Error('this kiosk runs on the real clock');
  },
  set: () => {
    throw new Error('this kiosk runs on the real clock');
  },
};
