import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readlinkSync, rmSync, statSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import argon2 from 'argon2';
import { effectivePolicy } from '../../electron/core/config/effective-policy.js';
import { demoDatabaseFile } from '../../electron/core/config/demo-config.js';
import type { KioskConfig } from '../../shared/config/config-schema.js';
import type { ChangeOutcome } from '../../shared/flow/stages.js';
import type { ErrorCode, Result } from '../../shared/ipc/result.js';
import { codeIn, startTestKiosk } from '../../test/support/core-kiosk.js';
import { createRecordingEmailSender } from '../../test/support/recording-email.js';
import { createSeededRandom } from '../../test/support/seeded-random.js';
import { doneWords, errorMessages, type MessageContext } from '../../renderer/src/messages.js';
import type { ChildReport } from '../children/child-io.js';
import {
  committedReset,
  crashLoopConfig,
  limitedPeople,
  loopAccounts,
  noticeRecipients,
  passwordFor,
  realClock,
  seedHistory,
  seedPassword,
} from '../children/reset-loop-plan.js';
import { recordChildReports, spawnChild } from '../children/spawn-child.js';
import { auditChainOf, digestOf, integrityOf, recordDatabase, withDatabaseFile } from '../database-checks.js';
import { figure, type Figure, type SectionOptions } from '../figure.js';
import { startKioskUnderTest, type KioskUnderTest } from '../kiosk-under-test.js';

const section = 'storage faults';

/** The words the kiosk's page shows for an error code, with the demo organisation's names. */
function wordsFor(config: KioskConfig) {
  const context: MessageContext = { rules: effectivePolicy(config), organisationName: config.branding.organisationName, deskName: config.branding.serviceDesk.name };
  return {
    error: (code: ErrorCode) => errorMessages[code](undefined, context),
    done: (outcome: ChangeOutcome) => {
      const words = doneWords(outcome, 'none', context.deskName);
      return `${words.heading}: ${words.lines.join(' ')}`;
    },
  };
}

const databaseOf = (dataDir: string) => path.join(dataDir, demoDatabaseFile);

function codeFrom(texts: string[], length: number): string {
  for (const text of texts) {
    try {
      return codeIn(text, length);
    } catch {
      // Not a code message (a notice): look at the next one.
    }
  }
  throw new Error('no code was sent');
}

/** The longest the event loop went without running a 5 ms timer while `work` ran: a frozen window shows here. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  try {
    const result = await work();
    stallMs = Math.max(stallMs, performance.now() - last);
    return { result, stallMs };
  } finally {
    clearInterval(ticker);
  }
}

/** Whether this process still has `file` open (Linux); null where /proc cannot tell. */
function heldOpen(file: string): boolean | null {
  if (!existsSync('/proc/self/fd')) return null;
  return readdirSync('/proc/self/fd').some((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  });
}

/**
 * Another process holds the database's write lock (a backup tool, a second kiosk process): a code
 * check and a code request must answer BUSY in words while the kiosk keeps running, and once it lets
 * go the steps work and nothing was counted for the refused attempts.
 */
