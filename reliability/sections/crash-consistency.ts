import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import argon2 from 'argon2';
import BetterSqlite3 from 'better-sqlite3';
import { demoDatabaseFile } from '../../electron/core/config/demo-config.js';
import { createSeededRandom } from '../../test/support/seeded-random.js';
import type { ChildReport } from '../children/child-io.js';
import { loopAccounts, noticeRecipients, parseJournal, passwordFor, seedHistory, seedPassword, type JournalEntry } from '../children/reset-loop-plan.js';
import { recordChildReports, spawnChild, type ChildHandle } from '../children/spawn-child.js';
import { auditChainOf, integrityOf, recordDatabase, withDatabaseFile } from '../database-checks.js';
import { figure, type Figure, type SectionOptions, type TranscriptRecorder } from '../figure.js';

const section = 'crash consistency';

/**
 * Where a kill lands: while the kiosk starts (opening, migrating, start-up recovery), in the first
 * steps of a walk-up, inside a password change (after the journal's "about"), soon after the change's
 * intent row appeared, or just after the directory took the new password while the intent is still
 * pending (the parent watches the database for these two: the writes worth interrupting take a few
 * milliseconds that random timing rarely hits), or anywhere in the next few resets.
 */
export const killMoments = ['start-up', 'first steps', 'inside a change', 'after the intent', 'after the directory write', 'anywhere'] as const;
export type KillMoment = (typeof killMoments)[number];
const momentWeights: Record<KillMoment, number> = {
  'start-up': 15,
  'first steps': 10,
  'inside a change': 25,
  'after the intent': 20,
  'after the directory write': 15,
  anywhere: 15,
};

export interface CrashLoopResult {
  kills: number;
  moments: Record<KillMoment, number>;
  /** Kills that found no database yet (the first start had not created it). */
  beforeDatabase: number;
  integrityFailures: number;
  neitherOldNorNew: number;
  /** Changes the directory made (history rows) that the journal and the checks after each kill do not explain. */
  unaccounted: number;
  /** Changed passwords lacking their reset.password_set row or a notice after the next start. */
  missingRecords: number;
  /** More than one audit row, or more notices than addresses, for one change. */
  duplicateRecords: number;
  pendingAfterStart: number;
  chainProblems: number;
  startFailures: number;
  childCrashes: number;
  resetsCompleted: number;
  /** Kills that landed after "about" and before "done": the change was in flight. */
  inFlight: { kills: number; changed: number; unchanged: number };
  /** Where in the change the in-flight kills landed, told from the intent row and the stored hash. */
  stages: Record<ChangeStage, number>;
  recovered: { completed: number; abandoned: number };
  unexpectedOutcomes: number;
  postStartChecks: number;
  seconds: number;
  problems: string[];
}

/** The steps of a password change (reset/password-change.ts) a kill can fall between. */
const changeStages = ['before the intent was written', 'intent written, directory not', 'directory written, records not', 'records written, Done not shown'] as const;
type ChangeStage = (typeof changeStages)[number];

interface AccountModel {
  /** The password number the account holds (-1: the seed's), as last verified. */
  current: number;
  /** Changes that happened, by the journal and the checks after each kill. */
  changes: number;
}

const passwordOf = (username: string, n: number) => (n < 0 ? seedPassword(username) : passwordFor(n));

/**
 * The crash loop: a child kiosk resets passwords through the router; this process SIGKILLs it at a
 * random moment, checks the database as the kill left it, and starts it again on the same files.
 * After each start (whose recovery has run) and before the child goes on, every change so far must
 * have its audit row and notices.
 */
