import { randomBytes } from 'node:crypto';
import { createAuditTrail } from '../../../electron/core/audit/audit-trail.js';
import { createDemoConfig } from '../../../electron/core/config/demo-config.js';
import type { DemoAccount } from '../../../electron/core/demo/demo-accounts.js';
import { seedDemoDatabase } from '../../../electron/core/demo/seed-demo.js';
import { createStoreDirectory } from '../../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher, type Argon2Params } from '../../../electron/core/hashing/argon2-hasher.js';
import { deriveWithArgon2, type DeriveFn } from '../../../electron/core/history/history-derivation.js';
import { createPasswordHistory, type PasswordHistory } from '../../../electron/core/history/password-history.js';
import { createNamePseudonym } from '../../../electron/core/keys/name-pseudonym.js';
import type { AccountRecord, Directory, PasswordHasher } from '../../../electron/core/ports.js';
import { createPasswordChanger, type PasswordChanger } from '../../../electron/core/reset/password-change.js';
import { createPasswordJudge, type PasswordJudge } from '../../../electron/core/reset/password-judge.js';
import type { Store } from '../../../electron/core/store/store.js';
import { createThrottle } from '../../../electron/core/throttle/throttle.js';
import { presets, type PolicyRules } from '../../../shared/policy/policy-config.js';
import type { Backend } from '../../support/backends.js';
import { openTestStore } from '../../support/core-store.js';
import { createTestClock, type TestClock } from '../../support/test-clock.js';
import { createTestGuessability } from '../../support/test-guessability.js';

/**
 * Cheap argon2 settings, so a test can set hundreds of passwords: the counts, not the cost, are what
 * these tests are about (the benchmark times the kiosk's real settings).
 */
export const cheapParams: Argon2Params = { memoryKiB: 1024, timeCost: 1, parallelism: 1 };

/** Every argon2 computation, by kind: `hash` and `verify` through the hasher, `derive` for the history. */
export interface Argon2Counts {
  hash: number;
  verify: number;
  derive: number;
}

export function countingHasher(inner: PasswordHasher, counts: Argon2Counts): PasswordHasher {
  return {
    hash: (password) => ((counts.hash += 1), inner.hash(password)),
    verify: (phc, password) => ((counts.verify += 1), inner.verify(phc, password)),
    needsRehash: (phc) => inner.needsRehash(phc),
  };
}

export function countingDerive(inner: DeriveFn, counts: Argon2Counts): DeriveFn {
  return (password, salt, params) => ((counts.derive += 1), inner(password, salt, params));
}

export interface HistoryFixture {
  store: Store;
  clock: TestClock;
  counts: Argon2Counts;
  hasher: PasswordHasher;
  directory: Directory;
  history: PasswordHistory;
  changer: PasswordChanger;
  /** The kiosk's judge with the history (campus: every earlier password). */
  judge: PasswordJudge;
  /** The judge as it was before: one verify per stored hash. */
  judgeWithoutHistory: PasswordJudge;
  logLines: string[];
  /** A changer over another directory (a failing or hanging one), sharing everything else. */
  changerOver(directory: Directory): PasswordChanger;
  /** A history with other argon2 parameters over the same store and directory. */
  historyWith(params: Argon2Params): PasswordHistory;
  account(username: string): Promise<AccountRecord>;
  /** Argon2 computations made by `work` alone. */
  counted(work: () => Promise<unknown>): Promise<Argon2Counts>;
  close(): Promise<void>;
}

export async function openHistoryFixture(dataDir: string, backend: Backend, rules: PolicyRules = presets.campus): Promise<HistoryFixture> {
  const store = await openTestStore(dataDir, backend);
  const clock = createTestClock();
  const counts: Argon2Counts = { hash: 0, verify: 0, derive: 0 };
  const hasher = countingHasher(createArgon2Hasher(cheapParams), counts);
  const derive = countingDerive(deriveWithArgon2, counts);
  const config = { ...createDemoConfig(dataDir), hashing: cheapParams };
  const directory = createStoreDirectory(store, hasher, clock);
  const historyWith = (params: Argon2Params) => createPasswordHistory({ store, directory, clock, params, hasher, derive });
  const history = historyWith(cheapParams);
  const pseudonym = createNamePseudonym(randomBytes(32));
  const audit = createAuditTrail({ kioskId: config.kiosk.id, clock, chainKey: randomBytes(32), pseudonym });
  const throttle = createThrottle({ clock, rules: config.throttle });
  const logLines: string[] = [];
  const changerOver = (over: Directory) =>
    createPasswordChanger({ store, directory: over, audit, throttle, pseudonym, clock, config, log: (line) => logLines.push(line), history });
  const guessability = createTestGuessability();
  return {
    store,
    clock,
    counts,
    hasher,
    directory,
    history,
    changer: changerOver(directory),
    judge: createPasswordJudge({ rules, guessability, directory, hasher, history }),
    judgeWithoutHistory: createPasswordJudge({ rules, guessability, directory, hasher }),
    logLines,
    changerOver,
    historyWith,
    async account(username) {
      const found = await directory.findAccount(username);
      if (found === null) throw new Error(`no account ${username}`);
      return found;
    },
    async counted(work) {
      const before = { ...counts };
      await work();
      return { hash: counts.hash - before.hash, verify: counts.verify - before.verify, derive: counts.derive - before.derive };
    },
    close: () => store.close(),
  };
}

/** One person seeded as the demo seeds its people: every password they had has its history entry. */
export async function seedPerson(fixture: HistoryFixture, username: string, password: string, earlierPasswords: string[] = []): Promise<AccountRecord> {
  const person: DemoAccount = {
    username,
    firstName: 'Robin',
    lastName: 'Ashdown',
    password,
    earlierPasswords,
    emails: [{ address: `${username}@homemail.example`, verified: true }],
    phones: [],
    locked: false,
    description: '',
  };
  await seedDemoDatabase(fixture.store, fixture.hasher, fixture.clock, [person], { params: cheapParams, derive: countingDerive(deriveWithArgon2, fixture.counts) });
  return fixture.account(username);
}

/** Distinct passwords that pass the campus rules: 12-20 letters and digits, upper, lower, digit. */
export const passwordNumber = (n: number) => `Kv${n}mQx${n}Tz7wPr`;

/** Sets `count` new passwords through the kiosk's change path; returns them oldest first. */
export async function changeTimes(fixture: HistoryFixture, account: AccountRecord, count: number, from = 0): Promise<string[]> {
  const set: string[] = [];
  for (let n = from; n < from + count; n += 1) {
    const password = passwordNumber(n);
    const result = await fixture.changer.change({ account, typedName: account.username, password, purpose: 'reset' });
    if (!('outcome' in result) || result.outcome !== 'changed') throw new Error(`change ${n}: ${JSON.stringify(result)}`);
    fixture.clock.advance({ seconds: 1 });
    set.push(password);
  }
  return set;
}