async function heldByAnotherProcess(options: SectionOptions, folder: string): Promise<Figure[]> {
  const mail = createRecordingEmailSender();
  const k = await startKioskUnderTest({ dataDir: path.join(folder, 'held'), recorder: options.recorder, email: mail.sender, persistent: true });
  const { kiosk } = k.t;
  const file = databaseOf(path.join(folder, 'held'));
  const codeLength = kiosk.config.codes.length;
  const newCode = async (request: () => Promise<Result<unknown>>) => {
    const before = mail.sent.length;
    const answer = await request();
    await kiosk.settled();
    if (!answer.ok) return { answer, code: null };
    const code = codeFrom(mail.sent.slice(before).map((message) => message.text), codeLength);
    options.recorder.secret('code', code);
    return { answer, code };
  };
  try {
    await k.call('journey:begin', { purpose: 'reset', username: 'amira.khan' });
    const first = await newCode(() => k.call('code:choose', { method: 'email' }));
    const wrong = first.code === '00000000' ? '00000001' : '00000000';

    const holder = spawnChild('hold-lock.ts', [file]);
    await holder.waitFor((message) => message.t === 'ready');
    const answers: { channel: string; code: string; ms: number }[] = [];
    const timed = async (channel: 'code:verify' | 'code:resend', run: () => Promise<Result<unknown>>) => {
      const started = performance.now();
      const result = await run();
      answers.push({ channel, code: result.ok ? 'ok' : result.error.code, ms: performance.now() - started });
    };
    const { stallMs } = await longestStall(async () => {
      await timed('code:verify', () => k.call('code:verify', { code: wrong }));
      await timed('code:resend', () => k.call('code:resend', {}));
      await timed('code:verify', () => k.call('code:verify', { code: first.code! }));
    });
    holder.send('release');
    await holder.exited;

    // Let go: the wrong code is the account's first counted try, and the right one still works.
    const failures: string[] = [];
    const afterWrong = await k.call('code:verify', { code: wrong });
    if (afterWrong.ok || afterWrong.error.code !== 'CODE_WRONG') failures.push(`wrong code after release: ${JSON.stringify(afterWrong)}`);
    const subject = kiosk.pseudonym('amira.khan');
    const counts = await kiosk.store.read(async (db) => {
      const events = await db.selectFrom('throttle_events').select(['scope', 'subject']).execute();
      const challenges = await db.selectFrom('challenges').select(['failed_tries']).execute();
      return {
        failedProofs: events.filter((row) => row.scope === 'failedProofs' && row.subject === subject).length,
        kioskFailedProofs: events.filter((row) => row.scope === 'kioskFailedProofs').length,
        emailSends: events.filter((row) => row.scope === 'emailSends' && row.subject === subject).length,
        kioskRequests: events.filter((row) => row.scope === 'kioskRequests').length,
        failedTries: challenges.reduce((sum, row) => sum + Number(row.failed_tries), 0),
      };
    });
    // One request and one wrong code really happened; the refused three must have left nothing.
    const expected = { failedProofs: 1, kioskFailedProofs: 1, emailSends: 1, kioskRequests: 1, failedTries: 1 };
    const countedTwice = Object.entries(expected).reduce((sum, [key, value]) => sum + Math.abs(counts[key as keyof typeof counts] - value), 0);

    // Held again, but let go within the kiosk's wait: the code request simply goes through.
    const briefly = spawnChild('hold-lock.ts', [file]);
    await briefly.waitFor((message) => message.t === 'ready');
    setTimeout(() => briefly.send('release'), 150);
    const second = await newCode(() => k.call('code:resend', {}));
    await briefly.exited;
    if (!second.answer.ok) failures.push(`code request while the lock was let go within the wait: ${JSON.stringify(second.answer)}`);
    const proved = second.code === null ? null : await k.call('code:verify', { code: second.code });
    if (proved === null || !proved.ok) failures.push(`right code after release: ${JSON.stringify(proved)}`);
    const password = passwordFor(800_000);
    options.recorder.secret('password', password);
    const done = await k.call('password:set', { password, confirmation: password });
    if (!done.ok || done.value.stage !== 'done' || done.value.outcome !== 'changed') failures.push(`reset after release: ${JSON.stringify(done)}`);
    for (const child of [holder, briefly]) recordChildReports(child.reports, options.recorder);

    const notBusy = answers.filter((answer) => answer.code !== 'BUSY');
    const longest = Math.max(...answers.map((answer) => answer.ms));
    const label = 'database held by another process';
    return [
      figure(
        section,
        `${label}: answers that were not BUSY (${answers.length} steps)`,
        notBusy.length,
        '0',
        notBusy.length === 0,
        `${answers.map((answer) => `${answer.channel} ${answer.code}`).join(', ')}; the person reads "${wordsFor(kiosk.config).error('BUSY')}"`,
      ),
      figure(section, `${label}: longest event-loop stall (5 ms timer)`, `${Math.round(stallMs)} ms`, 'under 1000 ms', stallMs < 1000),
      figure(section, `${label}: longest answer`, `${Math.round(longest)} ms`, 'under 5000 ms (no hang)', longest < 5000),
      figure(section, `${label}: attempts counted for the refused steps`, countedTwice, '0', countedTwice === 0, JSON.stringify(counts)),
      figure(section, `${label}: steps that failed once it let go`, failures.length, '0', failures.length === 0, failures.length === 0 ? undefined : failures.join('; ')),
    ];
  } finally {
    await k.finish();
  }
}

