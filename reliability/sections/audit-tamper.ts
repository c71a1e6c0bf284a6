import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { codeIn } from '../../test/support/core-kiosk.js';
import { createRecordingEmailSender } from '../../test/support/recording-email.js';
import { createTestClock } from '../../test/support/test-clock.js';
import { figure, type Figure, type SectionOptions } from '../figure.js';
import { startKioskUnderTest, type KioskUnderTest } from '../kiosk-under-test.js';

const section = 'audit tamper';
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const kioskId = 'tamper-kiosk-1';
const newPassword = 'Nt4kRw8pZm2xCv';

interface AuditRecord {
  id: number;
  seq: number;
  event: string;
  outcome: string;
}

interface Tampering {
  name: string;
  /** Changes the copy of the database; says what the verifier must name. */
  apply(db: BetterSqlite3.Database, records: AuditRecord[]): Expected;
}

interface Expected {
  what: string;
  kind: 'edited' | 'deleted' | 'reordered' | 'truncated';
  recordId?: number;
  /** Words the report's message must contain (e.g. the missing number). */
  mentions?: string;
}

interface VerifyRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  report: { ok?: boolean; records?: number; problem?: { kind?: string; recordId?: number; message?: string } | null } | null;
}

/** A few people's journeys through the real kiosk, so the trail holds the records a real day does. */
async function journeys(k: KioskUnderTest, mail: ReturnType<typeof createRecordingEmailSender>, options: SectionOptions): Promise<void> {
  const { t } = k;
  const length = t.kiosk.config.codes.length;
  const lastCode = async () => {
    await t.kiosk.settled();
    const code = codeIn(mail.sent.at(-1)!.text, length);
    options.recorder.secret('code', code);
    return code;
  };
  // Someone resets their password from start to finish.
  await k.call('journey:begin', { purpose: 'reset', username: 'amira.khan' });
  await k.call('code:choose', { method: 'email' });
  const code = await lastCode();
  await k.call('code:verify', { code: code === '00000000' ? '00000001' : '00000000' });
  await k.call('code:verify', { code });
  options.recorder.secret('password', newPassword);
  await k.call('password:set', { password: newPassword, confirmation: newPassword });
  await t.kiosk.settled();
  await k.call('session:startOver', {});
  t.clock.advance({ minutes: 3 });
  // A stranger tries a name that does not exist and guesses a code.
  await k.call('journey:begin', { purpose: 'reset', username: 'nobody.here' });
  await k.call('code:choose', { method: 'email' });
  await t.kiosk.settled();
  await k.call('code:verify', { code: '12345678' });
  await k.call('session:startOver', {});
  t.clock.advance({ minutes: 2 });
  // Someone asks twice, mistypes, and gives up.
  await k.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' });
  await k.call('code:choose', { method: 'email' });
  await lastCode();
  await k.call('code:resend', {});
  await lastCode();
  await k.call('code:verify', { code: '87654321' });
  await k.call('session:startOver', {});
  t.clock.advance({ minutes: 5 });
  // Someone unregistered starts, then walks away.
  await k.call('journey:begin', { purpose: 'reset', username: 'chloe.martin' });
  await k.call('session:startOver', {});
  await t.kiosk.settled();
}

const middle = (records: AuditRecord[], fraction: number) => records[Math.max(1, Math.min(records.length - 3, Math.floor(records.length * fraction)))]!;

