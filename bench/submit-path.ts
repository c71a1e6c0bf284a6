import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { presets } from '../shared/policy/policy-config.js';
import { createAuditTrail } from '../electron/core/audit/audit-trail.js';
import { createDemoConfig } from '../electron/core/config/demo-config.js';
import { seedDemoDatabase } from '../electron/core/demo/seed-demo.js';
import { createStoreDirectory } from '../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher, defaultArgon2Params } from '../electron/core/hashing/argon2-hasher.js';
import { deriveWithArgon2, type DeriveFn } from '../electron/core/history/history-derivation.js';
import { createPasswordHistory } from '../electron/core/history/password-history.js';
import { createNamePseudonym } from '../electron/core/keys/name-pseudonym.js';
import type { AccountRecord, GuessabilityChecker, PasswordHasher } from '../electron/core/ports.js';
import { createPasswordChanger } from '../electron/core/reset/password-change.js';
import { createPasswordJudge, type PasswordJudge } from '../electron/core/reset/password-judge.js';
import { accountRows } from '../electron/core/store/accounts.js';
import { openSqliteStore } from '../electron/core/store/open-sqlite-store.js';
import { createThrottle } from '../electron/core/throttle/throttle.js';
import { summarise, timeEachMsAsync } from './timing.js';

/** argon2 computations of one submit, counted by wrapping the hasher and the history's derivation. */
export interface Argon2Count {
  verify: number;
  derive: number;
  hash: number;
}

export interface SubmitRow {
  /** Earlier passwords the account has (besides the current one). */
  earlier: number;
  /** Hashes the directory holds for it (current + earlier). */
  storedHashes: number;
  /** Entries in the kiosk's password history (0: an account from before it, checked the old way). */
  historyEntries: number;
  argon2: Argon2Count;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  /** The same argon2 work done back to back on this machine: ceil(verifies / cores) x verify + derivations + hashes. */
  floorMs: number;
}

export interface SubmitResult {
  /** Through the kiosk's password history, at 1, 25 and 200 earlier passwords, timed interleaved. */
  rows: SubmitRow[];
  /** The path before the history (one verify per stored hash) at 24 earlier passwords: the figure earlier reports gave. */
  before: SubmitRow;
  verifyMs: number;
  hashMs: number;
  deriveMs: number;
  cores: number;
  /** The machine's 1-minute load average before and after this part (other work skews every number here). */
  loadAverage: { before: number; after: number };
}

export const historySizes = [1, 25, 200] as const;

const median = (values: number[]) => summarise(values).p50;

function counting(hasher: PasswordHasher, derive: DeriveFn, count: Argon2Count) {
  return {
    hasher: {
      hash: (password: string) => ((count.hash += 1), hasher.hash(password)),
      verify: (phc: string, password: string) => ((count.verify += 1), hasher.verify(phc, password)),
      needsRehash: (phc: string) => hasher.needsRehash(phc),
    } satisfies PasswordHasher,
    derive: ((password, salt, params) => ((count.derive += 1), derive(password, salt, params))) satisfies DeriveFn,
  };
}

/**
 * The whole argon2 side of submitting a new password, on a real SQLite directory with the kiosk's
 * argon2 parameters: the password judge (composition rules, this engine, the reuse check), then what
 * the change costs before the directory is written (the new password's history entry) and the
 * directory's hash of it. Accounts with 1, 25 and 200 earlier passwords, all set through the kiosk's
 * change path, are timed in turn, run by run, so load on a shared machine falls on all three alike;
 * beside them, the path before the password history (every stored hash verified) at 24 earlier
 * passwords, as earlier reports measured it.
 */