interface LimitedRun {
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
async function limitedRun(
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
    const kiosk = k.t.kiosk;
    const pending = await kiosk.store.read((db) => db.selectFrom('password_changes').select('id').where('state', '=', 'pending').execute());
    if (pending.length > 0) run.missingRecords.push(`${pending.length} change(s) still pending after the restart`);
    for (const username of loopAccounts) {
      const id = (await kiosk.store.read((db) => db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow())).id;
      const history = await kiosk.store.read((db) => db.selectFrom('password_history').select('id').where('account_id', '=', id).execute());
      const audited = await kiosk.store.read((db) => db.selectFrom('audit_log').select('id').where('event', '=', 'reset.password_set').where('username', '=', username).execute());
      const notices = (await kiosk.store.read((db) => db.selectFrom('outbox').select('payload').where('kind', '=', 'password_reset').execute())).filter(
        (row) => (JSON.parse(row.payload) as { username?: string }).username === username,
      );
      const changes = history.length - seedHistory(username);
      if (audited.length !== changes || notices.length !== changes * noticeRecipients(username)) {
        run.missingRecords.push(`${username}: ${changes} change(s), ${audited.length} password_set row(s), ${notices.length} notice(s)`);
      }
    }
    const chain = await auditChainOf(file);
    if (!chain.ok) run.missingRecords.push(`audit chain: ${chain.problem?.message ?? 'broken'}`);
    // And the kiosk works again.
    await k.call('journey:begin', { purpose: 'reset', username: 'ben.okafor' });
    const before = mail.sent.length;
    await k.call('code:choose', { method: 'email' });
    await kiosk.settled();
    const code = codeFrom(mail.sent.slice(before).map((message) => message.text), kiosk.config.codes.length);
    options.recorder.secret('code', code);
    await k.call('code:verify', { code });
    const password = passwordFor(950_000);
    options.recorder.secret('password', password);
    const done = await k.call('password:set', { password, confirmation: password });
    if (!done.ok || done.value.stage !== 'done' || done.value.outcome !== 'changed') run.restartFailures.push(`a reset after the restart: ${JSON.stringify(done)}`);
  } catch (error) {
    run.restartFailures.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  } finally {
    await k?.finish();
  }
  recordDatabase(file, options.recorder);
  return run;
}

