import { loadavg } from 'node:os';
import { join } from 'node:path';
import { breachedKey } from '../electron/core/guessability/breached-list.js';
import { breachedListFileName, findDataDirectory, loadBreachedList, loadGuessabilityEngine } from '../electron/core/guessability/index.js';
import { buildSetBaseline, createZxcvbn } from './baselines.js';
import { settledMemory } from './memory.js';
import { passphrases, randomPasswords, weakPasswords } from './password-sets.js';
import { printTable } from './report.js';
import type { BenchResult } from './result.js';
import { measureDirectoryResets } from './directory-reset.js';
import { measureSharedStore } from './shared-store.js';
import { historySizes, measureSubmitPath, type SubmitRow } from './submit-path.js';
import { medianTimeEachUs, quietestRound, summarise, timeEachUs, type Timings } from './timing.js';

/**
 * `npm run bench` (a table) and `npm run --silent bench -- --json` (only JSON on stdout).
 * Everything is measured in this one run on the same generated inputs. `--quick` shrinks the
 * sets for a smoke run; the numbers in reports come from a full run. `--guessability` runs only the
 * engine's part (speed, quality, breached list, zxcvbn-ts beside it), without the submit path, the
 * shared store and the directories, which take minutes and need their servers.
 */
const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const quick = args.has('--quick');
const guessabilityOnly = args.has('--guessability');
const known = new Set(['--json', '--quick', '--guessability']);
const unknown = [...args].filter((arg) => !known.has(arg));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown option ${unknown.join(' ')} (known: ${[...known].join(' ')})\n`);
  process.exit(2);
}
const sizes = quick
  ? { weak: 900, random: 1000, passphrase: 1000, zxcvbnPerSet: 40, submitRuns: 5, historyRuns: 10, storeWarmupMs: 500, storeMs: 2000, resetRuns: 5 }
  : { weak: 9000, random: 10000, passphrase: 10000, zxcvbnPerSet: 500, submitRuns: 30, historyRuns: 60, storeWarmupMs: 1000, storeMs: 10000, resetRuns: 30 };
const progress = (message: string) => {
  if (!json) process.stderr.write(`${message}\n`);
};

const engineTimingPasses = 5;
const person = { username: 'bench.user', firstName: 'Bench', lastName: 'User' };
const rate = (hits: number, total: number) => (total === 0 ? Number.NaN : hits / total);

async function main() {
  progress('generating password sets...');
  const weak = weakPasswords(sizes.weak);
  const random = randomPasswords(sizes.random);
  const phrases = passphrases(sizes.passphrase);

  progress('loading the engine...');
  const memoryBefore = settledMemory();
  const loadStarted = process.hrtime.bigint();
  const engine = loadGuessabilityEngine({ customTerms: [], organisationName: 'Northfield University', minScore: 5 });
  const loadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6;
  const memoryAfter = settledMemory();

  // Timing inputs: the zxcvbn subset of every set, so both tools are timed on the same passwords.
  const subset = {
    weak: weak.slice(0, sizes.zxcvbnPerSet).map((entry) => entry.password),
    random: random.slice(0, sizes.zxcvbnPerSet),
    passphrase: phrases.slice(0, sizes.zxcvbnPerSet),
  };
  const timingInputs = [...subset.weak, ...subset.random, ...subset.passphrase];

  progress('timing the engine...');
  const checkOne = (password: string) => engine.check(password, person);
  timeEachUs(timingInputs, checkOne); // warm-up
  // The p99 target is the engine's own tail: each password's median of five passes (see timing.ts),
  // in rounds spread over the run, the quietest of which is the one reported (see quietestRound).
  // One pass and every round are printed beside it, so what the machine's noise adds stays visible.
  const onePass = summarise(timeEachUs(timingInputs, checkOne));
  const engineRounds: Timings[] = [];
  const timeEngineRound = () => engineRounds.push(summarise(medianTimeEachUs(timingInputs, checkOne, engineTimingPasses)));
  timeEngineRound();
  const allInputs = [...weak.map((entry) => entry.password), ...random, ...phrases];
  const batchStarted = process.hrtime.bigint();
  for (const password of allInputs) engine.check(password, person);
  const checksPerSecond = allInputs.length / (Number(process.hrtime.bigint() - batchStarted) / 1e9);

  progress('engine quality on the full sets...');
  const refused = (password: string) => engine.check(password, person).length > 0;
  const weakRefused = weak.filter((entry) => refused(entry.password));
  // The same engine without its second gate: Entra's score alone, and the score with the breached
  // list (the engine before issue 13), so the gain of the composition gate shows.
  const entraRefused = (password: string) => !engine.assess(password, person).entraAccepted;
  const beforeGateRefused = (password: string) => {
    const assessment = engine.assess(password, person);
    return !assessment.entraAccepted || assessment.breached;
  };
  const byPattern = new Map<string, { total: number; engine: number; entraOnly: number; zxcvbn3: number; zxcvbn4: number; zxcvbnTotal: number }>();
  for (const entry of weak) {
    const row = byPattern.get(entry.pattern) ?? { total: 0, engine: 0, entraOnly: 0, zxcvbn3: 0, zxcvbn4: 0, zxcvbnTotal: 0 };
    row.total += 1;
    if (refused(entry.password)) row.engine += 1;
    if (entraRefused(entry.password)) row.entraOnly += 1;
    byPattern.set(entry.pattern, row);
  }
  const qualityOf = (isRefused: (password: string) => boolean) => ({
    weakRejected: rate(weak.filter((entry) => isRefused(entry.password)).length, weak.length),
    randomFalseRejected: rate(random.filter(isRefused).length, random.length),
    passphraseFalseRejected: rate(phrases.filter(isRefused).length, phrases.length),
  });
  const engineQuality = {
    weakRejected: rate(weakRefused.length, weak.length),
    randomFalseRejected: rate(random.filter(refused).length, random.length),
    passphraseFalseRejected: rate(phrases.filter(refused).length, phrases.length),
  };
  const engineOnSubset = {
    weakRejected: rate(subset.weak.filter(refused).length, subset.weak.length),
    randomFalseRejected: rate(subset.random.filter(refused).length, subset.random.length),
    passphraseFalseRejected: rate(subset.passphrase.filter(refused).length, subset.passphrase.length),
  };

  timeEngineRound();

  progress('breached list against a plain Set...');
  const lookups = [...random.slice(0, 5000), ...weak.slice(0, 5000).map((entry) => entry.password)];
  const breached = engine.stats;
  const baseline = buildSetBaseline();
  timeEachUs(lookups, (password) => baseline.set.has(breachedKey(password)));
  const setLookup = summarise(timeEachUs(lookups, (password) => baseline.set.has(breachedKey(password))));
  // The engine's own list, timed on the same lookups: both sides pay for breachedKey.
  const engineList = loadBreachedList(join(findDataDirectory(), breachedListFileName));
  timeEachUs(lookups, (password) => engineList.has(password));
  const listLookup = summarise(timeEachUs(lookups, (password) => engineList.has(password)));
  const falseHits = random.filter((password) => engine.assess(password, person).breached && !baseline.set.has(breachedKey(password))).length;

  timeEngineRound();

  progress(`zxcvbn-ts on ${timingInputs.length} passwords (slow)...`);
  const zxcvbn = createZxcvbn();
  zxcvbn.check('warm up the matchers'); // the first call builds its dictionaries
  const scores = new Map<string, number>();
  const zxcvbnSamples = timeEachUs(timingInputs, (password) => scores.set(password, zxcvbn.check(password).score));
  const zxcvbnTimings = summarise(zxcvbnSamples);
  // zxcvbn "rejects" a password whose score is below the threshold a site would set (3 or 4).
  const zxcvbnRate = (passwords: string[], minimum: number) =>
    rate(passwords.filter((password) => (scores.get(password) as number) < minimum).length, passwords.length);
  const zxcvbnQuality = (minimum: number) => ({
    weakRejected: zxcvbnRate(subset.weak, minimum),
    randomFalseRejected: zxcvbnRate(subset.random, minimum),
    passphraseFalseRejected: zxcvbnRate(subset.passphrase, minimum),
  });
  for (const entry of weak.slice(0, sizes.zxcvbnPerSet)) {
    const row = byPattern.get(entry.pattern);
    const score = scores.get(entry.password) as number;
    if (row === undefined) continue;
    row.zxcvbnTotal += 1;
    if (score < 3) row.zxcvbn3 += 1;
    if (score < 4) row.zxcvbn4 += 1;
  }

  timeEngineRound();

  const resultOf = (parts: Pick<BenchResult, 'submit' | 'sharedStore' | 'directories'>): BenchResult => {
    const quietest = quietestRound(engineRounds);
    const engineTimings = engineRounds[quietest] as Timings;
    return {
      inputs: { weak: weak.length, random: random.length, passphrase: phrases.length, zxcvbnSubsetPerSet: sizes.zxcvbnPerSet, quick, guessabilityOnly },
      engine: {
        p50Us: engineTimings.p50,
        p99Us: engineTimings.p99,
        meanUs: engineTimings.mean,
        timingPasses: engineTimingPasses,
        rounds: engineRounds.map((round) => ({ p50Us: round.p50, p99Us: round.p99, meanUs: round.mean })),
        roundReported: quietest,
        onePassP50Us: onePass.p50,
        onePassP99Us: onePass.p99,
        checksPerSecond,
        loadMs,
        loadHeapBytes: memoryAfter.heap - memoryBefore.heap,
        breachedEntries: breached.breachedEntries,
        breachedBytes: breached.breachedBytes,
        breachedLookupP50Us: listLookup.p50,
        breachedLookupP99Us: listLookup.p99,
        globalTerms: breached.globalTerms,
        globalTermsBytes: breached.globalTermsBytes,
        breachedFalsePositiveRate: rate(falseHits, random.length),
      },
      set: {
        bytes: baseline.bytes,
        entries: baseline.entries,
        lookupP50Us: setLookup.p50,
        lookupP99Us: setLookup.p99,
      },
      zxcvbn: { p50Us: zxcvbnTimings.p50, p99Us: zxcvbnTimings.p99, meanUs: zxcvbnTimings.mean, checks: zxcvbnSamples.length },
      quality: {
        engine: engineQuality,
        entraScoreOnly: qualityOf(entraRefused),
        entraScoreAndBreached: qualityOf(beforeGateRefused),
        engineOnZxcvbnSubset: engineOnSubset,
        zxcvbn3: zxcvbnQuality(3),
        zxcvbn4: zxcvbnQuality(4),
        weakByPattern: Object.fromEntries(
          [...byPattern].map(([pattern, row]) => [
            pattern,
            {
              engine: rate(row.engine, row.total),
              entraOnly: rate(row.entraOnly, row.total),
              zxcvbn3: rate(row.zxcvbn3, row.zxcvbnTotal),
              zxcvbn4: rate(row.zxcvbn4, row.zxcvbnTotal),
            },
          ]),
        ),
      },
      ...parts,
      loadAverage: loadavg(),
      targets: {
        // Issue 13: the composition gate's targets, which tighten the earlier 1 ms, 100 ms, 99%, 0.5% and 1%.
        engineP99AtMost100us: engineTimings.p99 <= 100,
        engineAtLeast10xFasterThanZxcvbn: zxcvbnTimings.p50 / engineTimings.p50 >= 10 && zxcvbnTimings.p99 / engineTimings.p99 >= 10,
        breachedAtMostOneTwentiethOfSet: breached.breachedBytes * 20 <= baseline.bytes,
        loadAtMost20ms: loadMs <= 20,
        weakRejectedAtLeast99_8: engineQuality.weakRejected >= 0.998,
        randomFalseRejectedAtMostTenthPercent: engineQuality.randomFalseRejected <= 0.001,
        passphraseFalseRejectedAtMostHalfPercent: engineQuality.passphraseFalseRejected <= 0.005,
      },
    };
  };

  if (guessabilityOnly) {
    const result = resultOf({ submit: null, sharedStore: null, directories: null });
    if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else printTable(result);
    return;
  }

  progress(`submit path at ${historySizes.join(', ')} earlier passwords, and the way before the password history...`);
  const submit = await measureSubmitPath(engine, random.slice(0, sizes.historyRuns), { runs: sizes.historyRuns, beforeRuns: sizes.submitRuns, progress });
  timeEngineRound();
  const submitAt = (earlier: number) => submit.rows.find((row) => row.earlier === earlier) as SubmitRow;

  // New passwords for the full resets: random ones this engine and amira.khan's name rules let through.
  const resetPerson = { username: 'amira.khan', firstName: 'Amira', lastName: 'Khan' };
  const resetPasswords = random.filter((password) => engine.check(password, resetPerson).length === 0 && !/amira|khan/i.test(password));
  const sharedStore = await measureSharedStore({
    guessability: engine,
    passwords: resetPasswords.slice(0, sizes.resetRuns + 1),
    warmupMs: sizes.storeWarmupMs,
    durationMs: sizes.storeMs,
    resetRuns: sizes.resetRuns,
    progress,
  });

  timeEngineRound();

  // The test directories refuse passwords under 14 characters; the kiosk's own minimum is 12.
  const directoryPasswords = resetPasswords.filter((password) => password.length >= 14).slice(0, sizes.resetRuns + 1);
  const directories = await measureDirectoryResets({ guessability: engine, passwords: directoryPasswords, runs: sizes.resetRuns, progress });

  timeEngineRound();

  const result = resultOf({ submit, sharedStore, directories });
  result.targets = {
    ...result.targets,
    // The kiosk's submit path now goes through the password history; 25 earlier passwords is the
    // size earlier reports measured (then 25 stored hashes, every one verified).
    submitP95AtMost1_5xFloor: submitAt(25).p95Ms <= 1.5 * submitAt(25).floorMs,
    historyP95At200Within1_2xAt1: submitAt(200).p95Ms <= 1.2 * submitAt(1).p95Ms,
  };
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else printTable(result);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
