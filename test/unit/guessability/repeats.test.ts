import { describe, expect, it } from 'vitest';
import { nobody, shippedEngine } from './shipped-engine.js';

describe('a repeated stretch counts one point for the copy', () => {
  it('refuses a word typed twice plus digits', () => {
    const verdict = shippedEngine().assess('MonkeyMonkey77', nobody);
    expect(verdict.terms).toContainEqual({ start: 6, end: 12, source: 'global', edits: 0 });
    expect(verdict).toMatchObject({ score: 4, rules: ['banned_term'] });
  });

  it('counts an unlisted chunk in full once, and each further copy as one point', () => {
    // "xqtv" is 4 points, the two copies 1 each.
    expect(shippedEngine().assess('Xq7vXq7vXq7v', nobody).score).toBe(6);
  });

  it('leaves a random password without repeats alone', () => {
    expect(shippedEngine().check('Xq7vPz3mWk9tRb', nobody)).toEqual([]);
  });
});