/** The figures of one kind of "no room" fault, over all its runs. */
function noRoomFigures(label: string, runs: LimitedRun[], words: ReturnType<typeof wordsFor>): Figure[] {
  const sum = (pick: (run: LimitedRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const typed: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  for (const run of runs) {
    for (const [code, count] of Object.entries(run.answers.typed)) typed[code] = (typed[code] ?? 0) + count;
    for (const [outcome, count] of Object.entries(run.outcomes)) outcomes[outcome] = (outcomes[outcome] ?? 0) + count;
  }
  const bad = runs.flatMap((run) => [...run.answers.bad, ...(run.crashed === null ? [] : [`crash: ${run.crashed}`])]);
  const shown = [
    ...Object.keys(typed).map((code) => `${code}: "${words.error(code as ErrorCode)}"`),
    ...Object.keys(outcomes)
      .filter((outcome) => outcome !== 'changed')
      .map((outcome) => `Done (${outcome}): "${words.done(outcome as ChangeOutcome)}"`),
  ];
  const noFault = runs.filter((run) => !run.writesFailed).length;
  const integrity = runs.filter((run) => run.integrity !== 'ok');
  const lost = runs.flatMap((run) => run.lost);
  const neither = runs.flatMap((run) => run.neitherOldNorNew);
  const missing = runs.flatMap((run) => run.missingRecords);
  const restart = runs.flatMap((run) => run.restartFailures);
  const where = new Map<string, number>();
  for (const run of runs) where.set(run.firstFailure ?? 'nowhere', (where.get(run.firstFailure ?? 'nowhere') ?? 0) + 1);
  const answers = `ok ${sum((run) => run.answers.ok)}, ${Object.entries(typed).map(([code, count]) => `${code} ${count}`).join(', ') || 'no errors'}; Done: ${Object.entries(outcomes).map(([outcome, count]) => `${outcome} ${count}`).join(', ') || 'none'}`;
  return [
    figure(section, `${label}: answers that were INTERNAL, untyped or a crash (${runs.length} runs)`, bad.length, '0', bad.length === 0, `${answers}${bad.length === 0 ? '' : `; ${bad.slice(0, 3).join('; ')}`}`),
    figure(section, `${label}: runs in which no write failed (fault not reached)`, noFault, '0', noFault === 0),
    figure(section, `${label}: where the fault first showed (runs)`, [...where].map(([step, count]) => `${step} ${count}`).join(', '), null, null),
    figure(section, `${label}: clear words shown`, shown.length, '>= 1', shown.length >= 1, shown.join(' | ')),
    figure(section, `${label}: integrity_check failures afterwards`, integrity.length, '0', integrity.length === 0, integrity.length === 0 ? undefined : integrity[0]!.integrity),
    figure(section, `${label}: committed data lost`, lost.length, '0', lost.length === 0, lost.length === 0 ? undefined : lost.join('; ')),
    figure(section, `${label}: passwords neither the last set nor one being set`, neither.length, '0', neither.length === 0, neither.length === 0 ? undefined : neither.join(', ')),
    figure(section, `${label}: changed passwords missing audit row or notice after restart`, missing.length, '0', missing.length === 0, missing.length === 0 ? undefined : missing.slice(0, 3).join('; ')),
    figure(section, `${label}: restarts that could not complete a reset`, restart.length, '0', restart.length === 0, restart.length === 0 ? undefined : restart.slice(0, 2).join('; ')),
  ];
}

const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : 0);

/**
 * Disk full, without privileges: RLIMIT_FSIZE on the kiosk's process (prlimit --pid), just above the
 * database and its write-ahead log as they are. A write past it fails with EFBIG (Node ignores
 * SIGXFSZ), which SQLite reports as SQLITE_IOERR_WRITE. Several headrooms, so the limit bites at
 * different steps: the code request, the delivery's records, the code check, the change's intent,
 * the directory write, its bookkeeping, the notices.
 */
async function fileSizeLimit(options: SectionOptions, folder: string, config: KioskConfig): Promise<Figure[]> {
  // On this kiosk a walk-up's code request and check fit in about 100 KiB of log, its intent, directory
  // write and bookkeeping in the next 60 or so: the quick run samples each, the full run sweeps.
  const headroomsKiB = options.quick ? [8, 96, 168, 184, 200, 216] : Array.from({ length: 33 }, (_, index) => 4 + index * 8);
  const runs: LimitedRun[] = [];
  for (const [index, headroom] of headroomsKiB.entries()) {
    options.progress(`storage faults: disk full by file-size limit, ${headroom} KiB of room (${index + 1}/${headroomsKiB.length})...`);
    const dataDir = path.join(folder, `fsize-${headroom}`);
    runs.push(
      await limitedRun(options, dataDir, (pid, file) => {
        const limit = Math.max(sizeOf(file), sizeOf(`${file}-wal`)) + headroom * 1024;
        const applied = spawnSync('prlimit', ['--pid', String(pid), `--fsize=${limit}`], { encoding: 'utf8' });
        if (applied.status !== 0) throw new Error(`prlimit failed: ${applied.stderr || applied.error?.message}`);
        // The limit ends with the process.
        return () => undefined;
      }),
    );
  }
  return noRoomFigures('disk full (file-size limit)', runs, wordsFor(config));
}

/** Runs a command as root that may not be allowed here (mount in a container); null when it worked. */
function tryCommand(command: string, args: string[]): string | null {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? null : (result.stderr || result.error?.message || `exit ${result.status}`).trim();
}

/**
 * Disk full for real: a small tmpfs, filled up to a little room once the kiosk has started. SQLite sees
 * ENOSPC (SQLITE_FULL). Needs root with mount rights; skipped (and said so) where that is not given.
 */
async function fullFileSystem(options: SectionOptions, folder: string, config: KioskConfig): Promise<Figure[]> {
  const label = 'disk full (tmpfs filled up)';
  if (process.getuid?.() !== 0) return [figure(section, `${label}: skipped`, 'not root', null, null, 'mounting a tmpfs needs root; the file-size limit above covers disk full everywhere')];
  const headroomsKiB = options.quick ? [24] : [24, 96, 176, 200, 256];
  const runs: LimitedRun[] = [];
  for (const headroom of headroomsKiB) {
    const mount = mkdtempSync(path.join(folder, 'tmpfs-'));
    const refused = tryCommand('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', mount]);
    if (refused !== null) return [figure(section, `${label}: skipped`, 'mount refused', null, null, `mount -t tmpfs: ${refused}`)];
    options.progress(`storage faults: disk full on a tmpfs, ${headroom} KiB of room...`);
    try {
      runs.push(
        await limitedRun(options, path.join(mount, 'kiosk'), () => {
          const filler = path.join(mount, 'filler');
          const stats = statfsSync(mount);
          const room = Number(stats.bavail) * Number(stats.bsize) - headroom * 1024;
          const fd = openSync(filler, 'w');
          try {
            const block = Buffer.alloc(64 * 1024, 0x5a);
            for (let written = 0; written < room; ) written += writeSync(fd, block, 0, Math.min(block.length, room - written));
          } catch {
            // ENOSPC: as full as it gets.
          } finally {
            closeSync(fd);
          }
          return () => rmSync(filler, { force: true });
        }),
      );
    } finally {
      const stuck = tryCommand('umount', [mount]);
      if (stuck !== null) options.progress(`storage faults: umount ${mount}: ${stuck}`);
    }
  }
  return noRoomFigures(label, runs, wordsFor(config));
}

