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

  it('refuses a run of one or two characters padded to the rules, counting the whole run 1 point', () => {
    // Campus-compliant, and each once scored 5: the run was priced as "111" plus copies of it.
    for (const password of ['111111111111Aa', '7777777777777Qq', 'Abababababab12', 'Qq12121212121212']) {
      expect(shippedEngine().check(password, nobody), password).toEqual(['banned_term']);
    }
    expect(shippedEngine().assess('111111111111Aa', nobody)).toMatchObject({ score: 3, terms: [{ start: 0, end: 12, source: 'global', edits: 0 }] });
  });

  it('leaves a random password without repeats alone', () => {
    expect(shippedEngine().check('Xq7vPz3mWk9tRb', nobody)).toEqual([]);
  });
});
