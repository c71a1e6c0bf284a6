import { cryptoRandom } from '../../electron/core/system.js';
import { codeIn, startTestKiosk } from '../../test/support/core-kiosk.js';
import { createRecordingEmailSender } from '../../test/support/recording-email.js';
import { nextCommand, report, reportCrashes, reportingCaller } from './child-io.js';
import { committedReset, crashLoopConfig, limitedPasswordNumber, limitedPeople, passwordFor, realClock } from './reset-loop-plan.js';

/**
 * A kiosk that runs out of room: it starts on a persistent SQLite file, completes one reset (data
 * that must survive), reports `ready` and waits for "go" while the parent takes the room away (a
 * file-size limit on this process, or a full file system). Then it walks people through resets until
 * the writes have failed for a while, reporting every answer, and ends.
 *
 *   node --import tsx reliability/children/limited-kiosk.ts <dataDir> <maxResets>
 */
const [dataDir, maxText] = process.argv.slice(2);
if (dataDir === undefined || maxText === undefined) throw new Error('usage: limited-kiosk.ts <dataDir> <maxResets>');
reportCrashes();


const mail = createRecordingEmailSender();
const t = await startTestKiosk({ dataDir, persistent: true, email: mail.sender, clock: realClock, random: cryptoRandom, configure: crashLoopConfig });
const { call, flushLog } = reportingCaller(t);
const codeLength = t.kiosk.config.codes.length;

/** One walk-up: stops at the first step that is refused, and says how far it got. */
async function walkUp(username: string, n: number): Promise<'done' | 'refused'> {
  await call('session:startOver', {});
  if (!(await call('journey:begin', { purpose: 'reset', username })).ok) return 'refused';
  const before = mail.sent.length;
  if (!(await call('code:choose', { method: 'email' })).ok) return 'refused';
  await t.kiosk.settled();
  flushLog();
  const code = mail.sent
    .slice(before)
    .map((message) => {
      try {
        return codeIn(message.text, codeLength);
      } catch {
        return null;
      }
    })
    .find((found) => found !== null);
  // The delivery could not bind the challenge or record the send: no code went out, as the desk would see.
  if (code === undefined || code === null) return 'refused';
  report({ t: 'secret', kind: 'code', value: code });
  if (!(await call('code:verify', { code })).ok) return 'refused';
  const password = passwordFor(n);
  report({ t: 'about', username, n });
  const done = await call('password:set', { password, confirmation: password });
  if (!done.ok || done.value.stage !== 'done') return 'refused';
  report({ t: 'done', username, n, outcome: done.value.outcome });
  await t.kiosk.settled();
  flushLog();
  return 'done';
}

if ((await walkUp(committedReset.username, committedReset.n)) !== 'done') throw new Error('the first reset did not complete');
report({ t: 'ready' });
await nextCommand();

// Until writes have failed for several walk-ups in a row, or the limit of attempts.
let refusedInARow = 0;
for (let attempt = 0; attempt < Number(maxText) && refusedInARow < 4; attempt += 1) {
  const outcome = await walkUp(limitedPeople[attempt % limitedPeople.length]!, limitedPasswordNumber(attempt));
  refusedInARow = outcome === 'refused' ? refusedInARow + 1 : 0;
}
try {
  await t.kiosk.close();
} catch (error) {
  report({ t: 'log', line: `close failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` });
}
flushLog();
report({ t: 'end' });
