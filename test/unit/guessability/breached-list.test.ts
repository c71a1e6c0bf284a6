import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BreachedListFormatError,
  breachedKey,
  buildBreachedListBytes,
  parseBreachedList,
} from '../../../electron/core/guessability/breached-list.js';
import { nobody, shippedEngine } from './shipped-engine.js';

describe('the breached-password check', () => {
  it('reports a password from the shipped leak list, whatever its capitals', () => {
    const engine = shippedEngine();
    expect(engine.check('trustno1', nobody)).toContain('breached');
    expect(engine.check('TrustNo1', nobody)).toContain('breached');
    expect(engine.check('iloveyou', nobody)).toContain('breached');
  });

  it('holds at least a million leaked passwords', () => {
    expect(shippedEngine().stats.breachedEntries).toBeGreaterThanOrEqual(1_000_000);
  });

  it('does not report a password that was never leaked', () => {
    expect(shippedEngine().check('Qv7tLm2xKp9rWz4', nobody)).not.toContain('breached');
  });

  it('finds every password it was built from and, being a filter, wrongly reports at most 0.1% of others', () => {
    const listed = Array.from({ length: 20_000 }, (_, i) => `listed-${i}`);
    const list = parseBreachedList(buildBreachedListBytes(listed.map(breachedKey)));
    expect(listed.every((password) => list.has(password))).toBe(true);
    const others = fc.sample(fc.string({ minLength: 8, maxLength: 20 }), { numRuns: 50_000, seed: 42 }).filter((s) => !s.startsWith('listed-'));
    const falseHits = others.filter((password) => list.has(password)).length;
    expect(falseHits / others.length).toBeLessThanOrEqual(0.001);
  });

  it('measures the false-positive rate of the shipped list at or below 0.1%', () => {
    const engine = shippedEngine();
    // 14-20 random letters and digits: far longer and more random than anything in the leak lists.
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const randomPasswords = fc.sample(
      fc.array(fc.constantFrom(...alphabet), { minLength: 14, maxLength: 20 }).map((chars) => chars.join('')),
      { numRuns: 20_000, seed: 7 },
    );
    const hits = randomPasswords.filter((password) => engine.assess(password, nobody).breached).length;
    expect(hits / randomPasswords.length).toBeLessThanOrEqual(0.001);
  });

  it('is built the same from the same passwords, in any order', () => {
    const a = buildBreachedListBytes(['one', 'two', 'three']);
    const b = buildBreachedListBytes(['three', 'one', 'two', 'one']);
    expect(a.equals(b)).toBe(true);
  });

  it('refuses a file that is not a breached list, or is cut short, with a clear error', () => {
    expect(() => parseBreachedList(Buffer.from('not a list at all'), 'x.bin')).toThrow(BreachedListFormatError);
    const good = buildBreachedListBytes(['one', 'two']);
    expect(() => parseBreachedList(good.subarray(0, good.length - 1), 'cut.bin')).toThrow(/cut\.bin is not usable: truncated/);
  });
});
