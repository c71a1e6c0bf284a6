import type { Clock } from '../../electron/core/ports.js';

export interface TestClock extends Clock {
  advance(by: { ms?: number; seconds?: number; minutes?: number; hours?: number }): void;
  set(iso: string): void;
}

/** A clock that moves only when the test says so. Starts on a fixed Monday morning (UTC). */
export function createTestClock(start = '2026-03-02T09:00:00.000Z'): TestClock {
  let now = Date.parse(start);
  if (Number.isNaN(now)) throw new Error(`Not a date: ${start}`);
  return {
    now: () => new Date(now),
    advance({ ms = 0, seconds = 0, minutes = 0, hours = 0 }) {
      now += ms + seconds * 1000 + minutes * 60_000 + hours * 3_600_000;
    },
    set(iso) {
      now = Date.parse(iso);
    },
  };
}