const tamperings: Tampering[] = [
  {
    name: 'one record edited (field changed)',
    apply(db, records) {
      // A refused code made to look accepted: the record a cover-up would change.
      const target = records.find((record) => record.event === 'reset.code_checked' && record.outcome === 'refused') ?? middle(records, 0.5);
      db.prepare("update audit_log set outcome = 'ok' where id = ?").run(target.id);
      return { what: `record ${target.id} (${target.event}) outcome ${target.outcome} -> ok`, kind: 'edited', recordId: target.id };
    },
  },
  {
    name: 'one record deleted',
    apply(db, records) {
      const target = middle(records, 0.5);
      const next = records[records.indexOf(target) + 1]!;
      db.prepare('delete from audit_log where id = ?').run(target.id);
      return { what: `record ${target.id} (number ${target.seq}) deleted`, kind: 'deleted', recordId: next.id, mentions: `number ${target.seq} is missing` };
    },
  },
  {
    name: 'two records reordered (ids swapped)',
    apply(db, records) {
      const first = middle(records, 0.33);
      const second = records[records.indexOf(first) + 1]!;
      const swap = db.transaction(() => {
        db.prepare('update audit_log set id = ? where id = ?').run(1_000_000, first.id);
        db.prepare('update audit_log set id = ? where id = ?').run(first.id, second.id);
        db.prepare('update audit_log set id = ? where id = ?').run(second.id, 1_000_000);
      });
      swap();
      // The walk meets the later record first, in the earlier one's place.
      return { what: `records ${first.id} and ${second.id} swapped`, kind: 'reordered', recordId: first.id };
    },
  },
  {
    name: 'newest record removed (truncation)',
    apply(db, records) {
      const newest = records.at(-1)!;
      db.prepare('delete from audit_log where id = ?').run(newest.id);
      return { what: `newest record ${newest.id} (number ${newest.seq}) removed`, kind: 'truncated', mentions: kioskId };
    },
  },
];

/** The admin command exactly as the desk runs it, in its own process. */
function runVerify(configFile: string): Promise<VerifyRun> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'tools/admin.ts', 'audit', 'verify', '--config', configFile],
      { cwd: repoRoot, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        let report: VerifyRun['report'] = null;
        try {
          report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as VerifyRun['report'];
        } catch {
          report = null;
        }
        resolve({ exitCode, stdout, stderr, report });
      },
    );
  });
}

/** A copy of the kiosk's database (and its key check rows) with the kiosk's configuration pointing at it. */
function deploymentCopy(folder: string, name: string, databaseFile: string, keyFile: string): { configFile: string; databaseFile: string } {
  const dir = path.join(folder, name);
  mkdirSync(dir, { recursive: true });
  const copy = path.join(dir, 'kiosk.db');
  copyFileSync(databaseFile, copy);
  for (const suffix of ['-wal', '-shm']) if (existsSync(`${databaseFile}${suffix}`)) copyFileSync(`${databaseFile}${suffix}`, `${copy}${suffix}`);
  const configFile = path.join(dir, 'kiosk.json');
  const config = {
    demo: false,
    kiosk: { id: kioskId, location: 'Reliability suite' },
    branding: { organisationName: 'Northfield University', serviceDesk: { name: 'IT Service Desk' } },
    store: { kind: 'sqlite', path: 'kiosk.db' },
    secrets: { keyFile },
    mail: { from: 'IT Services <it-services@northfield.example>', smtp: { host: 'smtp.northfield.example', port: 587 } },
    audit: { exportDir: 'audit-export' },
  };
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  return { configFile, databaseFile: copy };
}

function auditRecords(file: string): AuditRecord[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare('select id, seq, event, outcome from audit_log order by id').all() as AuditRecord[];
  } finally {
    db.close();
  }
}

function verdictOf(run: VerifyRun, expected: Expected): { found: boolean; said: string } {
  const problem = run.report?.problem ?? null;
  const said = problem === null ? `exit ${run.exitCode}, no problem reported` : `exit ${run.exitCode}, ${problem.kind}${problem.recordId === undefined ? '' : ` at record ${problem.recordId}`}`;
  const found =
    run.exitCode === 1 &&
    run.report?.ok === false &&
    problem?.kind === expected.kind &&
    (expected.recordId === undefined || problem.recordId === expected.recordId) &&
    (expected.mentions === undefined || (problem.message ?? '').includes(expected.mentions));
  return { found, said };
}

