import argon2 from 'argon2';
import { createRecordingEmailSender } from '../../../test/support/recording-email.js';
import type { ChildReport } from '../../children/child-io.js';
import { committedReset, crashLoopConfig, limitedPeople, passwordFor, realClock, seedPassword } from '../../children/reset-loop-plan.js';
import { recordChildReports, spawnChild } from '../../children/spawn-child.js';
import { changeRecordsOf } from '../../change-records.js';
import { auditChainOf, integrityOf, recordDatabase, withDatabaseFile } from '../../database-checks.js';
import type { SectionOptions } from '../../figure.js';
import { startKioskUnderTest, type KioskUnderTest } from '../../kiosk-under-test.js';
import { databaseOf, resetByEmail } from './reset-steps.js';

export interface LimitedRun {
  /** The first step the fault showed in: a refused step, or a Done that was not a plain "changed". */
  firstFailure: string | null;
  answers: { ok: number; typed: Record<string, number>; bad: string[] };
  outcomes: Record<string, number>;
  writesFailed: boolean;
  crashed: string | null;
  integrity: string;
  lost: string[];
  neitherOldNorNew: string[];
  missingRecords: string[];
  restartFailures: string[];
}

/**
 * One run of limited-kiosk.ts: it completes a reset, then `takeRoom` takes the room away (returning
 * how to give it back) and the child walks people through resets until writes have failed for a
 * while. Then, with room again: the file is sound, what was committed is there, every password is one
 * that was set, and a restarted kiosk finishes the records of every change and works.
 */