export async function runCrashLoop(options: {
  kills: number;
  folder: string;
  recorder: TranscriptRecorder;
  progress: (line: string) => void;
  seed?: number;
  /** Kill moments in this order (repeated) instead of drawn at random. */
  schedule?: readonly KillMoment[];
}): Promise<CrashLoopResult> {
  const started = Date.now();
  const dataDir = path.join(options.folder, 'kiosk');
  const journalPath = path.join(options.folder, 'journal');
  const file = path.join(dataDir, demoDatabaseFile);
  const random = createSeededRandom(options.seed ?? 20260302);
  const model = new Map<string, AccountModel>(loopAccounts.map((username) => [username, { current: -1, changes: 0 }]));
  const result: CrashLoopResult = {
    kills: 0,
    moments: { 'start-up': 0, 'first steps': 0, 'inside a change': 0, 'after the intent': 0, 'after the directory write': 0, anywhere: 0 },
    beforeDatabase: 0,
    integrityFailures: 0,
    neitherOldNorNew: 0,
    unaccounted: 0,
    missingRecords: 0,
    duplicateRecords: 0,
    pendingAfterStart: 0,
    chainProblems: 0,
    startFailures: 0,
    childCrashes: 0,
    resetsCompleted: 0,
    inFlight: { kills: 0, changed: 0, unchanged: 0 },
    stages: { 'before the intent was written': 0, 'intent written, directory not': 0, 'directory written, records not': 0, 'records written, Done not shown': 0 },
    recovered: { completed: 0, abandoned: 0 },
    unexpectedOutcomes: 0,
    postStartChecks: 0,
    seconds: 0,
    problems: [],
  };
  const problem = (text: string) => {
    if (result.problems.length < 10) result.problems.push(text);
  };
  let journalDone = 0;
  // How long the kiosk's own start and one password change take here, to aim kills inside them.
  let startMs = 300;
  let changeMs = 250;
  let cycleMs = 400;

  const pickMoment = (): KillMoment => {
    let roll = random.int(0, 100);
    for (const moment of killMoments) {
      roll -= momentWeights[moment];
      if (roll < 0) return moment;
    }
    return 'anywhere';
  };

  /** After a kill: the file is sound, and each password is the last completed one or the one in flight. */
  async function afterKill(): Promise<void> {
    const entries = existsSync(journalPath) ? parseJournal(readFileSync(journalPath, 'utf8')) : [];
    const fresh = entries.slice(journalDone);
    journalDone = entries.length;
    if (!existsSync(file)) {
      result.beforeDatabase += 1;
      if (fresh.length > 0) problem(`the database is gone, but the journal has ${fresh.length} new entries`);
      return;
    }
    const seen = withDatabaseFile(file, (db) => {
      const integrity = integrityOf(db);
      const hasAccounts = db.prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'accounts'").get() as { n: number };
      const hashes = hasAccounts.n === 0 ? [] : (db.prepare('select username, password_hash as hash from accounts').all() as { username: string; hash: string }[]);
      const pending = hasAccounts.n === 0 ? [] : (db.prepare("select username from password_changes where state = 'pending'").all() as { username: string }[]);
      return { integrity, hashes: new Map(hashes.map((row) => [row.username, row.hash])), pending: new Set(pending.map((row) => row.username)) };
    });
    if (seen.integrity !== 'ok') {
      result.integrityFailures += 1;
      problem(`integrity_check after kill ${result.kills}: ${seen.integrity.slice(0, 160)}`);
    }
    let inFlightHere = false;
    for (const [username, account] of model) {
      const mine = fresh.filter((entry: JournalEntry) => entry.username === username);
      let lastDone: number | null = null;
      let inFlight: number | null = null;
      for (const entry of mine) {
        if (entry.kind === 'about') inFlight = entry.n;
        else {
          if (entry.n === inFlight) inFlight = null;
          result.resetsCompleted += 1;
          if (entry.outcome === 'changed' || entry.outcome === 'changed_records_pending') {
            lastDone = entry.n;
            account.changes += 1;
          } else result.unexpectedOutcomes += 1;
        }
      }
      const hash = seen.hashes.get(username);
      if (hash === undefined) {
        if (mine.length > 0 || account.changes > 0) problem(`${username} is missing from the database after kill ${result.kills}`);
        continue;
      }
      const expected = lastDone ?? account.current;
      if (inFlight !== null) inFlightHere = true;
      const intent = seen.pending.has(username);
      if (await argon2.verify(hash, passwordOf(username, expected))) {
        account.current = expected;
        if (inFlight !== null) {
          result.inFlight.unchanged += 1;
          result.stages[intent ? 'intent written, directory not' : 'before the intent was written'] += 1;
        }
      } else if (inFlight !== null && (await argon2.verify(hash, passwordOf(username, inFlight)))) {
        account.current = inFlight;
        account.changes += 1;
        result.inFlight.changed += 1;
        result.stages[intent ? 'directory written, records not' : 'records written, Done not shown'] += 1;
      } else {
        result.neitherOldNorNew += 1;
        problem(`after kill ${result.kills}, ${username}'s password is neither #${expected} nor ${inFlight === null ? 'one in flight' : `#${inFlight}`}`);
      }
    }
    if (inFlightHere) result.inFlight.kills += 1;
  }

  /** After a start (recovery done) and before the child goes on: every change has its records. */
  async function afterStart(): Promise<void> {
    result.postStartChecks += 1;
    const seen = withDatabaseFile(file, (db: BetterSqlite3.Database) => {
      const count = (query: string, ...values: unknown[]) => (db.prepare(query).get(...values) as { n: number }).n;
      const pending = count("select count(*) as n from password_changes where state = 'pending'");
      const perAccount = loopAccounts.map((username) => {
        const id = (db.prepare('select id from accounts where username = ?').get(username) as { id: number }).id;
        return {
          username,
          history: count('select count(*) as n from password_history where account_id = ?', id),
          audited: count("select count(*) as n from audit_log where event = 'reset.password_set' and username = ?", username),
          notices: count("select count(*) as n from outbox where kind = 'password_reset' and json_extract(payload, '$.username') = ?", username),
        };
      });
      return { pending, perAccount };
    });
    result.pendingAfterStart += seen.pending;
    if (seen.pending > 0) problem(`${seen.pending} change(s) still pending after start ${result.postStartChecks}`);
    for (const row of seen.perAccount) {
      const account = model.get(row.username)!;
      const changes = row.history - seedHistory(row.username);
      if (changes !== account.changes) {
        result.unaccounted += Math.abs(changes - account.changes);
        problem(`${row.username}: ${changes} changes in the directory, ${account.changes} by the journal`);
      }
      const recipients = noticeRecipients(row.username);
      const missingAudit = Math.max(0, changes - row.audited);
      const missingNotices = Math.max(0, changes * recipients - row.notices);
      const missing = Math.max(missingAudit, Math.ceil(missingNotices / Math.max(1, recipients)));
      const extra = Math.max(0, row.audited - changes) + Math.max(0, row.notices - changes * recipients);
      result.missingRecords += missing;
      result.duplicateRecords += extra;
      if (missing + extra > 0) problem(`${row.username}: ${changes} changes, ${row.audited} password_set rows, ${row.notices} notices after start ${result.postStartChecks}`);
    }
    const chain = await auditChainOf(file);
    if (!chain.ok) {
      result.chainProblems += 1;
      problem(`audit chain: ${chain.problem?.message ?? 'broken'}`);
    }
  }

  /** Waits for the child's kiosk to start; a start that fails is counted, never thrown. */
  async function waitForReady(child: ChildHandle): Promise<boolean> {
    try {
      await child.waitFor((message) => message.t === 'starting');
      await child.waitFor((message) => message.t === 'ready');
      return true;
    } catch (error) {
      result.startFailures += 1;
      problem(`a start failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  /** How long the kiosk's own start and a password change took in this child, to aim later kills inside them. */
  function learnTimings(child: ChildHandle): void {
    const { reports, arrivedAt } = child;
    const startingAt = reports.findIndex((message) => message.t === 'starting');
    const readyAt = reports.findIndex((message) => message.t === 'ready');
    if (startingAt >= 0 && readyAt > startingAt) startMs = (startMs + arrivedAt[readyAt]! - arrivedAt[startingAt]!) / 2;
    reports.forEach((message, index) => {
      if (message.t !== 'about') return;
      const done = reports.findIndex((later, at) => at > index && later.t === 'done');
      if (done > 0) changeMs = (changeMs + arrivedAt[done]! - arrivedAt[index]!) / 2;
      const next = reports.findIndex((later, at) => at > index && later.t === 'about');
      if (next > 0) cycleMs = (cycleMs + arrivedAt[next]! - arrivedAt[index]!) / 2;
    });
  }

  /** Lets the child run until the chosen moment. Returns false when its start failed (nothing to kill). */
  async function runUntil(child: ChildHandle, moment: KillMoment): Promise<boolean> {
    if (moment === 'start-up') {
      await child.waitFor((message) => message.t === 'starting');
      const ready = child.waitFor((message) => message.t === 'ready').then(
        () => true,
        () => false,
      );
      const finished = await Promise.race([ready, sleep(random.int(0, Math.ceil(startMs * 1.2) + 1)).then(() => false)]);
      // The start won the race: check it like any other, then kill the idle kiosk.
      if (finished) await afterStart();
      return true;
    }
    if (!(await waitForReady(child))) return false;
    await afterStart();
    const from = child.reports.length;
    child.send('go');
    if (moment === 'first steps') await sleep(random.int(0, 400));
    else if (moment === 'anywhere') await sleep(random.int(0, Math.ceil(cycleMs * 3)));
    else {
      const nth = random.int(1, 4);
      let seen = 0;
      await child.waitFor((message) => message.t === 'about' && (seen += 1) === nth, { from });
      // Mostly late in the change: the argon2 work comes first, the writes worth interrupting last.
      if (moment === 'inside a change') await sleep(random.int(Math.floor(changeMs * 0.3), Math.ceil(changeMs * 1.1) + 1));
      else if (moment === 'after the intent') {
        if (await appears(child, pendingIntent)) await sleep(random.int(0, Math.ceil(changeMs * 0.5) + 1));
      } else await appears(child, changedButPending);
    }
    return true;
  }

  const pendingIntent = "select count(*) as n from password_changes where state = 'pending'";
  const changedButPending =
    "select count(*) as n from password_changes c join accounts a on a.id = c.account_id where c.state = 'pending' and a.password_changed_at >= c.started_at";
  /**
   * Watches the database (a read-only connection of its own: WAL readers never block the writer) until
   * `query` counts a row in the child's change; false when the change ended first.
   */
  async function appears(child: ChildHandle, query: string): Promise<boolean> {
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      const statement = db.prepare(query);
      const deadline = Date.now() + 5000;
      const doneBefore = child.reports.filter((message) => message.t === 'done').length;
      while (Date.now() < deadline) {
        if ((statement.get() as { n: number }).n > 0) return true;
        if (child.reports.filter((message) => message.t === 'done').length > doneBefore) return false;
        await sleep(1);
      }
      return false;
    } finally {
      db.close();
    }
  }

  const allReports: ChildReport[][] = [];
  for (let kill = 1; kill <= options.kills; kill += 1) {
    const moment = options.schedule === undefined ? pickMoment() : options.schedule[(kill - 1) % options.schedule.length]!;
    const child = spawnChild('reset-loop.ts', [dataDir, journalPath]);
    allReports.push(child.reports);
    let killed = false;
    const exitedByItself = child.exited.then(() => !killed);
    let started = true;
    try {
      started = await runUntil(child, moment);
    } catch (error) {
      problem(`kill ${kill}: ${error instanceof Error ? error.message : String(error)}`);
    }
    killed = true;
    await child.kill();
    const crash = child.reports.find((message) => message.t === 'crash');
    if ((await exitedByItself) || crash !== undefined) {
      result.childCrashes += 1;
      problem(`the child exited by itself: ${crash?.t === 'crash' ? crash.error : child.stderr().trim().split('\n').slice(-2).join(' | ')}`);
    }
    learnTimings(child);
    result.kills += 1;
    result.moments[moment] += 1;
    await afterKill();
    if (!started) break;
    if (kill % 10 === 0 || kill === options.kills) options.progress(`crash consistency: ${kill}/${options.kills} kills, ${result.resetsCompleted} resets completed`);
  }

  // One last start without a kill: its recovery finishes the last kill's change, then everything is checked.
  const last = spawnChild('reset-loop.ts', [dataDir, journalPath]);
  allReports.push(last.reports);
  if (await waitForReady(last)) {
    await afterStart();
    last.send('quit');
    await last.exited;
  } else await last.kill();

  if (existsSync(file)) {
    withDatabaseFile(file, (db) => {
      const details = (db.prepare("select detail from audit_log where event = 'reset.password_set'").all() as { detail: string }[]).map((row) => JSON.parse(row.detail) as { recovered?: boolean });
      result.recovered.completed = details.filter((detail) => detail.recovered === true).length;
      result.recovered.abandoned = (db.prepare("select count(*) as n from audit_log where event = 'reset.password_not_set'").get() as { n: number }).n;
    });
  }
  for (const reports of allReports) recordChildReports(reports, options.recorder);
  recordDatabase(file, options.recorder);
  const attempts = existsSync(journalPath) ? parseJournal(readFileSync(journalPath, 'utf8')).filter((entry) => entry.kind === 'about').length : 0;
  for (let n = 0; n <= attempts; n += 1) options.recorder.secret('password', passwordFor(n));
  for (const username of loopAccounts) options.recorder.secret('password', seedPassword(username));
  result.seconds = Math.round((Date.now() - started) / 1000);
  return result;
}

export async function crashConsistencySection(options: SectionOptions): Promise<Figure[]> {
  const kills = options.quick ? 25 : 200;
  const folder = mkdtempSync(path.join(tmpdir(), 'sspr-reliability-crash-'));
  try {
    options.progress(`crash consistency: ${kills} SIGKILLs of a kiosk child resetting passwords...`);
    const r = await runCrashLoop({ kills, folder, recorder: options.recorder, progress: options.progress });
    const zero = (name: string, value: number, note?: string) => figure(section, name, value, '0', value === 0, note);
    const moments = killMoments.map((moment) => `${moment} ${r.moments[moment]}`).join(', ');
    return [
      figure(
        section,
        'SIGKILLs at random moments, each followed by a restart on the same files',
        r.kills,
        `>= ${kills}`,
        r.kills >= kills,
        `${moments}; ${r.seconds} s${r.problems.length === 0 ? '' : `; first problems: ${r.problems.slice(0, 5).join('; ')}`}`,
      ),
      zero('integrity_check failures after a kill', r.integrityFailures),
      zero('passwords neither the last completed one nor the one being set', r.neitherOldNorNew),
      zero('password changes in the database the journal cannot account for', r.unaccounted),
      zero('changed passwords missing their audit row or notice after the next start', r.missingRecords),
      zero('duplicate audit rows or notices', r.duplicateRecords),
      zero('changes still pending after start-up recovery', r.pendingAfterStart),
      zero('audit chain problems', r.chainProblems),
      zero('starts that failed after a kill', r.startFailures),
      zero('child crashes (exits the parent did not cause)', r.childCrashes),
      figure(section, 'resets completed (Done shown)', r.resetsCompleted, null, null),
      figure(
        section,
        'kills inside a password change, between journal "about" and "done" (changed / not changed)',
        `${r.inFlight.kills} (${r.inFlight.changed} / ${r.inFlight.unchanged})`,
        null,
        null,
        `${changeStages.map((stage) => `${stage}: ${r.stages[stage]}`).join(', ')}; start-up recovery finished ${r.recovered.completed} half-done change(s) (reset.password_set with recovered: true) and closed ${r.recovered.abandoned} that never happened (reset.password_not_set)`,
      ),
      figure(section, 'start-up checks of audit rows and notices', r.postStartChecks, null, null),
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
