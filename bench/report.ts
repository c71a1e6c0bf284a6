import type { DirectoryResetMeasured, DirectoryResetTimes } from './directory-reset.js';
import type { BenchResult, QualityRow } from './result.js';
import type { SharedStoreResult, StoreComparison, StoreThroughput } from './shared-store.js';
import type { SubmitResult, SubmitRow } from './submit-path.js';

/** The human table of `npm run bench`. */
const us = (value: number) => `${value.toFixed(1)} µs`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MiB`;
const pct = (value: number) => `${(value * 100).toFixed(2)}%`;
const mark = (ok: boolean | undefined) => (ok === true ? 'met' : 'NOT met');

function table(rows: string[][]): string {
  const widths = (rows[0] as string[]).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] as number)).join('  ').trimEnd()).join('\n');
}

function qualityRow(name: string, row: QualityRow): string[] {
  return [name, pct(row.weakRejected), pct(row.randomFalseRejected), pct(row.passphraseFalseRejected)];
}

export function printTable(result: BenchResult): void {
  const { engine, set, zxcvbn, quality, submit, targets, inputs } = result;
  const out: string[] = [];
  out.push(`Guessable-password engine benchmark${inputs.quick ? ' (QUICK run: small sets)' : ''}${inputs.guessabilityOnly ? ' (guessability only)' : ''}`);
  out.push(`inputs: ${inputs.weak} human-pattern, ${inputs.random} random, ${inputs.passphrase} passphrases; zxcvbn-ts on the first ${inputs.zxcvbnSubsetPerSet} of each`);
  out.push('');
  out.push(
    table([
      ['speed (same inputs)', 'p50', 'p99', 'mean', 'checks/s'],
      [
        `engine (median of ${engine.timingPasses} passes, quietest of ${engine.rounds.length} rounds)`,
        us(engine.p50Us),
        us(engine.p99Us),
        us(engine.meanUs),
        Math.round(engine.checksPerSecond).toLocaleString('en'),
      ],
      ...engine.rounds.map((round, index) => [`  round ${index + 1}${index === engine.roundReported ? ' (reported)' : ''}`, us(round.p50Us), us(round.p99Us), us(round.meanUs), '']),
      ['engine (one pass)', us(engine.onePassP50Us), us(engine.onePassP99Us), '', ''],
      ['zxcvbn-ts', us(zxcvbn.p50Us), us(zxcvbn.p99Us), us(zxcvbn.meanUs), Math.round(1e6 / zxcvbn.meanUs).toLocaleString('en')],
      ['zxcvbn / engine', `${(zxcvbn.p50Us / engine.p50Us).toFixed(0)}x`, `${(zxcvbn.p99Us / engine.p99Us).toFixed(0)}x`, '', ''],
    ]),
  );
  out.push('');
  out.push(
    table([
      ['breached list', 'entries', 'memory', 'lookup p50', 'lookup p99'],
      ['engine (sorted fingerprints)', engine.breachedEntries.toLocaleString('en'), mb(engine.breachedBytes), us(engine.breachedLookupP50Us), us(engine.breachedLookupP99Us)],
      ['plain JS Set', set.entries.toLocaleString('en'), mb(set.bytes), us(set.lookupP50Us), us(set.lookupP99Us)],
      ['Set / engine', '', `${(set.bytes / engine.breachedBytes).toFixed(1)}x`, '', ''],
    ]),
  );
  out.push(
    `load time of all lists: ${ms(engine.loadMs)}; global banned terms: ${engine.globalTerms.toLocaleString('en')} (${mb(engine.globalTermsBytes)}); ` +
      `breached false-positive rate measured on random passwords: ${pct(engine.breachedFalsePositiveRate)}`,
  );
  out.push('');
  out.push(
    table([
      ['quality', 'weak refused', 'random falsely refused', 'passphrases falsely refused'],
      qualityRow('engine (full sets)', quality.engine),
      qualityRow('Entra score only (full sets)', quality.entraScoreOnly),
      qualityRow('Entra score + breached, no gate', quality.entraScoreAndBreached),
      qualityRow('engine (zxcvbn subset)', quality.engineOnZxcvbnSubset),
      qualityRow('zxcvbn-ts score >= 3', quality.zxcvbn3),
      qualityRow('zxcvbn-ts score >= 4', quality.zxcvbn4),
    ]),
  );
  out.push('');
  out.push(
    table([
      ['weak pattern', 'engine', 'Entra score only', 'zxcvbn>=3', 'zxcvbn>=4'],
      ...Object.entries(quality.weakByPattern).map(([pattern, row]) => [pattern, pct(row.engine), pct(row.entraOnly), pct(row.zxcvbn3), pct(row.zxcvbn4)]),
    ]),
  );
  out.push('');
  if (submit !== null) out.push(...submitLines(submit, targets), '');
  out.push(table([['target', 'result'], ...Object.entries(targets).map(([name, ok]) => [name, mark(ok)])]));
  out.push(`load average during the run: ${result.loadAverage.map((value) => value.toFixed(2)).join(', ')} (1, 5, 15 min, at the end)`);
  if (result.sharedStore !== null) out.push('', ...sharedStoreLines(result.sharedStore));
  if (result.directories !== null) out.push('', ...directoryLines(result.directories));
  process.stdout.write(`${out.join('\n')}\n`);
}

/** Issue 8: the submit path through the password history at 1, 25 and 200 earlier passwords, beside the way before it. */
function submitLines(submit: SubmitResult, targets: Record<string, boolean>): string[] {
  const argon2 = (row: SubmitRow) =>
    [
      row.argon2.verify > 0 ? `${row.argon2.verify} verify` : '',
      row.argon2.derive > 0 ? `${row.argon2.derive} derive` : '',
      row.argon2.hash > 0 ? `${row.argon2.hash} hash` : '',
    ]
      .filter((part) => part !== '')
      .join(' + ');
  const line = (name: string, row: SubmitRow) => [
    name,
    String(row.earlier),
    String(row.storedHashes),
    String(row.historyEntries),
    argon2(row),
    String(row.runs),
    ms(row.p50Ms),
    ms(row.p95Ms),
    ms(row.floorMs),
    `${(row.p95Ms / row.floorMs).toFixed(2)}x`,
  ];
  const first = submit.rows[0] as SubmitRow;
  const last = submit.rows.at(-1) as SubmitRow;
  return [
    table([
      ['submit path (judge + new password\'s argon2)', 'earlier', 'stored hashes', 'history entries', 'argon2 per submit', 'runs', 'p50', 'p95', 'floor', 'p95 / floor'],
      ...submit.rows.map((row) => line('with the password history', row)),
      line('before the password history', submit.before),
    ]),
    `p95 at ${last.earlier} / p95 at ${first.earlier} earlier passwords: ${ratio(last.p95Ms / first.p95Ms)} (target at most 1.20x: ${mark(targets['historyP95At200Within1_2xAt1'])}); ` +
      `the history rows are timed in turn, run by run, so load falls on each alike`,
    `floor = ceil(verifies / ${submit.cores} cores) x ${ms(submit.verifyMs)} verify + derivations x ${ms(submit.deriveMs)} derive + ${ms(submit.hashMs)} hash ` +
      `(argon2id m=19456 KiB, t=2, p=1); load average ${submit.loadAverage.before.toFixed(1)} before / ${submit.loadAverage.after.toFixed(1)} after`,
    `"before" is the figure earlier reports gave (25 stored hashes, every one verified); with the history a submit derives the candidate once ` +
      `for the reuse check and the new password once for its history entry, whatever the number of earlier passwords`,
  ];
}

const count = (value: number) => Math.round(value).toLocaleString('en');
const ratio = (value: number) => `${value.toFixed(2)}x`;

function storeRows(name: string, plural: string, row: StoreComparison): string[][] {
  const setups = [row.sqlite1, row.postgres1, row.postgres4];
  const contended = row.postgres4OneAccount;
  const retries = (setup: StoreThroughput) => `${count(setup.retries)} / ${count(setup.gaveUp)}`;
  return [
    [`${plural} per second`, ...setups.map((setup) => count(setup.perSecond)), ratio(row.postgres4VsSqlite1), count(contended.perSecond)],
    [`${name} p95`, ...setups.map((setup) => ms(setup.p95Ms)), '', ms(contended.p95Ms)],
    [`${name} retries / gave up`, ...setups.map(retries), '', retries(contended)],
  ];
}

/** Issue 7's shared-store part: measurements beside the SQLite baseline, no targets. */
function sharedStoreLines(shared: SharedStoreResult): string[] {
  if ('unavailable' in shared) return [`shared store: not measured (${shared.unavailable})`];
  const { codeChecks, throttleUpdates, fullReset, processes } = shared;
  return [
    table([
      ['shared store (measured, no targets)', 'SQLite, 1 process (baseline)', 'PostgreSQL, 1 process', `PostgreSQL, ${processes} processes`, `PG ${processes} / SQLite 1`, `PostgreSQL, ${processes} processes, one account`],
      ...storeRows('code check', 'code checks', codeChecks),
      ...storeRows('throttle update', 'throttle updates', throttleUpdates),
    ]),
    `each setup: ${shared.warmupMs / 1000} s warm-up, then ${shared.durationMs / 1000} s measured; per second = sum over its processes; p95 over all their operations, ` +
      `retries included; PostgreSQL ${shared.postgresVersion} (throwaway cluster, fsync off) and SQLite (WAL, synchronous=NORMAL) both in ${shared.storageDir}; ${shared.cores} cores, ` +
      `load average ${shared.loadAverage.before.toFixed(1)} before / ${shared.loadAverage.after.toFixed(1)} after`,
    '',
    table([
      ['full reset through the router', 'SQLite (baseline)', 'PostgreSQL', 'PostgreSQL / SQLite'],
      ['p50', ms(fullReset.sqlite.p50Ms), ms(fullReset.postgres.p50Ms), ratio(fullReset.postgresVsSqliteP50)],
      ['p95', ms(fullReset.sqlite.p95Ms), ms(fullReset.postgres.p95Ms), ratio(fullReset.postgres.p95Ms / fullReset.sqlite.p95Ms)],
    ]),
    `${fullReset.runs} runs each, one kiosk: begin -> choose email -> code mail arrives -> verify -> set password (argon2: the reuse check, the new password's history entry and its hash)`,
  ];
}

