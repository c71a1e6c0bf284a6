import fc from 'fast-check';
import { childrenEndOf, endsOf, firstChildOf, labelOf, termSources, type FlatTrie, type SourcedTerm } from '../../../electron/core/guessability/flat-trie.js';

/** Shared by the trie tests: terms as code points, random term lists, and what a trie holds. */
export const codes = (text: string) => [...text].map((character) => character.codePointAt(0) as number);

/** Words of `min`..`max` characters drawn from `alphabet`. */
export const wordOf = (alphabet: fc.Arbitrary<string>, min: number, max: number) =>
  fc.array(alphabet, { minLength: min, maxLength: max }).map((chars) => chars.join(''));

/** Up to `maxLength` distinct words, each with a source (an index into termSources). */
export const sourcedTermsOf = (word: fc.Arbitrary<string>, maxLength: number) =>
  fc.uniqueArray(fc.tuple(word, fc.nat(termSources.length - 1)), { minLength: 1, maxLength, selector: ([term]) => term });

export const entriesOf = (terms: readonly [string, number][]): SourcedTerm[] =>
  terms.map(([term, source]) => ({ term: codes(term), source: termSources[source % termSources.length] as SourcedTerm['source'] }));

/** Every term of a trie with the sources that end there: "term:bits", in walk order. */
export function termsWithEnds(trie: FlatTrie): string[] {
  const found: string[] = [];
  const walk = (node: number, prefix: string) => {
    if (endsOf(trie, node) !== 0) found.push(`${prefix}:${endsOf(trie, node)}`);
    for (let child = firstChildOf(trie, node); child < childrenEndOf(trie, node); child += 1) {
      walk(child, prefix + String.fromCodePoint(labelOf(trie, child)));
    }
  };
  walk(0, '');
  return found;
}
