import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anchorsOf, containsAnAnchor, maxAnchoredTerms } from '../../../electron/core/guessability/anchors.js';
import { buildFlatTrie, type SourcedTerm } from '../../../electron/core/guessability/flat-trie.js';
import { codes, entriesOf, sourcedTermsOf, wordOf } from './term-arbitraries.js';
import {
  buildTermTrie,
  findTermMatches,
  letterMask,
  searchLogs,
  termTrieFrom,
  type TermMatch,
  type TermTrie,
} from '../../../electron/core/guessability/term-trie.js';

const shown = (matches: readonly TermMatch[]) => matches.map((m) => `${m.start}-${m.end}-${m.source}-${m.edits}`);

/** The same trie without the anchor test: what the search finds by walking every start. */
const unanchored = (trie: TermTrie): TermTrie => termTrieFrom(trie.main, trie.tails, null);

const alphabet = fc.constantFrom('a', 'b', 'c', 'd', 'é', '1');
const word = (min: number, max: number) => wordOf(alphabet, min, max);
const sourcedTerms = sourcedTermsOf(word(1, 7), 6);
const wordStartsOf = (flags: readonly boolean[], length: number) => Uint8Array.from(flags.slice(0, length).map((flag, i) => Number(i > 0 && flag)));

describe("the small tries' anchor test (anchors.ts)", () => {
  it('takes halves of the terms that may match with an edit, and whole terms of the others', () => {
    const bench: SourcedTerm = { term: codes('bench'), source: 'username' };
    const user: SourcedTerm = { term: codes('user'), source: 'username' };
    const anchors = anchorsOf([bench, user], (entry) => entry === bench);
    expect(anchors).not.toBeNull();
    const holds = (text: string) => containsAnAnchor(codes(text), anchors as NonNullable<typeof anchors>);
    expect(['xbexx', 'xxnch', 'userx'].map(holds)).toEqual([true, true, true]);
    // "bxnch" is one edit from "bench" and keeps "nch"; "us" alone is no part of "user".
    expect(['bxnch', 'usxx', 'benxh'].map(holds)).toEqual([true, false, true]);
    expect(anchorsOf(Array.from({ length: maxAnchoredTerms + 1 }, (_, i) => ({ term: codes(`term${i}`), source: 'custom' })), () => false)).toBeNull();
  });

  it('never skips a text with a match: the search finds the same with and without it', () => {
    fc.assert(
      fc.property(sourcedTerms, word(0, 16), fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }), (terms, text, flags) => {
        const trie = buildTermTrie(entriesOf(terms));
        const points = codes(text);
        const wordStarts = wordStartsOf(flags, points.length);
        const anchored = findTermMatches(trie, points, letterMask(points), wordStarts);
        expect(shown(anchored)).toEqual(shown(findTermMatches(unanchored(trie), points, letterMask(points), wordStarts)));
        if (anchored.length > 0) expect(containsAnAnchor(points, trie.anchors as NonNullable<TermTrie['anchors']>)).toBe(true);
      }),
      { seed: 31, numRuns: 3000 },
    );
  });

  it("leaves a log that another reading may take over: the same matches as that reading's own search", () => {
    fc.assert(
      fc.property(sourcedTerms, word(1, 16), fc.array(fc.nat(15), { maxLength: 3 }), (terms, text, changed) => {
        const trie = buildTermTrie(entriesOf(terms));
        const base = codes(text);
        // Another reading of the same length, another letter at a few places (as leetspeak readings
        // differ): it may hold matches, and anchors, that the first has not.
        const other = base.map((code, i) => (changed.includes(i) ? (code === 0x61 ? 0x62 : 0x61) : code));
        const firstDifference = new Int32Array(base.length);
        let difference = base.length;
        for (let i = base.length - 1; i >= 0; i -= 1) {
          if (other[i] !== base[i]) difference = i;
          firstDifference[i] = difference;
        }
        const [log] = searchLogs(1, base.length);
        const matches = findTermMatches(trie, base, letterMask(base), undefined, [], 0, base.length, log);
        for (const maxEdits of [0, 1] as const) {
          const reused = findTermMatches(trie, other, letterMask(other), undefined, [], 0, other.length, undefined, { log: log!, matches, firstDifference }, maxEdits);
          const own = findTermMatches(unanchored(trie), other, letterMask(other), undefined, [], 0, other.length, undefined, undefined, maxEdits);
          expect(shown(reused)).toEqual(shown(own));
        }
      }),
      { seed: 32, numRuns: 2000 },
    );
  });

  it('is used only by the small tries built at run time, not by the shipped lists', () => {
    const many = Array.from({ length: maxAnchoredTerms + 1 }, (_, i): SourcedTerm => ({ term: codes(`word${String.fromCodePoint(0x61 + (i % 26))}${i}`), source: 'global' }));
    expect(buildTermTrie(many).anchors).toBeNull();
    expect(termTrieFrom(buildFlatTrie(many), buildFlatTrie(many, 1)).anchors).toBeNull();
  });
});