export async function auditTamperSection(options: SectionOptions): Promise<Figure[]> {
  const started = Date.now();
  const folder = mkdtempSync(path.join(tmpdir(), 'sspr-reliability-audit-'));
  try {
    options.progress('audit tamper: a few journeys on a persistent kiosk with a deployment key file...');
    const keyFile = path.join(folder, 'deployment.key');
    const mail = createRecordingEmailSender();
    const k = await startKioskUnderTest({
      dataDir: path.join(folder, 'kiosk'),
      recorder: options.recorder,
      email: mail.sender,
      persistent: true,
      clock: createTestClock(),
      configure: (config) => ({ ...config, kiosk: { ...config.kiosk, id: kioskId }, secrets: { keyFile } }),
    });
    const store = k.t.kiosk.config.store;
    if (store.kind !== 'sqlite') throw new Error('audit tamper: expected a SQLite kiosk');
    await journeys(k, mail, options);
    await k.finish();
    if (!existsSync(keyFile)) throw new Error(`audit tamper: the kiosk did not keep its key in ${keyFile}`);

    const records = auditRecords(store.path);
    options.progress(`audit tamper: ${records.length} audit records; running "admin audit verify" on the untouched copy and ${tamperings.length} tampered ones...`);
    const figures: Figure[] = [];
    const clean = deploymentCopy(folder, 'untouched', store.path, keyFile);
    const tampered = tamperings.map((tampering, index) => {
      const copy = deploymentCopy(folder, `tampered-${index}`, store.path, keyFile);
      const db = new BetterSqlite3(copy.databaseFile);
      try {
        return { tampering, copy, expected: tampering.apply(db, records) };
      } finally {
        db.close();
      }
    });
    // One process per copy, side by side: each is the desk's command from start to finish.
    const [cleanRun, ...tamperedRuns] = await Promise.all([clean, ...tampered.map((item) => item.copy)].map((copy) => runVerify(copy.configFile)));
    for (const run of [cleanRun!, ...tamperedRuns]) recordRun(options, run);
    const cleanOk = cleanRun!.exitCode === 0 && cleanRun!.report?.ok === true && cleanRun!.report.records === records.length;
    figures.push(
      figure(
        section,
        `untouched database (${records.length} records from 4 journeys)`,
        cleanRun!.report === null ? `exit ${cleanRun!.exitCode}, no report` : `exit ${cleanRun!.exitCode}, ok ${String(cleanRun!.report.ok)}, ${cleanRun!.report.records} records`,
        'exit 0, ok',
        cleanOk,
        cleanOk ? undefined : firstLine(cleanRun!.stderr),
      ),
    );

    let found = 0;
    for (const [index, { tampering, expected }] of tampered.entries()) {
      const run = tamperedRuns[index]!;
      const verdict = verdictOf(run, expected);
      if (verdict.found) found += 1;
      const due = `exit 1, ${expected.kind}${expected.recordId === undefined ? '' : ` at record ${expected.recordId}`}`;
      figures.push(
        figure(section, tampering.name, verdict.said, due, verdict.found, `${expected.what}; the command said: ${run.report?.problem?.message ?? firstLine(run.stderr)}`),
      );
    }
    figures.push(
      figure(section, 'tamperings found by the admin command (and the untouched copy clean)', `${found} of ${tamperings.length}${cleanOk ? ', clean copy ok' : ', clean copy NOT ok'}`, `${tamperings.length} of ${tamperings.length}, clean copy ok`, found === tamperings.length && cleanOk),
      figure(section, 'wall time', `${Math.round((Date.now() - started) / 100) / 10} s`, null, null, 'npx tsx tools/admin.ts audit verify --config FILE, one process per copy, the five side by side'),
    );
    return figures;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function recordRun(options: SectionOptions, run: VerifyRun): void {
  if (run.stdout !== '') options.recorder.seen('log', run.stdout);
  if (run.stderr !== '') options.recorder.seen('log', run.stderr);
}

const firstLine = (text: string) => text.trim().split('\n')[0]?.slice(0, 200) ?? '';