/** A real kiosk database with a completed reset in it, closed cleanly (everything in the main file). */
async function realDatabase(options: SectionOptions, dataDir: string): Promise<KioskConfig> {
  const mail = createRecordingEmailSender();
  const k = await startKioskUnderTest({ dataDir, recorder: options.recorder, email: mail.sender, persistent: true });
  try {
    await k.call('journey:begin', { purpose: 'reset', username: 'amira.khan' });
    const before = mail.sent.length;
    await k.call('code:choose', { method: 'email' });
    await k.t.kiosk.settled();
    const code = codeFrom(mail.sent.slice(before).map((message) => message.text), k.t.kiosk.config.codes.length);
    options.recorder.secret('code', code);
    await k.call('code:verify', { code });
    const password = passwordFor(700_000);
    options.recorder.secret('password', password);
    await k.call('password:set', { password, confirmation: password });
    return k.t.kiosk.config;
  } finally {
    await k.finish();
  }
}

function copyKiosk(from: string, to: string): string {
  mkdirSync(to, { recursive: true });
  for (const name of [demoDatabaseFile, `${demoDatabaseFile}.key`]) copyFileSync(path.join(from, name), path.join(to, name));
  chmodSync(path.join(to, `${demoDatabaseFile}.key`), 0o600);
  return to;
}

