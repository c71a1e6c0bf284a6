import {
  buildFlatTrie,
  childOf,
  fuzzySourceBits,
  sourceBit,
  sourceRank,
  termSources,
  type FlatTrie,
  type SourcedTerm,
  type TermSource,
} from './flat-trie.js';

/**
 * Banned terms searched with at most one edit (Entra's fuzzy match: one substitution, insertion or
 * deletion). Walking the trie from every start position finds every term at every place in one
 * pass, so the cost grows with the password, not with the list.
 *
 * A naive fuzzy walk tries every child of every node it passes ("what if this letter were any
 * other?"), which near the root means dozens of dead ends per character. Instead:
 * - an edit of a term's first letter is found in a second trie of the terms without their first
 *   letter ("lank" for "blank"): one exact walk instead of one per possible first letter;
 * - deeper down, each node gets a skip index on first use: for every grandchild letter, the
 *   grandchildren reached through any child, so an edit costs one lookup of the letter that must
 *   follow it and only live branches are walked.
 */
export type { TermSource } from './flat-trie.js';
export { sourceRank } from './flat-trie.js';

/**
 * A one-letter slip in a four-letter word is usually another ordinary word (love/live, fire/five):
 * fuzziness there would ban common words without catching anything the exact term does not.
 */
export const fuzzyMinTermLength = 5;

export interface TermMatch {
  /** Code-point offsets into the normalised password, end exclusive. */
  start: number;
  end: number;
  source: TermSource;
  edits: 0 | 1;
}

interface Branch {
  /** The letter of the term that the edit deletes or replaces. */
  via: number;
  node: number;
}

export interface TermTrie {
  main: FlatTrie;
  /** False when no term may match fuzzily (a dictionary): only the exact path is walked. */
  fuzzy: boolean;
  /** Fuzzy-length terms without their first letter; a term's length there is depth + 1. */
  tails: FlatTrie;
  skip: Map<number, Map<number, Branch[]>>;
  fuzzyEnds: Map<number, Branch[]>;
}

export function termTrieFrom(main: FlatTrie, tails: FlatTrie): TermTrie {
  return { main, tails, fuzzy: tails.nodes > 1, skip: new Map(), fuzzyEnds: new Map() };
}

export function buildTermTrie(entries: readonly SourcedTerm[]): TermTrie {
  const fuzzyLength = entries.filter(
    (entry) => entry.term.length >= fuzzyMinTermLength && (sourceBit[entry.source] & fuzzySourceBits) !== 0,
  );
  return termTrieFrom(buildFlatTrie(entries), buildFlatTrie(fuzzyLength, 1));
}

const noBranches: Branch[] = [];

function skipOf(trie: TermTrie, node: number): Map<number, Branch[]> {
  let skip = trie.skip.get(node);
  if (skip === undefined) {
    skip = new Map();
    const { firstChild, label } = trie.main;
    for (let child = firstChild[node] as number; child < (firstChild[node + 1] as number); child += 1) {
      for (let grandchild = firstChild[child] as number; grandchild < (firstChild[child + 1] as number); grandchild += 1) {
        const letter = label[grandchild] as number;
        const branch = { via: label[child] as number, node: grandchild };
        const branches = skip.get(letter);
        if (branches === undefined) skip.set(letter, [branch]);
        else branches.push(branch);
      }
    }
    trie.skip.set(node, skip);
  }
  return skip;
}

function fuzzyEndsOf(trie: TermTrie, node: number): Branch[] {
  let branches = trie.fuzzyEnds.get(node);
  if (branches === undefined) {
    const { firstChild, label, ends, depth } = trie.main;
    branches = [];
    for (let child = firstChild[node] as number; child < (firstChild[node + 1] as number); child += 1) {
      if (((ends[child] as number) & fuzzySourceBits) !== 0 && (depth[child] as number) >= fuzzyMinTermLength) branches.push({ via: label[child] as number, node: child });
    }
    if (branches.length === 0) branches = noBranches;
    trie.fuzzyEnds.set(node, branches);
  }
  return branches;
}

/** Per search: the text, which positions are letters, and where each start's word ends. */
interface Search {
  text: readonly number[];
  letters: Uint8Array;
  /** For a start position, the next camel-case word start after it (or the text's length). */
  wordEnd: Int32Array;
  out: TermMatch[];
}

function record(allBits: number, start: number, end: number, edits: 0 | 1, search: Search): void {
  // A misspelling stays inside one word: a fuzzy match across "Chill|Tag" is two words run together.
  if (edits === 1 && end > (search.wordEnd[start] as number)) return;
  const bits = edits === 1 ? allBits & fuzzySourceBits : allBits;
  const out = search.out;
  for (const source of termSources) {
    if ((bits & (1 << sourceRank[source])) !== 0) out.push({ start, end, source, edits });
  }
}

