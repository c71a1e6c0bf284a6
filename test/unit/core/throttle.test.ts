import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNamePseudonym } from '../../../electron/core/keys/name-pseudonym.js';
import type { Store } from '../../../electron/core/store/store.js';
import { maxEventsPerDay } from '../../../electron/core/throttle/pacing.js';
import { createThrottle, longestWait, type ThrottleRules, type ThrottleScope, type ThrottleStatus } from '../../../electron/core/throttle/throttle.js';
import { configSchema, type PacingConfig } from '../../../shared/config/config-schema.js';
import { describeEachBackend, type Backend } from '../../support/backends.js';
import { rowsOf } from '../../support/database-dump.js';
import { openTestStore } from '../../support/core-store.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock, type TestClock } from '../../support/test-clock.js';

const dirs = createTempDirs();
/** The defaults from the config schema: Entra SSPR's numbers per account, pacing per kiosk. */
const defaults: ThrottleRules = configSchema.shape.throttle.parse(undefined);
const pseudonym = createNamePseudonym(Buffer.alloc(32, 5));
/** Account subjects are pseudonyms of the name as typed, as the code proof passes them. */
const amira = pseudonym('amira.khan');
const ben = pseudonym('ben.okafor');
let store: Store;
let clock: TestClock;

const day = 24 * 60 * 60;
const start = Date.parse('2026-03-02T09:00:00.000Z');
const at = (seconds: number) => new Date(start + seconds * 1000);

function throttle(rules: ThrottleRules = defaults) {
  const limits = createThrottle({ clock, rules });
  return {
    status: (scope: ThrottleScope, subject: string) => store.run((tx) => limits.status(tx, scope, subject)),
    record: (scope: ThrottleScope, subject: string) => store.run((tx) => limits.record(tx, scope, subject)),
    forget: (eventId: number) => store.run((tx) => limits.forget(tx, eventId)),
    reset: (scope: ThrottleScope, subject: string) => store.run((tx) => limits.reset(tx, scope, subject)),
    longestWindowMinutes: () => limits.longestWindowMinutes(),
  };
}

async function recordTimes(limits: ReturnType<typeof throttle>, scope: ThrottleScope, subject: string, times: number) {
  const statuses: ThrottleStatus[] = [];
  for (let i = 0; i < times; i += 1) statuses.push((await limits.record(scope, subject)).status);
  return statuses;
}

beforeEach(() => {
  clock = createTestClock();
});

/** A fresh store on the back end for each test of the block. */
function useStore(backend: Backend): void {
  beforeEach(async () => {
    store = await openTestStore(dirs.make(), backend);
  });
  afterEach(async () => {
    await store.close();
    dirs.removeAll();
  });
}