export async function measureSubmitPath(
  engine: GuessabilityChecker,
  candidates: string[],
  options: { runs: number; beforeRuns: number; progress?: (message: string) => void },
): Promise<SubmitResult> {
  const folder = mkdtempSync(join(tmpdir(), 'sspr-bench-'));
  const store = await openSqliteStore(join(folder, 'bench.db'));
  const loadBefore = loadavg()[0] as number;
  try {
    const count: Argon2Count = { verify: 0, derive: 0, hash: 0 };
    const { hasher, derive } = counting(createArgon2Hasher(defaultArgon2Params), deriveWithArgon2, count);
    const clock = { now: () => new Date('2026-03-02T08:00:00.000Z') };
    const config = { ...createDemoConfig(folder), hashing: defaultArgon2Params };
    const directory = createStoreDirectory(store, hasher, clock);
    const history = createPasswordHistory({ store, directory, clock, params: defaultArgon2Params, hasher, derive });
    const pseudonym = createNamePseudonym(randomBytes(32));
    const changer = createPasswordChanger({
      store,
      directory,
      audit: createAuditTrail({ kioskId: config.kiosk.id, clock, chainKey: randomBytes(32), pseudonym }),
      throttle: createThrottle({ clock, rules: config.throttle }),
      pseudonym,
      clock,
      config,
      log: () => undefined,
      history,
    });
    const rules = presets.campus;
    const withHistory = createPasswordJudge({ rules, guessability: engine, directory, hasher, history });
    const withoutHistory = createPasswordJudge({ rules, guessability: engine, directory, hasher });

    /** An account as the demo seeds one (its first password has its history entry), then `earlier` changes through the kiosk. */
    async function accountWithHistory(earlier: number): Promise<AccountRecord> {
      const username = `bench.history${earlier}`;
      const person = { username, firstName: 'Bench', lastName: 'User', password: 'Initial0Password0', earlierPasswords: [], emails: [], phones: [], locked: false, description: '' };
      await seedDemoDatabase(store, hasher, clock, [person], { params: defaultArgon2Params, derive });
      const account = await directory.findAccount(username);
      if (account === null) throw new Error('bench account missing');
      for (let i = 1; i <= earlier; i += 1) {
        const result = await changer.change({ account, typedName: username, password: `Earlier${i}Password${i}`, purpose: 'reset' });
        if (!('outcome' in result) || result.outcome !== 'changed') throw new Error(`bench change ${i}: ${JSON.stringify(result)}`);
      }
      return account;
    }

    /** The account of the earlier reports: 24 earlier passwords as hashes only. */
    async function accountBefore(): Promise<AccountRecord> {
      const id = await store.run(async (tx) =>
        accountRows.insert(tx, { username: 'bench.before', firstName: 'Bench', lastName: 'User', passwordHash: await hasher.hash('Initial0Password0'), passwordChangedAt: '2026-01-01T00:00:00.000Z' }),
      );
      for (let i = 1; i <= 24; i += 1) await directory.setPassword(id, `Earlier${i}Password${i}`);
      return (await directory.findAccount('bench.before')) as AccountRecord;
    }

    const submit = (judge: PasswordJudge, account: AccountRecord, withEntry: boolean) => async (password: string) => {
      await judge.full(password, account);
      const candidate = judge.candidate(password);
      if (withEntry) await history.prepare(account.id, candidate);
      await hasher.hash(candidate);
    };

    const accounts: AccountRecord[] = [];
    for (const earlier of historySizes) {
      options.progress?.(`  setting ${earlier} earlier password(s) through the change path...`);
      accounts.push(await accountWithHistory(earlier));
    }
    const before = await accountBefore();
    const paths = accounts.map((account) => submit(withHistory, account, true));
    const beforePath = submit(withoutHistory, before, false);

    // Warm-up (thread start-up, page faults), and one counted submit of each.
    const counts: Argon2Count[] = [];
    for (const path of [...paths, beforePath]) {
      const start = { ...count };
      await path(candidates[0] as string);
      counts.push({ verify: count.verify - start.verify, derive: count.derive - start.derive, hash: count.hash - start.hash });
    }

    options.progress?.(`  ${options.runs} submits at each of ${historySizes.join(', ')} earlier passwords, interleaved...`);
    const samples: number[][] = paths.map(() => []);
    for (let run = 0; run < options.runs; run += 1) {
      const password = candidates[run % candidates.length] as string;
      // The order turns each run, so no size always follows another.
      for (let k = 0; k < paths.length; k += 1) {
        const index = (run + k) % paths.length;
        const [ms] = await timeEachMsAsync(1, () => (paths[index] as (password: string) => Promise<void>)(password));
        (samples[index] as number[]).push(ms as number);
      }
    }
    options.progress?.(`  ${options.beforeRuns} submits the way before the history (24 earlier passwords, every hash verified)...`);
    const beforeSamples = await timeEachMsAsync(options.beforeRuns, (i) => beforePath(candidates[i % candidates.length] as string));

    const storedHashes = async (account: AccountRecord) => (await directory.passwordHashes(account.id, 'all')).length;
    const entries = async (account: AccountRecord) =>
      (await store.read((db) => db.withTables<{ history_derivations: { account_id: number } }>().selectFrom('history_derivations').select('account_id').where('account_id', '=', account.id).execute())).length;
    const verifyPhc = (await directory.passwordHashes(before.id, 0))[0] as string;
    const verifyMs = median(await timeEachMsAsync(15, () => hasher.verify(verifyPhc, 'not the password')));
    const hashMs = median(await timeEachMsAsync(15, () => hasher.hash('Some1Password2')));
    const deriveMs = median(await timeEachMsAsync(15, () => history.prepare(before.id, 'Some1Password2')));
    const cores = availableParallelism();
    const floor = (argon2: Argon2Count) => Math.ceil(argon2.verify / cores) * verifyMs + argon2.derive * deriveMs + argon2.hash * hashMs;
    const row = async (earlier: number, account: AccountRecord, argon2: Argon2Count, times: number[]): Promise<SubmitRow> => {
      const timings = summarise(times);
      return { earlier, storedHashes: await storedHashes(account), historyEntries: await entries(account), argon2, runs: times.length, p50Ms: timings.p50, p95Ms: timings.p95, floorMs: floor(argon2) };
    };
    const rows: SubmitRow[] = [];
    for (const [index, earlier] of historySizes.entries()) {
      rows.push(await row(earlier, accounts[index] as AccountRecord, counts[index] as Argon2Count, samples[index] as number[]));
    }
    return {
      rows,
      before: await row(24, before, counts[paths.length] as Argon2Count, beforeSamples),
      verifyMs,
      hashMs,
      deriveMs,
      cores,
      loadAverage: { before: loadBefore, after: loadavg()[0] as number },
    };
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