/** Issue 11: one full reset through each directory, beside the embedded one (measurements, no targets). */
function directoryLines(directories: DirectoryResetMeasured): string[] {
  const { sqlite } = directories;
  const column = (times: DirectoryResetTimes, of: 'p50Ms' | 'p95Ms') => ('unavailable' in times ? 'not measured' : ms(times[of]));
  const versus = (times: DirectoryResetTimes, of: 'p50Ms' | 'p95Ms') => ('unavailable' in times ? '' : ratio(times[of] / sqlite[of]));
  const lines = [
    table([
      ['full reset by directory', 'embedded (SQLite, baseline)', 'OpenLDAP (slapd)', 'LDAP / embedded', 'Active Directory (Samba)', 'AD / embedded'],
      ...(['p50Ms', 'p95Ms'] as const).map((of) => [
        of.slice(0, 3),
        ms(sqlite[of]),
        column(directories.ldap, of),
        versus(directories.ldap, of),
        column(directories.activeDirectory, of),
        versus(directories.activeDirectory, of),
      ]),
    ]),
    `${directories.runs} runs each, one kiosk on a SQLite store: the same steps as above; the directory's own lookups, password write (LDAP: Password Modify; AD: unicodePwd) and lock reset on loopback`,
  ];
  for (const [name, times] of [['OpenLDAP', directories.ldap], ['Active Directory', directories.activeDirectory]] as const) {
    if ('unavailable' in times) lines.push(`${name}: not measured (${times.unavailable})`);
  }
  return lines;
}