export async function limitedRun(
  options: SectionOptions,
  dataDir: string,
  takeRoom: (pid: number, file: string) => () => void,
): Promise<LimitedRun> {
  const file = databaseOf(dataDir);
  const child = spawnChild('limited-kiosk.ts', [dataDir, '24']);
  const run: LimitedRun = {
    firstFailure: null,
    answers: { ok: 0, typed: {}, bad: [] },
    outcomes: {},
    writesFailed: false,
    crashed: null,
    integrity: 'not checked',
    lost: [],
    neitherOldNorNew: [],
    missingRecords: [],
    restartFailures: [],
  };
  let giveBack: (() => void) | null = null;
  let snapshot: { id: number; hash: string }[] = [];
  try {
    await child.waitFor((message) => message.t === 'ready', { timeoutMs: 120_000 });
    snapshot = withDatabaseFile(file, (db) => db.prepare('select id, hash from audit_log order by id').all() as { id: number; hash: string }[]);
    const from = child.reports.length;
    giveBack = takeRoom(child.pid, file);
    child.send('go');
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([child.exited.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 120_000)))]);
    clearTimeout(timer);
    if (!ended) {
      run.crashed = 'the child stopped answering for 2 minutes';
      await child.kill();
    }
    const exit = await child.exited;
    if (exit.code !== 0) run.crashed = `exit ${exit.code ?? exit.signal}: ${child.stderr().trim().split('\n').slice(-2).join(' | ')}`;
    for (const message of child.reports.slice(from)) {
      if (message.t === 'crash') run.crashed = message.error;
      if (message.t === 'done') {
        run.outcomes[message.outcome] = (run.outcomes[message.outcome] ?? 0) + 1;
        if (message.outcome !== 'changed') run.firstFailure ??= `Done: ${message.outcome}`;
      }
      if (message.t !== 'answer') continue;
      if (!message.result.ok) run.firstFailure ??= message.channel;
      if (message.result.ok) run.answers.ok += 1;
      else if (message.result.error.code === 'UNAVAILABLE' || message.result.error.code === 'BUSY') {
        run.answers.typed[message.result.error.code] = (run.answers.typed[message.result.error.code] ?? 0) + 1;
        run.writesFailed = true;
      } else run.answers.bad.push(`${message.channel} ${message.result.error.code}`);
    }
    // A refused Done (changed but records pending, or not changed) is the kiosk noticing the fault too.
    if ((run.outcomes.changed_records_pending ?? 0) + (run.outcomes.not_changed ?? 0) > 0) run.writesFailed = true;
  } catch (error) {
    run.crashed = error instanceof Error ? error.message : String(error);
    await child.kill();
  } finally {
    giveBack?.();
  }
  recordChildReports(child.reports, options.recorder);

  // With room again: the file as the fault left it.
  const attempts = child.reports.filter((message): message is Extract<ChildReport, { t: 'about' }> => message.t === 'about');
  const dones = child.reports.filter((message): message is Extract<ChildReport, { t: 'done' }> => message.t === 'done');
  for (const message of attempts) options.recorder.secret('password', passwordFor(message.n));
  let stored: { integrity: string; hashes: Map<string, string>; audit: Map<number, string> };
  try {
    stored = withDatabaseFile(file, (db) => ({
      integrity: integrityOf(db),
      hashes: new Map((db.prepare('select username, password_hash as hash from accounts').all() as { username: string; hash: string }[]).map((row) => [row.username, row.hash])),
      audit: new Map((db.prepare('select id, hash from audit_log').all() as { id: number; hash: string }[]).map((row) => [row.id, row.hash])),
    }));
  } catch (error) {
    stored = { integrity: `cannot be read: ${error instanceof Error ? error.message : String(error)}`, hashes: new Map(), audit: new Map() };
  }
  run.integrity = stored.integrity;
  const missingRows = snapshot.filter((row) => stored.audit.get(row.id) !== row.hash).length;
  if (missingRows > 0) run.lost.push(`${missingRows} audit row(s) written before the fault`);
  const holds = async (username: string, n: number) => {
    const hash = stored.hashes.get(username);
    return hash !== undefined && (await argon2.verify(hash, n < 0 ? seedPassword(username) : passwordFor(n)));
  };
  if (!(await holds(committedReset.username, committedReset.n))) run.lost.push(`${committedReset.username}'s password from the completed reset`);
  for (const username of limitedPeople) {
    // The last change Done called a change, or one still in flight; never one Done said was not made.
    const answered = new Map(dones.filter((message) => message.username === username).map((message) => [message.n, message.outcome]));
    const last = [...answered].filter(([, outcome]) => outcome !== 'not_changed').at(-1)?.[0];
    const inFlight = attempts.filter((message) => message.username === username && !answered.has(message.n) && (last === undefined || message.n > last));
    const allowed = [last ?? -1, ...inFlight.map((message) => message.n)];
    let matched = false;
    for (const n of allowed) if (await holds(username, n)) matched = true;
    if (!matched) run.neitherOldNorNew.push(username);
  }

  // A kiosk started again on the same files: start-up recovery finishes what the fault left pending.
  const mail = createRecordingEmailSender();
  let k: KioskUnderTest | null = null;
  try {
    k = await startKioskUnderTest({ dataDir, recorder: options.recorder, email: mail.sender, persistent: true, clock: realClock, configure: crashLoopConfig });
    const records = changeRecordsOf(file);
    if (records.pending > 0) run.missingRecords.push(`${records.pending} change(s) still pending after the restart`);
    for (const row of records.accounts) {
      if (row.audited !== row.changes || row.notices !== row.changes * row.recipients) {
        run.missingRecords.push(`${row.username}: ${row.changes} change(s), ${row.audited} password_set row(s), ${row.notices} notice(s)`);
      }
    }
    const chain = await auditChainOf(file);
    if (!chain.ok) run.missingRecords.push(`audit chain: ${chain.problem?.message ?? 'broken'}`);
    // And the kiosk works again.
    const done = await resetByEmail(k, mail, options.recorder, 'ben.okafor', 950_000);
    if (!done.ok || done.value.stage !== 'done' || done.value.outcome !== 'changed') run.restartFailures.push(`a reset after the restart: ${JSON.stringify(done)}`);
  } catch (error) {
    run.restartFailures.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  } finally {
    await k?.finish();
  }
  recordDatabase(file, options.recorder);
  return run;
}