/** Continues with the edit spent: a plain walk down `trie` (main or tails) from `node`. */
function walkExact(trie: FlatTrie, lengthOffset: number, node: number, pos: number, start: number, search: Search): void {
  const text = search.text;
  let current = node;
  let at = pos;
  for (;;) {
    const bits = trie.ends[current] as number;
    if (bits !== 0 && (trie.depth[current] as number) + lengthOffset >= fuzzyMinTermLength) record(bits, start, at, 1, search);
    if (at >= text.length) return;
    current = childOf(trie, current, text[at] as number);
    if (current === -1) return;
    at += 1;
  }
}

/**
 * From the root at `start`, walks the exact path; at each node records exact ends and tries each
 * kind of edit there. Replacing or skipping a letter by itself is no edit (the exact path covers
 * it), hence the `via !== next` checks.
 */
function walkWithEdit(trie: TermTrie, start: number, search: Search): void {
  const { text, letters } = search;
  const main = trie.main;
  let node = 0;
  let pos = start;
  for (;;) {
    const bits = main.ends[node] as number;
    if (bits !== 0) record(bits, start, pos, 0, search);
    const next = pos < text.length ? (text[pos] as number) : -1;
    const after = pos + 1 < text.length ? (text[pos + 1] as number) : -1;
    const nextIsLetter = letters[pos] === 1;

    if (pos > start && trie.fuzzy) {
      for (const branch of fuzzyEndsOf(trie, node)) {
        const endBits = main.ends[branch.node] as number;
        // Deletion of the term's last letter ("blan" for "blank").
        record(endBits, start, pos, 1, search);
        // Substitution of the term's last letter ("blanc"); the same letter is the exact match.
        if (nextIsLetter && branch.via !== next) record(endBits, start, pos + 1, 1, search);
      }
      const skip = skipOf(trie, node);
      // Deletion: the password lacks this letter of the term ("blnk").
      if (next !== -1) {
        for (const branch of skip.get(next) ?? noBranches) {
          if (branch.via !== next) walkExact(main, 0, branch.node, pos + 1, start, search);
        }
      }
      // Substitution: the password has another letter here ("blenk").
      if (after !== -1 && nextIsLetter) {
        for (const branch of skip.get(after) ?? noBranches) {
          if (branch.via !== next) walkExact(main, 0, branch.node, pos + 2, start, search);
        }
      }
      // Insertion: an extra letter inside the term ("blaank"). Only inside: an extra character
      // at either end is just a neighbouring character, already counted as one point of its own.
      if (after !== -1 && nextIsLetter) {
        const resumed = childOf(main, node, after);
        if (resumed !== -1) walkExact(main, 0, resumed, pos + 2, start, search);
      }
    }

    if (next === -1) return;
    const exact = childOf(main, node, next);
    if (exact === -1) return;
    node = exact;
    pos += 1;
  }
}

const letter = /^\p{L}$/u;

/** 1 where the normalised text has a letter. Only letters can be a typo: see findTermMatches. */
export function letterMask(text: readonly number[]): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const codePoint = text[i] as number;
    mask[i] = (codePoint >= 0x61 && codePoint <= 0x7a) || (codePoint > 0x7f && letter.test(String.fromCodePoint(codePoint))) ? 1 : 0;
  }
  return mask;
}

/**
 * Every place where a term of the trie occurs in the text at edit distance 0 or 1. A substituted
 * or inserted character must be a letter: "Dime5" is the word "dime" and a digit, not a misspelt
 * "dimes" (leetspeak digits are letters by now, see normalise.ts), and letting digits stand in for
 * letters would let them melt into the words beside them.
 */
export function findTermMatches(
  trie: TermTrie,
  text: readonly number[],
  letters: Uint8Array,
  wordStarts: Uint8Array = new Uint8Array(text.length),
  out: TermMatch[] = [],
  /** Only terms starting in [firstStart, lastStart): a reading that differs in a few places only. */
  firstStart = 0,
  lastStart = text.length,
): TermMatch[] {
  if (trie.main.nodes <= 1) return out;
  const wordEnd = new Int32Array(text.length);
  let nextStart = text.length;
  for (let i = text.length - 1; i >= 0; i -= 1) {
    wordEnd[i] = nextStart;
    if (wordStarts[i] === 1) nextStart = i;
  }
  const search: Search = { text, letters, wordEnd, out };
  for (let start = Math.max(0, firstStart); start < Math.min(text.length, lastStart); start += 1) {
    walkWithEdit(trie, start, search);
    if (!trie.fuzzy) continue;
    // An edit of the first letter: deleted ("lank") or replaced ("flank" when "blank" is banned;
    // the exact match, found above, is preferred when the letter was not replaced at all).
    walkExact(trie.tails, 1, 0, start, start, search);
    if (start + 1 < text.length && letters[start] === 1) walkExact(trie.tails, 1, 0, start + 1, start, search);
  }
  return out;
}
