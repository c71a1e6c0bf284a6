import { existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { cryptoRandom } from '../../electron/core/system.js';
import { codeIn, startTestKiosk } from '../../test/support/core-kiosk.js';
import { createRecordingEmailSender } from '../../test/support/recording-email.js';
import { nextCommand, report, reportCrashes, reportingCaller } from './child-io.js';
import { aboutLine, accountFor, crashLoopConfig, doneLine, parseJournal, passwordFor, realClock } from './reset-loop-plan.js';

/**
 * The crash-consistency child: a persistent SQLite kiosk resetting the demo people's passwords in
 * turn, for ever, until its parent SIGKILLs it. Each reset goes through the IPC router as the page
 * would; the code is read from an in-process recording sender. Before asking for the change it
 * appends "about <name> <n>" to the journal and fsyncs; after Done, "done <name> <n> <outcome>".
 *
 *   node --import tsx reliability/children/reset-loop.ts <dataDir> <journal>
 *
 * It starts the kiosk (whose start-up recovery finishes what the last run left half-done), reports
 * `ready`, and waits for "go" on stdin, so the parent can look at the database between the two
 * (anything else closes the kiosk and ends the child).
 */
const [dataDir, journalPath] = process.argv.slice(2);
if (dataDir === undefined || journalPath === undefined) throw new Error('usage: reset-loop.ts <dataDir> <journal>');
reportCrashes();

// The real clock: start-up recovery compares the directory's change time with the intent's, as it
// would after a real crash.
const mail = createRecordingEmailSender();
report({ t: 'starting' });
const t = await startTestKiosk({ dataDir, persistent: true, email: mail.sender, clock: realClock, random: cryptoRandom, configure: crashLoopConfig });
const { call, flushLog } = reportingCaller(t);
flushLog();
report({ t: 'ready' });
if ((await nextCommand()) !== 'go') {
  await t.kiosk.close();
  flushLog();
  process.exit(0);
}

const journal = openSync(journalPath, 'a');
const append = (line: string) => {
  writeSync(journal, `${line}\n`);
  fsyncSync(journal);
};
// The next attempt's number: one past every attempt any earlier run announced.
let n = existsSync(journalPath) ? parseJournal(readFileSync(journalPath, 'utf8')).filter((entry) => entry.kind === 'about').length : 0;

const codeLength = t.kiosk.config.codes.length;
const codeOf = (text: string): string | null => {
  try {
    return codeIn(text, codeLength);
  } catch {
    return null;
  }
};
for (;;) {
  const username = accountFor(n);
  const password = passwordFor(n);
  await call('session:startOver', {});
  await call('journey:begin', { purpose: 'reset', username });
  const sentBefore = mail.sent.length;
  const requested = await call('code:choose', { method: 'email' });
  if (!requested.ok) throw new Error(`code request refused: ${requested.error.code}`);
  await t.kiosk.settled();
  const code = mail.sent.slice(sentBefore).map((sent) => codeOf(sent.text)).find((found) => found !== null);
  if (code === undefined || code === null) throw new Error(`no code was sent for ${username}`);
  report({ t: 'secret', kind: 'code', value: code });
  const proved = await call('code:verify', { code });
  if (!proved.ok) throw new Error(`code refused: ${proved.error.code}`);

  append(aboutLine(username, n));
  report({ t: 'about', username, n });
  const done = await call('password:set', { password, confirmation: password });
  if (!done.ok || done.value.stage !== 'done') throw new Error(`reset refused: ${JSON.stringify(done)}`);
  append(doneLine(username, n, done.value.outcome));
  report({ t: 'done', username, n, outcome: done.value.outcome });
  n += 1;
  // Notices queued by the change go out in the background; a kill may land in the middle of that too.
  await t.kiosk.settled();
  flushLog();
}
