import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { presets } from '../shared/policy/policy-config.js';
import { createStoreDirectory } from '../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher, defaultArgon2Params } from '../electron/core/hashing/argon2-hasher.js';
import type { GuessabilityChecker } from '../electron/core/ports.js';
import { createPasswordJudge } from '../electron/core/reset/password-judge.js';
import { accountRows } from '../electron/core/store/accounts.js';
import { openSqliteStore } from '../electron/core/store/open-sqlite-store.js';
import { summarise, timeEachMsAsync } from './timing.js';

export interface SubmitResult {
  p50Ms: number;
  p95Ms: number;
  floorMs: number;
  verifyMs: number;
  hashMs: number;
  cores: number;
  storedHashes: number;
  runs: number;
}

const median = (values: number[]) => summarise(values).p50;

/**
 * The whole submit path on a real SQLite directory: the kiosk's password judge (composition rules,
 * this engine, and argon2 verification against the current and 24 earlier hashes), then hashing the
 * new password -- beside the floor ceil(25 / cores) x one verify + one hash, measured in this run.
 */
export async function measureSubmitPath(engine: GuessabilityChecker, candidates: string[], runs: number): Promise<SubmitResult> {
  const folder = mkdtempSync(join(tmpdir(), 'sspr-bench-'));
  const store = await openSqliteStore(join(folder, 'bench.db'));
  try {
    const hasher = createArgon2Hasher(defaultArgon2Params);
    const clock = { now: () => new Date('2026-03-02T08:00:00.000Z') };
    const directory = createStoreDirectory(store, hasher, clock);
    const initialHash = await hasher.hash('Initial0Password0');
    const accountId = await store.run((tx) => accountRows.insert(tx, {
      username: 'bench.user',
      firstName: 'Bench',
      lastName: 'User',
      passwordHash: initialHash,
      passwordChangedAt: '2026-01-01T00:00:00.000Z',
    }));
    for (let i = 1; i <= 24; i += 1) await directory.setPassword(accountId, `Earlier${i}Password${i}`);
    const account = await directory.findAccount('bench.user');
    if (account === null) throw new Error('bench account missing');
    const storedHashes = await directory.passwordHashes(accountId, 'all');

    const judge = createPasswordJudge({ rules: presets.campus, guessability: engine, directory, hasher });
    // Warm-up: the first argon2 calls pay for thread start-up and page faults.
    await judge.full(candidates[0] as string, account);

    const samples = await timeEachMsAsync(runs, async (i) => {
      const password = candidates[i % candidates.length] as string;
      await judge.full(password, account);
      await hasher.hash(judge.candidate(password));
    });

    const verifySamples = await timeEachMsAsync(15, () => hasher.verify(storedHashes[0] as string, 'not the password'));
    const hashSamples = await timeEachMsAsync(15, () => hasher.hash('Some1Password2'));
    const cores = availableParallelism();
    const verifyMs = median(verifySamples);
    const hashMs = median(hashSamples);
    const timings = summarise(samples);
    return {
      p50Ms: timings.p50,
      p95Ms: timings.p95,
      floorMs: Math.ceil(25 / cores) * verifyMs + hashMs,
      verifyMs,
      hashMs,
      cores,
      storedHashes: storedHashes.length,
      runs,
    };
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
