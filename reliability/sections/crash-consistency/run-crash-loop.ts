import { existsSync, readFileSync } from 'node:fs';
import { createSeededRandom } from '../../../test/support/seeded-random.js';
import type { ChildReport } from '../../children/child-io.js';
import { loopAccounts, parseJournal, passwordFor, seedPassword } from '../../children/reset-loop-plan.js';
import { recordChildReports, spawnChild } from '../../children/spawn-child.js';
import { recordDatabase, withDatabaseFile } from '../../database-checks.js';
import type { TranscriptRecorder } from '../../figure.js';
import { checkAfterKill } from './after-kill.js';
import { checkAfterStart } from './after-start.js';
import { createCrashLoop, type CrashLoopResult } from './crash-loop-state.js';
import { firstTimings, learnTimings, runUntil, waitForReady } from './drive-child.js';
import { pickMoment, type KillMoment } from './kill-moments.js';

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
  const loop = createCrashLoop(options.folder);
  const { dataDir, journalPath, file, result, problem } = loop;
  const random = createSeededRandom(options.seed ?? 20260302);
  const timings = firstTimings();

  const allReports: ChildReport[][] = [];
  for (let kill = 1; kill <= options.kills; kill += 1) {
    const moment = options.schedule === undefined ? pickMoment(random) : options.schedule[(kill - 1) % options.schedule.length]!;
    const child = spawnChild('reset-loop.ts', [dataDir, journalPath]);
    allReports.push(child.reports);
    let killed = false;
    const exitedByItself = child.exited.then(() => !killed);
    let started = true;
    try {
      started = await runUntil(loop, child, moment, random, timings);
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
    learnTimings(child, timings);
    result.kills += 1;
    result.moments[moment] += 1;
    await checkAfterKill(loop);
    if (!started) break;
    if (kill % 10 === 0 || kill === options.kills) options.progress(`crash consistency: ${kill}/${options.kills} kills, ${result.resetsCompleted} resets completed`);
  }

  // One last start without a kill: its recovery finishes the last kill's change, then everything is checked.
  const last = spawnChild('reset-loop.ts', [dataDir, journalPath]);
  allReports.push(last.reports);
  if (await waitForReady(loop, last)) {
    await checkAfterStart(loop);
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
