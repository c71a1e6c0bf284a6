import { describe, expect, it } from 'vitest';
import { cheapestSplit } from '../../../electron/core/guessability/score.js';
import type { TermMatch } from '../../../electron/core/guessability/term-trie.js';

const term = (start: number, end: number, source: TermMatch['source'] = 'global', edits: 0 | 1 = 0): TermMatch => ({
  start,
  end,
  source,
  edits,
});

describe('scoring overlapping terms: the cheapest split of the password counts', () => {
  it('counts each term 1 point and each remaining character 1 point', () => {
    // "xxSUMMERyy": one term, four loose characters.
    expect(cheapestSplit(10, [term(2, 8)]).score).toBe(5);
  });

  it('never counts two overlapping terms both: the split with fewer points wins', () => {
    // "summerain": summer (0-6) and rain (5-9) overlap on "r"; summer + "ain" = 4, "summe" + rain = 6,
    // and the best split is summer + a + i + n.
    const split = cheapestSplit(9, [term(0, 6), term(5, 9)]);
    expect(split.score).toBe(4);
    expect(split.terms).toEqual([term(0, 6)]);
  });

  it('prefers two adjacent terms over one long term that swallows both partly', () => {
    // Terms 0-4, 4-8 and a long 1-7: adjacent pair = 2 points, long one = 1 + 2 loose = 3.
    expect(cheapestSplit(8, [term(1, 7), term(0, 4), term(4, 8)]).score).toBe(2);
  });

  it('does not depend on the order the terms were found in', () => {
    const found = [term(0, 3), term(2, 7), term(3, 9), term(7, 12), term(9, 12)];
    const reversed = [...found].reverse();
    expect(cheapestSplit(12, reversed).score).toBe(cheapestSplit(12, found).score);
    // 0-3, 3-9, 9-12 tile the password: 3 points.
    expect(cheapestSplit(12, found).score).toBe(3);
  });

  it('can never score worse than the plain length', () => {
    expect(cheapestSplit(5, [term(0, 5), term(1, 4)]).score).toBe(1);
    expect(cheapestSplit(5, []).score).toBe(5);
  });

  it('names the most specific source on a tie: the person before the organisation before the lists', () => {
    const split = cheapestSplit(6, [term(0, 6, 'global'), term(0, 6, 'custom'), term(0, 6, 'name')]);
    expect(split.terms).toEqual([term(0, 6, 'name')]);
  });

  it('names the exact match over a fuzzy one at the same place', () => {
    const split = cheapestSplit(5, [term(0, 5, 'global', 1), term(0, 5, 'global', 0)]);
    expect(split.terms).toEqual([term(0, 5, 'global', 0)]);
  });
});