/** Starts a kiosk on `dataDir` the way the shell does; the error it fails with, or null when it started. */
async function startError(dataDir: string): Promise<{ error: Error | null; kiosk: Awaited<ReturnType<typeof startTestKiosk>> | null }> {
  try {
    const t = await startTestKiosk({ dataDir, persistent: true, email: createRecordingEmailSender().sender });
    return { error: null, kiosk: t };
  } catch (error) {
    return { error: error instanceof Error ? error : new Error(String(error)), kiosk: null };
  }
}

/**
 * A damaged database at start-up: the file header overwritten, or one b-tree page in the middle of
 * the file. The kiosk must refuse to start with one line that says so, and leave the file as it was
 * (it may be all there is to restore from), without keeping it open.
 */
async function damagedAtStart(options: SectionOptions, base: string): Promise<Figure[]> {
  const random = createSeededRandom(20260303);
  const garbage = (length: number) => random.bytes(length);
  const damages: { name: string; damage: (file: string) => void }[] = [
    {
      name: 'file header overwritten',
      damage: (file) => {
        const fd = openSync(file, 'r+');
        // The magic string and the page size: what every reader checks first.
        writeSync(fd, garbage(24), 0, 24, 0);
        closeSync(fd);
      },
    },
    {
      name: 'a page in the middle overwritten',
      damage: (file) => {
        const { pageSize, page } = withDatabaseFile(file, (db) => {
          const size = db.pragma('page_size', { simple: true }) as number;
          const count = db.pragma('page_count', { simple: true }) as number;
          const pages = (db.prepare("select pageno from dbstat where pagetype in ('leaf', 'internal') and pageno > 1 order by pageno").all() as { pageno: number }[]).map((row) => row.pageno);
          const middle = pages.reduce((best, candidate) => (Math.abs(candidate - count / 2) < Math.abs(best - count / 2) ? candidate : best), pages[0]!);
          return { pageSize: size, page: middle };
        });
        const fd = openSync(file, 'r+');
        writeSync(fd, garbage(pageSize), 0, pageSize, (page - 1) * pageSize);
        closeSync(fd);
      },
    },
  ];
  const clear = /^StoreOpenError: the database file .+ is not a usable SQLite database: it is damaged or not a database \(restore it from a backup, or move it aside to start afresh\) \(SQLITE_(CORRUPT|NOTADB)[A-Z_]*: [^\n]*\)$/;
  const refused: string[] = [];
  const changed: string[] = [];
  const stillOpen: string[] = [];
  const lines: string[] = [];
  for (const [index, { name, damage }] of damages.entries()) {
    const dataDir = copyKiosk(base, path.join(path.dirname(base), `damaged-${index}`));
    const file = databaseOf(dataDir);
    damage(file);
    const before = digestOf(file);
    const { error, kiosk } = await startError(dataDir);
    await kiosk?.kiosk.close();
    const line = error === null ? 'started' : `${error.name}: ${error.message}`;
    options.recorder.seen('log', line);
    lines.push(`${name}: ${line}`);
    if (clear.test(line)) refused.push(name);
    if (digestOf(file) !== before) changed.push(name);
    if (heldOpen(file) === true) stillOpen.push(name);
  }
  const label = 'damaged database at start-up';
  return [
    figure(section, `${label}: starts refused with the one clear line`, `${refused.length} of ${damages.length}`, `${damages.length} of ${damages.length}`, refused.length === damages.length, lines.join(' | ')),
    figure(section, `${label}: files changed by the refused start`, changed.length, '0', changed.length === 0, changed.length === 0 ? undefined : changed.join(', ')),
    figure(section, `${label}: files still held open after the refused start`, stillOpen.length, '0', stillOpen.length === 0, stillOpen.length === 0 ? undefined : stillOpen.join(', ')),
  ];
}