describeEachBackend('per-account throttles', (backend) => {
  useStore(backend);

  it('use Entra’s numbers by default', () => {
    expect(defaults.failedProofs).toEqual({ limit: 5, windowMinutes: 1440, blockMinutes: 1440 });
    expect(defaults.emailSends).toEqual({ limit: 10, windowMinutes: 10, blockMinutes: 1440 });
    expect(defaults.smsSends).toEqual({ limit: 5, windowMinutes: 60, blockMinutes: 1440 });
  });

  it('block an account for 24 hours on its 5th failed proof within 24 hours, saying until when', async () => {
    const limits = throttle();
    const statuses: ThrottleStatus[] = [];
    for (let i = 0; i < 5; i += 1) {
      clock.advance({ minutes: 1 });
      statuses.push((await limits.record('failedProofs', amira)).status);
    }
    expect(statuses).toEqual([
      { blocked: false, remaining: 4 },
      { blocked: false, remaining: 3 },
      { blocked: false, remaining: 2 },
      { blocked: false, remaining: 1 },
      { blocked: true, retryAfterSeconds: day, until: at(5 * 60 + day) },
    ]);
    clock.advance({ hours: 1 });
    expect(await limits.status('failedProofs', amira)).toEqual({ blocked: true, retryAfterSeconds: day - 3600, until: at(5 * 60 + day) });
  });

  it('lift the block when it ends', async () => {
    const limits = throttle();
    await recordTimes(limits, 'failedProofs', amira, 5);
    clock.advance({ hours: 24, ms: -1 });
    expect(await limits.status('failedProofs', amira)).toEqual({ blocked: true, retryAfterSeconds: 1, until: at(day) });
    clock.advance({ ms: 1 });
    // The five events are exactly 24 h old now, outside the window: a clean slate.
    expect(await limits.status('failedProofs', amira)).toEqual({ blocked: false, remaining: 5 });
  });

  it('count only events inside the sliding window', async () => {
    const limits = throttle();
    await recordTimes(limits, 'failedProofs', amira, 4);
    clock.advance({ hours: 24, seconds: 1 });
    expect((await limits.record('failedProofs', amira)).status).toEqual({ blocked: false, remaining: 4 });
  });

  it('allow 10 email sends in 10 minutes, then block for 24 hours', async () => {
    const limits = throttle();
    for (let i = 0; i < 9; i += 1) {
      expect((await limits.record('emailSends', ben)).status.blocked).toBe(false);
      clock.advance({ seconds: 30 });
    }
    expect(await limits.status('emailSends', ben)).toEqual({ blocked: false, remaining: 1 });
    expect((await limits.record('emailSends', ben)).status).toEqual({ blocked: true, retryAfterSeconds: day, until: at(9 * 30 + day) });
  });

  it('keep subjects and scopes apart', async () => {
    const limits = throttle();
    await recordTimes(limits, 'failedProofs', amira, 5);
    expect(await limits.status('failedProofs', ben)).toEqual({ blocked: false, remaining: 5 });
    expect(await limits.status('emailSends', amira)).toEqual({ blocked: false, remaining: 10 });
    expect(await limits.status('kioskFailedProofs', 'demo-kiosk-1')).toEqual({ blocked: false, remaining: 120 });
  });

  it('take back a forgotten event and the block it caused', async () => {
    const limits = throttle();
    await recordTimes(limits, 'emailSends', ben, 9);
    const tenth = await limits.record('emailSends', ben);
    expect(tenth.status.blocked).toBe(true);
    await limits.forget(tenth.eventId);
    expect(await limits.status('emailSends', ben)).toEqual({ blocked: false, remaining: 1 });
    expect(await rowsOf(store, 'throttle_blocks')).toEqual([]);
  });

  it('do not lift a block because an unrelated event is forgotten', async () => {
    const limits = throttle();
    const first = await limits.record('failedProofs', amira);
    await recordTimes(limits, 'failedProofs', amira, 4);
    await limits.forget(first.eventId);
    expect((await limits.status('failedProofs', amira)).blocked).toBe(true);
  });

  it('reset a subject completely (after a successful reset)', async () => {
    const limits = throttle();
    await recordTimes(limits, 'failedProofs', amira, 5);
    await limits.reset('failedProofs', amira);
    expect(await limits.status('failedProofs', amira)).toEqual({ blocked: false, remaining: 5 });
    expect(await rowsOf(store, 'throttle_events')).toEqual([]);
    expect(await rowsOf(store, 'throttle_blocks')).toEqual([]);
  });

  it('follow configured limits', async () => {
    const limits = throttle({ ...defaults, failedProofs: { limit: 2, windowMinutes: 1, blockMinutes: 15 } });
    await limits.record('failedProofs', amira);
    expect((await limits.record('failedProofs', amira)).status).toEqual({ blocked: true, retryAfterSeconds: 15 * 60, until: at(15 * 60) });
  });

  it('count a pseudonym, never the typed text: one subject for a name in any case', async () => {
    const limits = throttle();
    await limits.record('failedProofs', pseudonym('Amira.KHAN'));
    await limits.record('failedProofs', pseudonym('amira.khan'));
    expect(await limits.status('failedProofs', amira)).toEqual({ blocked: false, remaining: 3 });
    const rows = await rowsOf<{ subject: string }>(store, 'throttle_events');
    expect(rows.map((row) => row.subject)).toEqual([amira, amira]);
    expect(amira).toMatch(/^n-[0-9a-f]{32}$/);
    expect(JSON.stringify(rows).toLowerCase()).not.toContain('amira');
  });
});

