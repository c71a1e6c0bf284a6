import { describe, expect, it } from 'vitest';
import { fuzzyMinTermLength } from '../../../electron/core/guessability/term-trie.js';
import { nobody, shippedEngine } from './shipped-engine.js';

// A made-up custom term that is in no shipped list, so every match below is the custom term's.
const engine = () => shippedEngine({ customTerms: ['zorbaquix'], organisationName: 'Northfield' });
const customTerms = (password: string) =>
  engine()
    .assess(password, nobody)
    .terms.filter((term) => term.source === 'custom')
    .map(({ start, end, edits }) => ({ start, end, edits }));

describe('banned terms are found at edit distance 1 inside a longer password', () => {
  it('finds the exact term in the middle', () => {
    expect(customTerms('Kq7zorbaquix4Wt')).toEqual([{ start: 3, end: 12, edits: 0 }]);
  });

  it('finds it with one letter substituted', () => {
    expect(customTerms('Kq7zorbequix4Wt')).toEqual([{ start: 3, end: 12, edits: 1 }]);
  });

  it('finds it with one letter inserted inside it', () => {
    expect(customTerms('Kq7zorbaaquix4Wt')).toEqual([{ start: 3, end: 13, edits: 1 }]);
  });

  it('finds it with one letter deleted, also its first or last letter', () => {
    expect(customTerms('Kq7zorbqux4Wt')).toEqual([]);
    expect(customTerms('Kq7zorbquix4Wt')).toEqual([{ start: 3, end: 11, edits: 1 }]);
    expect(customTerms('Kq7korbaquix')).toEqual([{ start: 3, end: 12, edits: 1 }]);
    expect(customTerms('Kq7Korbaquix')).toEqual([{ start: 3, end: 12, edits: 1 }]);
    expect(customTerms('orbaquixKq7Wt')).toEqual([{ start: 0, end: 8, edits: 1 }]);
    expect(customTerms('Kq7zorbaqui')).toEqual([{ start: 3, end: 11, edits: 1 }]);
  });

  it('does not match at distance 2', () => {
    expect(customTerms('Kq7zerbequix4Wt')).toEqual([]);
    expect(customTerms('Kq7zrbaqux4Wt')).toEqual([]);
  });

  it('does not let an extra character at either end join the term (it is a point of its own)', () => {
    const verdict = engine().assess('XZorbaquixY', nobody);
    expect(verdict.terms).toContainEqual({ start: 1, end: 10, source: 'custom', edits: 0 });
    expect(verdict.score).toBe(3);
  });

  it('does not let a digit stand in for a letter: "Zorbaqui7" is the term cut short and a digit', () => {
    expect(customTerms('Kq7zorbaqui77W')).toEqual([{ start: 3, end: 11, edits: 1 }]);
    expect(customTerms('Kq7zorbaqu88Wt')).toEqual([]);
  });

  it('does not let a misspelling span two camel-case words, while an exact match may', () => {
    expect(customTerms('Kq7ZorbaQuiz4Wt')).toEqual([]);
    expect(customTerms('Kq7Zorbaquiz4Wt')).toEqual([{ start: 3, end: 12, edits: 1 }]);
    expect(customTerms('Kq7ZorbaQuix4Wt')).toEqual([{ start: 3, end: 12, edits: 0 }]);
  });

  it('matches dictionary words (English words, first names) exactly only', () => {
    const engine = shippedEngine();
    expect(engine.assess('xxblanketxx', nobody).terms).toContainEqual({ start: 2, end: 9, source: 'dictionary', edits: 0 });
    expect(engine.assess('xxblanqetxx', nobody).terms.filter((term) => term.source === 'dictionary' && term.end - term.start >= 6)).toEqual([]);
  });

  it(`is exact for terms shorter than ${fuzzyMinTermLength} characters, where one slip is another word`, () => {
    const short = shippedEngine({ customTerms: ['qzxv'] });
    const custom = (password: string) => short.assess(password, nobody).terms.filter((term) => term.source === 'custom');
    expect(custom('Kq7qzxv4Wt')).toHaveLength(1);
    expect(custom('Kq7qzyv4Wt')).toEqual([]);
  });
});
