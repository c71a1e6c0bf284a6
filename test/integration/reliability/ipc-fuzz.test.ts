import { describe, expect, it } from 'vitest';
import { channels } from '../../../shared/ipc/contract.js';
import { runIpcFuzz } from '../../../reliability/sections/ipc-fuzz/run-batches.js';
import { ipcFuzzSeed } from '../../../reliability/sections/ipc-fuzz/section.js';
import { fuzzStages } from '../../../reliability/sections/ipc-fuzz/stage-kiosk.js';

/**
 * A smaller run of `npm run reliability`'s ipc-fuzz section, with the same fixed seed, so `npm test`
 * guards the IPC boundary too: malformed payloads on every channel, foreign senders and unknown
 * channel names, at every stage of a demo kiosk, change nothing and get only the refusal due.
 */
describe('the IPC boundary under fuzzing (fast-check, fixed seed)', () => {
  it(`refuses 1,000+ malformed calls at every stage without throwing, INTERNAL or any change (seed ${ipcFuzzSeed})`, async () => {
    const report = await runIpcFuzz({ seed: ipcFuzzSeed, malformedPerChannel: 25, foreignPerStage: 40, unknownPerStage: 40, batchSize: 200 });

    expect(report.malformed).toBeGreaterThanOrEqual(1000);
    for (const channel of channels) expect(report.perChannel[channel], channel).toBe(25 * fuzzStages.length);
    expect(report.foreign).toBe(40 * fuzzStages.length);
    expect(report.unknown).toBe(40 * fuzzStages.length);
    expect(report.firstProblem).toBeNull();
    expect({
      routerThrows: report.routerThrows,
      crashes: report.crashes,
      internal: report.internal,
      notARefusal: report.notARefusal,
      wrongRefusal: report.wrongRefusal,
      databaseChanged: report.databaseChanged,
      sessionChanged: report.sessionChanged,
      outboxChanged: report.outboxChanged,
    }).toEqual({ routerThrows: 0, crashes: 0, internal: 0, notARefusal: 0, wrongRefusal: 0, databaseChanged: 0, sessionChanged: 0, outboxChanged: 0 });
    expect(report.batches).toBeGreaterThanOrEqual(fuzzStages.length);
    expect(Object.keys(report.stageHashes)).toEqual([...fuzzStages]);
  });
});
