import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildFlatTrie, parseFlatTrie, serialiseFlatTrie, type FlatTrie } from '../../../electron/core/guessability/flat-trie.js';
import { shareEqualBranches } from '../../../electron/core/guessability/shared-branches.js';
import { findTermMatches, letterMask, termTrieFrom } from '../../../electron/core/guessability/term-trie.js';
import { codes, entriesOf, sourcedTermsOf, termsWithEnds, wordOf } from './term-arbitraries.js';

const alphabet = fc.constantFrom('a', 'b', 'c', 'é', '2');
const word = (min: number, max: number) => wordOf(alphabet, min, max);
const sourcedTerms = sourcedTermsOf(word(1, 8), 30);

describe('a trie with equal branches stored once (shareEqualBranches)', () => {
  it('holds the same terms with the same sources, in no more nodes, and survives the file round trip', () => {
    fc.assert(
      fc.property(sourcedTerms, (terms) => {
        const tree = buildFlatTrie(entriesOf(terms));
        const shared = shareEqualBranches(tree);
        expect(termsWithEnds(shared)).toEqual(termsWithEnds(tree));
        expect(shared.nodes).toBeLessThanOrEqual(tree.nodes);
        const bytes = serialiseFlatTrie(shared);
        const parsed = parseFlatTrie(Buffer.concat([Buffer.alloc(4), bytes]), 4);
        expect(termsWithEnds(parsed.trie)).toEqual(termsWithEnds(tree));
      }),
      { seed: 21, numRuns: 500 },
    );
  });

  it('finds what the tree finds, as the dictionary trie (exact) and as the tails trie (first-letter edits)', () => {
    const none = buildFlatTrie([]);
    fc.assert(
      fc.property(sourcedTerms, word(0, 16), (terms, text) => {
        const entries = entriesOf(terms);
        const tree = buildFlatTrie(entries);
        const tails = buildFlatTrie(entries.filter((entry) => entry.term.length >= 5), 1);
        const points = codes(text);
        const search = (main: FlatTrie, tailsTrie: FlatTrie) =>
          findTermMatches(termTrieFrom(main, tailsTrie), points, letterMask(points)).map((m) => `${m.start}-${m.end}-${m.source}-${m.edits}`);
        expect(search(shareEqualBranches(tree), none)).toEqual(search(tree, none));
        expect(search(tree, shareEqualBranches(tails))).toEqual(search(tree, tails));
      }),
      { seed: 22, numRuns: 1500 },
    );
  });

  it('stores a shared ending once: "nation", "ration" and "station" end in one "ation" branch', () => {
    const tree = buildFlatTrie(entriesOf([['nation', 5], ['ration', 5], ['station', 5]]));
    const shared = shareEqualBranches(tree);
    // The tree: the root, then 6 + 6 + 7 letters. Shared: the root, its three children, the one
    // "ation" branch (5 nodes, reached from n, r and the t of "st").
    expect(tree.nodes).toBe(20);
    expect(shared.nodes).toBe(1 + 3 + 5 + 1);
    expect(termsWithEnds(shared)).toEqual(['nation:32', 'ration:32', 'station:32']);
  });
});