/**
 * A database the kiosk cannot write. Root ignores file permissions, so as root the kiosk's folder is
 * bind-mounted read-only (which binds root too); as anyone else, the folder and files lose their
 * write permission. Where neither is possible (root without mount rights) this is skipped and said
 * so. The kiosk may refuse to start (in words) or start and refuse each step (UNAVAILABLE); never
 * INTERNAL, never a crash, and the file is left as it was.
 */
async function notWritable(options: SectionOptions, base: string, config: KioskConfig): Promise<Figure[]> {
  const label = 'database not writable';
  const source = copyKiosk(base, path.join(path.dirname(base), 'read-only-source'));
  const file = databaseOf(source);
  let dataDir = source;
  let undo: () => void;
  if (process.getuid?.() === 0) {
    dataDir = path.join(path.dirname(base), 'read-only');
    mkdirSync(dataDir);
    const refused = tryCommand('mount', ['--bind', source, dataDir]) ?? tryCommand('mount', ['-o', 'remount,bind,ro', dataDir]);
    if (refused !== null) {
      tryCommand('umount', [dataDir]);
      return [figure(section, `${label}: skipped`, 'mount refused', null, null, `root ignores file permissions and a read-only bind mount was refused: ${refused}`)];
    }
    undo = () => {
      const stuck = tryCommand('umount', [dataDir]);
      if (stuck !== null) options.progress(`storage faults: umount ${dataDir}: ${stuck}`);
    };
  } else {
    for (const name of [demoDatabaseFile, `${demoDatabaseFile}.key`]) chmodSync(path.join(source, name), 0o400);
    chmodSync(source, 0o500);
    undo = () => chmodSync(source, 0o700);
  }
  const before = digestOf(file);
  const bad: string[] = [];
  let shown = '';
  try {
    const { error, kiosk } = await startError(dataDir);
    if (error !== null) {
      const line = `${error.name}: ${error.message}`;
      options.recorder.seen('log', line);
      shown = `start refused: ${line}`;
      if (error.name !== 'StoreOpenError' || /\n/.test(error.message) || !/read-only|cannot be read or written/.test(error.message)) bad.push(line);
    } else if (kiosk !== null) {
      const answers = [await kiosk.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }), await kiosk.call('session:startOver', {})];
      for (const answer of answers) options.recorder.seen('ipc', JSON.stringify(answer));
      const first = answers[0]!;
      shown = `started; reset:begin answers ${first.ok ? 'ok' : first.error.code}: "${first.ok ? '' : wordsFor(config).error(first.error.code)}"`;
      if (first.ok || first.error.code !== 'UNAVAILABLE') bad.push(`reset:begin ${JSON.stringify(first)}`);
      await kiosk.kiosk.close().catch((closeError: unknown) => bad.push(`close: ${String(closeError)}`));
    }
  } finally {
    undo();
  }
  const changed = digestOf(file) !== before ? 1 : 0;
  return [
    figure(section, `${label}: answers or start-up errors that were INTERNAL, unclear or a crash`, bad.length, '0', bad.length === 0, shown),
    figure(section, `${label}: files changed`, changed, '0', changed === 0),
  ];
}

export async function storageFaultsSection(options: SectionOptions): Promise<Figure[]> {
  const folder = mkdtempSync(path.join(tmpdir(), 'sspr-reliability-storage-'));
  try {
    const figures: Figure[] = [];
    options.progress('storage faults: a database held by another process...');
    figures.push(...(await heldByAnotherProcess(options, folder)));
    const base = path.join(folder, 'base');
    options.progress('storage faults: a real database for the damage and read-only cases...');
    const config = await realDatabase(options, base);
    figures.push(...(await fileSizeLimit(options, folder, config)));
    figures.push(...(await fullFileSystem(options, folder, config)));
    options.progress('storage faults: a damaged database at start-up...');
    figures.push(...(await damagedAtStart(options, base)));
    options.progress('storage faults: a database the kiosk cannot write...');
    figures.push(...(await notWritable(options, base, config)));
    return figures;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

