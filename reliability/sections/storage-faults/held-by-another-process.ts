import path from 'node:path';
import type { Result } from '../../../shared/ipc/result.js';
import { createRecordingEmailSender } from '../../../test/support/recording-email.js';
import { longestStall } from '../../../test/support/event-loop-stall.js';
import { passwordFor } from '../../children/reset-loop-plan.js';
import { recordChildReports, spawnChild } from '../../children/spawn-child.js';
import { figure, type Figure, type SectionOptions } from '../../figure.js';
import { startKioskUnderTest } from '../../kiosk-under-test.js';
import { codeFrom, databaseOf } from './reset-steps.js';
import { section, wordsFor } from './words.js';

/**
 * Another process holds the database's write lock (a backup tool, a second kiosk process): a code
 * check and a code request must answer BUSY in words while the kiosk keeps running, and once it lets
 * go the steps work and nothing was counted for the refused attempts.
 */
export async function heldByAnotherProcess(options: SectionOptions, folder: string): Promise<Figure[]> {
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
