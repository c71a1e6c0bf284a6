import type { RandomSource } from '../../electron/core/ports.js';

/**
 * Deterministic stand-in for the CSPRNG (splitmix32), so a failing test replays exactly. `nextInts`
 * queues exact values for the next int() calls, e.g. to issue a code with leading zeros.
 */
export function createSeededRandom(seed = 20260302): RandomSource & { nextInts(...values: number[]): void } {
  let state = seed >>> 0;
  const queued: number[] = [];

  function next32(): number {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }

  return {
    int(min, max) {
      const value = queued.shift();
      if (value !== undefined) {
        if (value < min || value >= max) throw new Error(`Queued value ${value} is outside [${min}, ${max})`);
        return value;
      }
      // 53 bits of randomness, enough for the largest code space (10^10).
      const unit = (next32() * 2 ** 21 + (next32() >>> 11)) / 2 ** 53;
      return min + Math.floor(unit * (max - min));
    },
    bytes(length) {
      const buffer = Buffer.alloc(length);
      for (let index = 0; index < length; index += 1) buffer[index] = next32() & 0xff;
      return buffer;
    },
    nextInts(...values) {
      queued.push(...values);
    },
  };
}
