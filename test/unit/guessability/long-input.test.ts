import { describe, expect, it } from 'vitest';
import { minGuessesLog10 } from '../../../shared/policy/guess-threshold.js';
import { shippedEngine } from './shipped-engine.js';

const person = { username: 'amira.khan', firstName: 'Amira', lastName: 'Khan' };

/** Letters, digits and symbols from a fixed seed: the same 10,000 characters on every run. */
function randomString(length: number, seed: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%&*';
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i += 1) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out += alphabet[(state >>> 16) % alphabet.length];
  }
  return out;
}

// The composition gate made a piece of every part of a run, so its cost grew with the square of
// the run's length: 10,000 "a"s never finished. The timeout is the guard (a quadratic gate takes
// minutes); it is generous because the machine is shared, and nothing here is timed.
describe('the composition gate on 10,000 characters', () => {
  it('refuses one character typed 10,000 times, in both gates', { timeout: 30_000 }, () => {
    const verdict = shippedEngine().assess('a'.repeat(10_000), person);
    expect(verdict.entraAccepted).toBe(false);
    expect(verdict.composition.refused).toBe(true);
    expect(verdict.composition.log10Guesses).toBeLessThan(minGuessesLog10);
    // Entra's repeat of the whole run is the cheapest piece; the run itself is one piece too.
    expect(verdict.composition.kinds).toEqual(['repeat']);
    expect(verdict.rules).toEqual(['banned_term']);
  });

  it('accepts 10,000 random characters, in both gates', { timeout: 30_000 }, () => {
    const password = randomString(10_000, 12_345);
    expect(new Set(password).size).toBeGreaterThan(60);
    const verdict = shippedEngine().assess(password, person);
    expect(verdict.entraAccepted).toBe(true);
    expect(verdict.composition.refused).toBe(false);
    expect(verdict.composition.log10Guesses).toBeGreaterThan(minGuessesLog10);
    expect(verdict.breached).toBe(false);
    expect(verdict.rules).toEqual([]);
  });
});
