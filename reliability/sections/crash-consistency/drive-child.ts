import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import type { RandomSource } from '../../../electron/core/ports.js';
import type { ChildHandle } from '../../children/spawn-child.js';
import { checkAfterStart } from './after-start.js';
import type { CrashLoop } from './crash-loop-state.js';
import type { KillMoment } from './kill-moments.js';

/** How long the kiosk's own start and one password change take here, to aim kills inside them. */
export interface Timings {
  startMs: number;
  changeMs: number;
  cycleMs: number;
}

export const firstTimings = (): Timings => ({ startMs: 300, changeMs: 250, cycleMs: 400 });

/** Waits for the child's kiosk to start; a start that fails is counted, never thrown. */
export async function waitForReady(loop: CrashLoop, child: ChildHandle): Promise<boolean> {
  try {
    await child.waitFor((message) => message.t === 'starting');
    await child.waitFor((message) => message.t === 'ready');
    return true;
  } catch (error) {
    loop.result.startFailures += 1;
    loop.problem(`a start failed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** How long the kiosk's own start and a password change took in this child, to aim later kills inside them. */
export function learnTimings(child: ChildHandle, timings: Timings): void {
  const { reports, arrivedAt } = child;
  const startingAt = reports.findIndex((message) => message.t === 'starting');
  const readyAt = reports.findIndex((message) => message.t === 'ready');
  if (startingAt >= 0 && readyAt > startingAt) timings.startMs = (timings.startMs + arrivedAt[readyAt]! - arrivedAt[startingAt]!) / 2;
  reports.forEach((message, index) => {
    if (message.t !== 'about') return;
    const done = reports.findIndex((later, at) => at > index && later.t === 'done');
    if (done > 0) timings.changeMs = (timings.changeMs + arrivedAt[done]! - arrivedAt[index]!) / 2;
    const next = reports.findIndex((later, at) => at > index && later.t === 'about');
    if (next > 0) timings.cycleMs = (timings.cycleMs + arrivedAt[next]! - arrivedAt[index]!) / 2;
  });
}

/** Lets the child run until the chosen moment. Returns false when its start failed (nothing to kill). */
export async function runUntil(loop: CrashLoop, child: ChildHandle, moment: KillMoment, random: RandomSource, timings: Timings): Promise<boolean> {
  const { startMs, changeMs, cycleMs } = timings;
  if (moment === 'start-up') {
    await child.waitFor((message) => message.t === 'starting');
    const ready = child.waitFor((message) => message.t === 'ready').then(
      () => true,
      () => false,
    );
    const finished = await Promise.race([ready, sleep(random.int(0, Math.ceil(startMs * 1.2) + 1)).then(() => false)]);
    // The start won the race: check it like any other, then kill the idle kiosk.
    if (finished) await checkAfterStart(loop);
    return true;
  }
  if (!(await waitForReady(loop, child))) return false;
  await checkAfterStart(loop);
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
      if (await appears(loop.file, child, pendingIntent)) await sleep(random.int(0, Math.ceil(changeMs * 0.5) + 1));
    } else await appears(loop.file, child, changedButPending);
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
async function appears(file: string, child: ChildHandle, query: string): Promise<boolean> {
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
