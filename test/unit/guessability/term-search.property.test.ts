import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { passphrases, randomPasswords, weakPasswords } from '../../../bench/password-sets.js';
import { childrenEndOf, endsOf, firstChildOf, labelOf, type FlatTrie } from '../../../electron/core/guessability/flat-trie.js';
import { findDataDirectory, globalTermsFileName } from '../../../electron/core/guessability/data-files.js';
import { loadGlobalTerms } from '../../../electron/core/guessability/global-terms.js';
import { normalisePassword } from '../../../electron/core/guessability/normalise.js';
import {
  buildTermTrie,
  findTermMatches,
  fuzzyMinTermLength,
  letterMask,
  searchLogs,
  type SearchLog,
} from '../../../electron/core/guessability/term-trie.js';
import { codes } from './term-arbitraries.js';

/**
 * The trie search against a plain, slow reading of the same rules, on random small alphabets where
 * terms overlap, share prefixes and suffixes, and nearly match everywhere.
 */
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

/** Every term in a trie, as strings (the reference side searches these with plain string operations). */
function termsOf(trie: FlatTrie): string[] {
  const terms: string[] = [];
  const walk = (node: number, prefix: string) => {
    if (endsOf(trie, node) !== 0) terms.push(prefix);
    for (let child = firstChildOf(trie, node); child < childrenEndOf(trie, node); child += 1) {
      walk(child, prefix + String.fromCodePoint(labelOf(trie, child)));
    }
  };
  walk(0, '');
  return terms;
}

/**
 * The same rules as `reference` above, for a list too long to compare term by term: every string one
 * edit from a stretch of the text is looked up in a Set of the terms.
 */
function referenceBySet(fuzzyTerms: Set<string>, exactTerms: Set<string>, alphabet: readonly string[], text: string, wordStarts: boolean[]) {
  const found = new Set<string>();
  const characters = [...text];
  const longest = Math.max(...[...fuzzyTerms, ...exactTerms].map((term) => [...term].length));
  for (let start = 0; start < characters.length; start += 1) {
    for (let end = start + 1; end <= Math.min(characters.length, start + longest + 1); end += 1) {
      const part = characters.slice(start, end);
      const candidate = part.join('');
      if (fuzzyTerms.has(candidate)) found.add(`${start}-${end}-global-0`);
      if (exactTerms.has(candidate)) found.add(`${start}-${end}-dictionary-0`);
      if (wordStarts.slice(start + 1, end).some(Boolean)) continue;
      const near = (term: string) => [...term].length >= fuzzyMinTermLength && fuzzyTerms.has(term);
      let fuzzy = false;
      for (let i = 0; i <= part.length && !fuzzy; i += 1) {
        // The password lacks a letter of the term: the term has one more character here.
        for (const letter of alphabet) if (near([...part.slice(0, i), letter, ...part.slice(i)].join(''))) fuzzy = true;
        if (i < part.length && isLetter(part[i])) {
          // The password has another letter here. At the first letter the search does not ask whether
          // it differs: a term typed as it is also counts as "first letter replaced", which the
          // exact match beats in the score (see findTermMatches).
          for (const letter of alphabet) if ((letter !== part[i] || i === 0) && near([...part.slice(0, i), letter, ...part.slice(i + 1)].join(''))) fuzzy = true;
          // An extra letter inside the term.
          if (i > 0 && i < part.length - 1 && near([...part.slice(0, i), ...part.slice(i + 1)].join(''))) fuzzy = true;
        }
      }
      if (fuzzy) found.add(`${start}-${end}-global-1`);
    }
  }
  return found;
}

describe('the search of the shipped lists finds what a plain string search finds', () => {
  const globalTerms = loadGlobalTerms(join(findDataDirectory(), globalTermsFileName));
  const fuzzyTerms = new Set(termsOf(globalTerms.fuzzy.main));
  const exactTerms = new Set(termsOf(globalTerms.exact.main));
  const alphabet = [...new Set([...fuzzyTerms].flatMap((term) => [...term]))];

  function search(text: string, wordStarts: boolean[]) {
    const points = codes(text);
    const letters = letterMask(points);
    const starts = Uint8Array.from(wordStarts.map(Number));
    const found = findTermMatches(globalTerms.fuzzy, points, letters, starts);
    findTermMatches(globalTerms.exact, points, letters, starts, found);
    return new Set(found.map((match) => `${match.start}-${match.end}-${match.source}-${match.edits}`));
  }

  it('on the normalised passwords of the bench (human patterns, random, passphrases)', () => {
    const passwords = [
      ...weakPasswords(30, 7).map((entry) => entry.password),
      ...randomPasswords(10, 8),
      ...passphrases(10, 9),
      'C0ntos0Blank12',
      'Liverpool2024',
      'P@55w0rdSummer',
    ];
    for (const password of passwords) {
      const normalised = normalisePassword(password);
      for (const reading of normalised.readings) {
        const text = String.fromCodePoint(...reading);
        const wordStarts = [...normalised.wordStarts].map((flag) => flag === 1);
        expect([...search(text, wordStarts)].sort(), password).toEqual([...referenceBySet(fuzzyTerms, exactTerms, alphabet, text, wordStarts)].sort());
      }
    }
  }, 300_000);

  it('on random strings of letters and digits', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'aeilnorstbcdm0123456789'), { minLength: 1, maxLength: 16 }), (characters) => {
        const text = characters.join('');
        const wordStarts = characters.map(() => false);
        expect([...search(text, wordStarts)].sort()).toEqual([...referenceBySet(fuzzyTerms, exactTerms, alphabet, text, wordStarts)].sort());
      }),
      { seed: 13, numRuns: 30 },
    );
  }, 300_000);
});

describe("a search of another reading takes over the first reading's matches only where that is the same", () => {
  it('gives what a fresh search of the second reading gives, in the same order', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', 'd', '2');
    const word = (min: number, max: number) => fc.array(alphabet, { minLength: min, maxLength: max }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(word(3, 7), { minLength: 1, maxLength: 10 }),
        word(1, 14),
        fc.array(fc.tuple(fc.nat(13), alphabet), { maxLength: 4 }),
        fc.nat(14),
        fc.nat(14),
        (terms, text, changes, a, b) => {
          const trie = buildTermTrie(terms.map((term, i) => ({ term: codes(term), source: i % 2 === 0 ? 'global' : 'dictionary' })));
          const first = codes(text);
          const second = [...first];
          for (const [at, character] of changes) if (at < second.length) second[at] = character.codePointAt(0) as number;
          const [from, to] = [Math.min(a, b), Math.max(a, b)];
          const log = searchLogs(1, first.length)[0] as SearchLog;
          const matches = findTermMatches(trie, first, letterMask(first), undefined, [], 0, first.length, log);
          const firstDifference = new Int32Array(first.length);
          let difference = first.length;
          for (let i = first.length - 1; i >= 0; i -= 1) {
            if (first[i] !== second[i]) difference = i;
            firstDifference[i] = difference;
          }
          const reused = findTermMatches(trie, second, letterMask(second), undefined, [], from, to, undefined, { log, matches, firstDifference });
          const fresh = findTermMatches(trie, second, letterMask(second), undefined, [], from, to);
          expect(reused).toEqual(fresh);
        },
      ),
      { seed: 17, numRuns: 3000 },
    );
  });
});
