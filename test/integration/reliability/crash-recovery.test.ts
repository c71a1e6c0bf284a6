import { afterEach, describe, expect, it } from 'vitest';
import { runCrashLoop } from '../../../reliability/sections/crash-consistency/run-crash-loop.js';
import { createTranscript } from '../../../reliability/transcript.js';
import { createTempDirs } from '../../support/temp-dirs.js';

const dirs = createTempDirs('sspr-crash-test-');
afterEach(() => dirs.removeAll());

/**
 * The reliability suite's crash-consistency loop, a few kills long, so `npm test` guards it: a child
 * kiosk resets passwords through the router and is SIGKILLed while starting, inside a change and
 * between resets, then started again on the same files.
 */
describe('a kiosk killed while it resets passwords', () => {
  it('keeps its database sound, every password one that was set, and every change with its audit row and notices', async () => {
    const transcript = createTranscript();
    const result = await runCrashLoop({
      kills: 5,
      folder: dirs.make(),
      recorder: transcript,
      progress: () => undefined,
      schedule: ['after the intent', 'start-up', 'after the directory write', 'anywhere', 'inside a change'],
    });

    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({
      kills: 5,
      integrityFailures: 0,
      neitherOldNorNew: 0,
      unaccounted: 0,
      missingRecords: 0,
      duplicateRecords: 0,
      pendingAfterStart: 0,
      chainProblems: 0,
      startFailures: 0,
      childCrashes: 0,
    });
    // The kills really landed among resets, and each start after one was checked.
    expect(result.resetsCompleted + result.inFlight.kills).toBeGreaterThan(0);
    expect(result.postStartChecks).toBeGreaterThanOrEqual(4);
    expect(transcript.leaks()).toEqual([]);
    expect(transcript.counts().secrets.code).toBeGreaterThan(0);
  }, 180_000);
});
