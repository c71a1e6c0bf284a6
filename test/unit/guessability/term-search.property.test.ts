import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTermTrie, findTermMatches, fuzzyMinTermLength, letterMask } from '../../../electron/core/guessability/term-trie.js';

/**
 * The trie search against a plain, slow reading of the same rules, on random small alphabets where
 * terms overlap, share prefixes and suffixes, and nearly match everywhere.
 */
const codes = (text: string) => [...text].map((character) => character.codePointAt(0) as number);
const isLetter = (character: string | undefined) => character !== undefined && /\p{L}/u.test(character);

function oneEditAway(candidate: string, term: string): boolean {
  if (candidate.length === term.length) {
    // Substitution: one position differs, and the password has a letter there.
    const differing = [...term].map((_, i) => i).filter((i) => candidate[i] !== term[i]);
    return differing.length === 1 && isLetter(candidate[differing[0] as number]);
  }
  if (candidate.length === term.length - 1) {
    // Deletion anywhere in the term.
    return [...term].some((_, i) => term.slice(0, i) + term.slice(i + 1) === candidate);
  }
  if (candidate.length === term.length + 1) {
    // Insertion of a letter strictly inside the term.
    for (let i = 1; i < candidate.length - 1; i += 1) {
      if (isLetter(candidate[i]) && candidate.slice(0, i) + candidate.slice(i + 1) === term) return true;
    }
  }
  return false;
}

function reference(terms: string[], text: string, wordStarts: boolean[]) {
  const exact = new Set<string>();
  const near = new Set<string>();
  for (let start = 0; start < text.length; start += 1) {
    for (let end = start + 1; end <= text.length; end += 1) {
      const candidate = text.slice(start, end);
      const crossesWord = wordStarts.slice(start + 1, end).some(Boolean);
      for (const term of terms) {
        if (candidate === term) exact.add(`${start}-${end}`);
        else if (term.length >= fuzzyMinTermLength && !crossesWord && oneEditAway(candidate, term)) near.add(`${start}-${end}`);
      }
    }
  }
  return { exact, near };
}

describe('the trie search finds exactly what the matching rules describe', () => {
  it('agrees with a brute-force reading on random terms and texts', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', '2');
    const word = (min: number, max: number) => fc.array(alphabet, { minLength: min, maxLength: max }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(word(3, 7), { minLength: 1, maxLength: 8 }),
        word(0, 14),
        fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
        (terms, text, boundaryFlags) => {
          const wordStarts = boundaryFlags.slice(0, text.length).map((flag, i) => i > 0 && flag);
          const trie = buildTermTrie(terms.map((term) => ({ term: codes(term), source: 'custom' })));
          const points = codes(text);
          const found = findTermMatches(trie, points, letterMask(points), Uint8Array.from(wordStarts.map(Number)));
          const expected = reference(terms, text, wordStarts);
          const foundExact = new Set(found.filter((m) => m.edits === 0).map((m) => `${m.start}-${m.end}`));
          const foundAny = new Set(found.map((m) => `${m.start}-${m.end}`));
          expect([...foundExact].sort()).toEqual([...expected.exact].sort());
          expect([...foundAny].sort()).toEqual([...new Set([...expected.exact, ...expected.near])].sort());
        },
      ),
      { seed: 11, numRuns: 3000 },
    );
  });
});
