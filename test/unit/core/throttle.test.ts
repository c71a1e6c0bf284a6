import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createThrottle, throttleSubject, type ThrottleRules } from '../../../electron/core/throttle/throttle.js';
import type { Db } from '../../../electron/core/store/database.js';
import { createThrottleRecords } from '../../../electron/core/store/throttle-records.js';
import { configSchema } from '../../../shared/config/config-schema.js';
import { rowsOf } from '../../support/database-dump.js';
import { openTestDatabase } from '../../support/core-store.js';
import { createTempDirs } from '../../support/temp-dirs.js';
import { createTestClock, type TestClock } from '../../support/test-clock.js';

const dirs = createTempDirs();
/** The defaults from the config schema: Entra SSPR's numbers. */
const defaults: ThrottleRules = configSchema.shape.throttle.parse(undefined);
let db: Db;
let clock: TestClock;

const throttle = (rules: ThrottleRules = defaults) => createThrottle({ records: createThrottleRecords(db), clock, rules });
const day = 24 * 60 * 60;

beforeEach(() => {
  db = openTestDatabase(dirs.make());
  clock = createTestClock();
});
afterEach(() => {
  db.close();
  dirs.removeAll();
});

describe('throttle', () => {
  it('uses Entra’s numbers by default', () => {
    expect(defaults.failedProofs).toEqual({ limit: 5, windowMinutes: 1440, blockMinutes: 1440 });
    expect(defaults.emailSends).toEqual({ limit: 10, windowMinutes: 10, blockMinutes: 1440 });
  });

  it('blocks an account for 24 hours on its 5th failed proof within 24 hours', () => {
    const limits = throttle();
    const statuses = [1, 2, 3, 4, 5].map(() => {
      clock.advance({ minutes: 1 });
      return limits.record('failedProofs', 'amira.khan').status;
    });
    expect(statuses).toEqual([
      { blocked: false, remaining: 4 },
      { blocked: false, remaining: 3 },
      { blocked: false, remaining: 2 },
      { blocked: false, remaining: 1 },
      { blocked: true, retryAfterSeconds: day },
    ]);
    clock.advance({ hours: 1 });
    expect(limits.status('failedProofs', 'amira.khan')).toEqual({ blocked: true, retryAfterSeconds: day - 3600 });
  });

  it('lifts the block when it ends', () => {
    const limits = throttle();
    for (let i = 0; i < 5; i += 1) limits.record('failedProofs', 'amira.khan');
    clock.advance({ hours: 24, ms: -1 });
    expect(limits.status('failedProofs', 'amira.khan')).toEqual({ blocked: true, retryAfterSeconds: 1 });
    clock.advance({ ms: 1 });
    // The five events are exactly 24 h old now, outside the window: a clean slate.
    expect(limits.status('failedProofs', 'amira.khan')).toEqual({ blocked: false, remaining: 5 });
  });

  it('counts only events inside the sliding window', () => {
    const limits = throttle();
    for (let i = 0; i < 4; i += 1) limits.record('failedProofs', 'amira.khan');
    clock.advance({ hours: 24, seconds: 1 });
    expect(limits.record('failedProofs', 'amira.khan').status).toEqual({ blocked: false, remaining: 4 });
  });

  it('allows 10 email sends in 10 minutes, then blocks for 24 hours', () => {
    const limits = throttle();
    for (let i = 0; i < 9; i += 1) {
      expect(limits.record('emailSends', 'ben.okafor').status.blocked).toBe(false);
      clock.advance({ seconds: 30 });
    }
    expect(limits.status('emailSends', 'ben.okafor')).toEqual({ blocked: false, remaining: 1 });
    expect(limits.record('emailSends', 'ben.okafor').status).toEqual({ blocked: true, retryAfterSeconds: day });
  });

  it('keeps subjects and scopes apart', () => {
    const limits = throttle();
    for (let i = 0; i < 5; i += 1) limits.record('failedProofs', 'amira.khan');
    expect(limits.status('failedProofs', 'ben.okafor')).toEqual({ blocked: false, remaining: 5 });
    expect(limits.status('emailSends', 'amira.khan')).toEqual({ blocked: false, remaining: 10 });
  });

  it('takes back a forgotten event and the block it caused', () => {
    const limits = throttle();
    for (let i = 0; i < 9; i += 1) limits.record('emailSends', 'ben.okafor');
    const tenth = limits.record('emailSends', 'ben.okafor');
    expect(tenth.status.blocked).toBe(true);
    limits.forget(tenth.eventId);
    expect(limits.status('emailSends', 'ben.okafor')).toEqual({ blocked: false, remaining: 1 });
    expect(rowsOf(db, 'throttle_blocks')).toEqual([]);
  });

  it('does not lift a block because an unrelated event is forgotten', () => {
    const limits = throttle();
    const first = limits.record('failedProofs', 'amira.khan');
    for (let i = 0; i < 4; i += 1) limits.record('failedProofs', 'amira.khan');
    limits.forget(first.eventId);
    expect(limits.status('failedProofs', 'amira.khan').blocked).toBe(true);
  });

  it('resets a subject completely (after a successful reset)', () => {
    const limits = throttle();
    for (let i = 0; i < 5; i += 1) limits.record('failedProofs', 'amira.khan');
    limits.reset('failedProofs', 'amira.khan');
    expect(limits.status('failedProofs', 'amira.khan')).toEqual({ blocked: false, remaining: 5 });
    expect(rowsOf(db, 'throttle_events')).toEqual([]);
  });

  it('follows configured limits', () => {
    const limits = throttle({ ...defaults, kioskRequests: { limit: 2, windowMinutes: 1, blockMinutes: 15 } });
    limits.record('kioskRequests', 'kiosk-1');
    expect(limits.record('kioskRequests', 'kiosk-1').status).toEqual({ blocked: true, retryAfterSeconds: 15 * 60 });
  });

  it('keys per-account counters by the lower-cased username as typed', () => {
    expect(throttleSubject('Amira.KHAN')).toBe('amira.khan');
    expect(throttleSubject('No.Such.Person')).toBe('no.such.person');
  });
});