describeEachBackend('per-kiosk pacing', (backend) => {
  useStore(backend);

  /** Small numbers to follow by hand: 3 free, then 5 s, 10 s, 15 s (capped), and at most 6 in 10 minutes. */
  const pacing: PacingConfig = { free: 3, limit: 6, windowMinutes: 10, firstWaitSeconds: 5, maxWaitSeconds: 15 };
  const paced = () => throttle({ ...defaults, kioskRequests: pacing, kioskFailedProofs: pacing });
  const kiosk = 'kiosk-1';

  it('use the defaults from the config schema', () => {
    expect(defaults.kioskRequests).toEqual({ free: 20, limit: 60, windowMinutes: 10, firstWaitSeconds: 2, maxWaitSeconds: 60 });
    expect(defaults.kioskFailedProofs).toEqual({ free: 30, limit: 120, windowMinutes: 60, firstWaitSeconds: 2, maxWaitSeconds: 60 });
    // The ceiling bounds a kiosk's wrong codes per day whatever the names: 120 an hour.
    expect(maxEventsPerDay(defaults.kioskFailedProofs)).toBe(2880);
  });

  it('let the free events through at once, then make each further one wait twice as long, at most maxWaitSeconds', async () => {
    const limits = paced();
    const before: ThrottleStatus[] = [];
    for (let i = 0; i < 3; i += 1) {
      before.push(await limits.status('kioskRequests', kiosk));
      await limits.record('kioskRequests', kiosk);
      clock.advance({ seconds: 1 });
    }
    expect(before).toEqual([
      { blocked: false, remaining: 6 },
      { blocked: false, remaining: 5 },
      { blocked: false, remaining: 4 },
    ]);
    // Third event at +2 s: the fourth may come 5 s after it.
    expect(await limits.status('kioskRequests', kiosk)).toEqual({ blocked: true, retryAfterSeconds: 4, until: at(7) });
    clock.set(at(7).toISOString());
    expect(await limits.status('kioskRequests', kiosk)).toEqual({ blocked: false, remaining: 3 });
    expect((await limits.record('kioskRequests', kiosk)).status).toEqual({ blocked: true, retryAfterSeconds: 10, until: at(17) });
    clock.set(at(17).toISOString());
    // 5 s x 2 x 2 = 20 s, capped at 15 s.
    expect((await limits.record('kioskRequests', kiosk)).status).toEqual({ blocked: true, retryAfterSeconds: 15, until: at(32) });
    clock.set(at(31).toISOString());
    expect(await limits.status('kioskRequests', kiosk)).toEqual({ blocked: true, retryAfterSeconds: 1, until: at(32) });
    clock.set(at(32).toISOString());
    expect(await limits.status('kioskRequests', kiosk)).toEqual({ blocked: false, remaining: 1 });
    // Pacing is worked out from the events alone: it never writes a block.
    expect(await rowsOf(store, 'throttle_blocks')).toEqual([]);
  });

  it('hold at the hard ceiling until the oldest event leaves the window, then free one slot at a time', async () => {
    const limits = paced();
    for (const second of [0, 1, 2, 7, 17, 32]) {
      clock.set(at(second).toISOString());
      await limits.record('kioskRequests', kiosk);
    }
    // Six in the window: however long ago the last wait ended, nothing until the one at 0 s is 10 minutes old.
    expect(await limits.status('kioskRequests', kiosk)).toEqual({ blocked: true, retryAfterSeconds: 600 - 32, until: at(600) });
    clock.set(at(300).toISOString());
    expect(await limits.status('kioskRequests', kiosk)).toEqual({ blocked: true, retryAfterSeconds: 300, until: at(600) });
    clock.set(new Date(at(600).getTime() - 1).toISOString());
    expect(await limits.status('kioskRequests', kiosk)).toEqual({ blocked: true, retryAfterSeconds: 1, until: at(600) });
    clock.set(at(600).toISOString());
    expect(await limits.status('kioskRequests', kiosk)).toEqual({ blocked: false, remaining: 1 });
    // One more fills the ceiling again, now until the event at 1 s leaves.
    expect((await limits.record('kioskRequests', kiosk)).status).toEqual({ blocked: true, retryAfterSeconds: 1, until: at(601) });
  });

  it('forget the paced waits once the window is quiet', async () => {
    const limits = paced();
    await recordTimes(limits, 'kioskFailedProofs', kiosk, 5);
    expect((await limits.status('kioskFailedProofs', kiosk)).blocked).toBe(true);
    clock.advance({ minutes: 10 });
    expect(await limits.status('kioskFailedProofs', kiosk)).toEqual({ blocked: false, remaining: 6 });
    expect((await limits.record('kioskFailedProofs', kiosk)).status).toEqual({ blocked: false, remaining: 5 });
  });

  it('take back a forgotten event, shortening the wait it caused', async () => {
    const limits = paced();
    await recordTimes(limits, 'kioskRequests', kiosk, 3);
    const fourth = await limits.record('kioskRequests', kiosk);
    expect(fourth.status).toEqual({ blocked: true, retryAfterSeconds: 10, until: at(10) });
    await limits.forget(fourth.eventId);
    expect(await limits.status('kioskRequests', kiosk)).toEqual({ blocked: true, retryAfterSeconds: 5, until: at(5) });
  });

  it('keep kiosks and the two kiosk scopes apart', async () => {
    const limits = paced();
    await recordTimes(limits, 'kioskRequests', kiosk, 6);
    expect(await limits.status('kioskRequests', 'kiosk-2')).toEqual({ blocked: false, remaining: 6 });
    expect(await limits.status('kioskFailedProofs', kiosk)).toEqual({ blocked: false, remaining: 6 });
  });
});

describe('longestWait', () => {
  it('picks the status that ends last, or null when nothing waits', () => {
    const short = { blocked: true as const, retryAfterSeconds: 5, until: at(5) };
    const long = { blocked: true as const, retryAfterSeconds: 60, until: at(60) };
    expect(longestWait([{ blocked: false, remaining: 1 }, short, long, short])).toBe(long);
    expect(longestWait([{ blocked: false, remaining: 1 }])).toBeNull();
    expect(longestWait([])).toBeNull();
  });

  it('has the throttle name the longest window, so older events can be pruned', () => {
    expect(throttle().longestWindowMinutes()).toBe(1440);
  });
});
