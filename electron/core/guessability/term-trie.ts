import {
  childCountBits,
  childCountMask as flatChildCountMask,
  childrenEndOf,
  firstChildOf,
  endsIn as flatEndsIn,
  labelMask,
  labelOf,
  buildFlatTrie,
  childOf as flatChildOf,
  fuzzySourceBits as flatFuzzySourceBits,
  sourceBit,
  termSources as flatTermSources,
  type FlatTrie,
  type SourcedTerm,
  type TermSource,
} from './flat-trie.js';
import { anchorsOf, containsAnAnchor, type Anchors } from './anchors.js';

// Local bindings of what the walks use on every character: under tsx (the bench, the tests) an
// imported binding is read through a getter at each use, which was ~8% of a check.
const childOf = flatChildOf;
const childCountMask = flatChildCountMask;
const endsIn = flatEndsIn;
const fuzzySourceBits = flatFuzzySourceBits;
const termSources = flatTermSources;

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
 *   follow it and only live branches are walked. Each entry also carries what the grandchild ends
 *   and a 32-bit sketch of its children's letters, so that a branch the next letter cannot follow
 *   is dropped without touching the grandchild's node (most of them: at ~500 branches per check,
 *   those scattered reads into the 60,000-node trie were most of the engine's time).
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

export interface TermTrie {
  main: FlatTrie;
  /** False when no term may match fuzzily (a dictionary): only the exact path is walked. */
  fuzzy: boolean;
  /** Fuzzy-length terms without their first letter; a term's length there is depth + 1. */
  tails: FlatTrie;
  /**
   * The skip index (see the top of this file), built per node on first use: skipAt[2 * node] is 0
   * while unbuilt, else 1 + the offset of the node's index in skipPool.data: the number n of
   * distinct grandchild letters, the n letters in ascending order, n + 1 positions (where each
   * letter's entries start, then where the last ends), then the entries, skipEntry numbers each (the
   * grandchild with its end bits above grandchildBits when it ends a fuzzy-length term; the sketch of
   * its children's letters: bit letter % 32), by grandchild letter, then child. The letters sit
   * together and alone, so that finding one reads a line or two of memory, and an entry is two
   * numbers, not four: near the root a node's entries run to hundreds, and reading skip indexes
   * from memory was most of a fuzzy walk's time. skipAt[2 * node + 1] is the sketch of the node's
   * grandchild letters (bit letter % 32), beside the offset: a letter that is not there (40% of the
   * lookups) is told without reading the index.
   */
  skipAt: Int32Array;
  skipPool: { data: Int32Array; used: number };
  /** A small trie's anchors (anchors.ts): a text holding none of them has no match. Null: not tested. */
  anchors: Anchors | null;
}

export function termTrieFrom(main: FlatTrie, tails: FlatTrie, anchors: Anchors | null = null): TermTrie {
  const fuzzy = tails.nodes > 1;
  if (fuzzy && main.nodes > grandchildMask) throw new Error(`a fuzzy term trie holds at most ${grandchildMask} nodes (this one ${main.nodes})`);
  return {
    main,
    tails,
    fuzzy,
    skipAt: new Int32Array(fuzzy ? 2 * main.nodes : 0),
    skipPool: { data: new Int32Array(fuzzy ? 1024 : 0), used: 0 },
    anchors,
  };
}

/** A term that may match with one edit: long enough, and from a source that allows it. */
const mayMatchFuzzily = (entry: SourcedTerm): boolean => entry.term.length >= fuzzyMinTermLength && (sourceBit[entry.source] & fuzzySourceBits) !== 0;

export function buildTermTrie(entries: readonly SourcedTerm[]): TermTrie {
  return termTrieFrom(buildFlatTrie(entries), buildFlatTrie(entries.filter(mayMatchFuzzily), 1), anchorsOf(entries, mayMatchFuzzily));
}

const skipEntry = 2;
/** A grandchild's node number fits below its end bits in one skip entry number. */
const grandchildBits = 24;
const grandchildMask = (1 << grandchildBits) - 1;

/** Bit of a letter in a node's sketch of its children's letters. */
const sketchBit = (letter: number) => 1 << (letter & 31);

/**
 * The offset of `node`'s skip entries in trie.skipPool.data (see TermTrie.skipAt). `depth` is the
 * node's: a walk knows it, the trie does not store it.
 */
function skipIndexOf(trie: TermTrie, node: number, depth: number): number {
  const known = trie.skipAt[2 * node] as number;
  if (known !== 0) return known - 1;
  const main = trie.main;
  const links = main.links;
  // The grandchildren by letter; children ascend and a grandchild's index grows with its child's,
  // so the index breaks ties (by child).
  const entries: number[] = [];
  for (let child = firstChildOf(main, node); child < childrenEndOf(main, node); child += 1) {
    for (let grandchild = firstChildOf(main, child); grandchild < childrenEndOf(main, child); grandchild += 1) entries.push(grandchild);
  }
  entries.sort((a, b) => labelOf(main, a) - labelOf(main, b) || a - b);
  let letters = 0;
  for (let i = 0; i < entries.length; i += 1) {
    if (i === 0 || labelOf(main, entries[i] as number) !== labelOf(main, entries[i - 1] as number)) letters += 1;
  }
  const pool = trie.skipPool;
  const needed = 2 + 2 * letters + skipEntry * entries.length;
  if (pool.used + needed > pool.data.length) {
    const grown = new Int32Array(Math.max(2 * pool.data.length, pool.used + needed));
    grown.set(pool.data.subarray(0, pool.used));
    pool.data = grown;
  }
  const offset = pool.used;
  const data = pool.data;
  data[offset] = letters;
  let letterAt = offset + 1;
  let at = offset + 2 + 2 * letters;
  // A grandchild is two letters below the node: what it ends counts only at a fuzzy length.
  const grandchildLengthCounts = depth + 2 >= fuzzyMinTermLength;
  let letterSketch = 0;
  for (let i = 0; i < entries.length; i += 1) {
    const grandchild = entries[i] as number;
    const label = labelOf(main, grandchild);
    if (i === 0 || label !== labelOf(main, entries[i - 1] as number)) {
      letterSketch |= sketchBit(label);
      data[letterAt] = label;
      data[letterAt + letters] = at;
      letterAt += 1;
    }
    let sketch = 0;
    for (let next = firstChildOf(main, grandchild); next < childrenEndOf(main, grandchild); next += 1) sketch |= sketchBit(labelOf(main, next));
    data[at] = grandchild | ((grandchildLengthCounts ? endsIn(links[2 * grandchild + 1] as number) : 0) << grandchildBits);
    data[at + 1] = sketch;
    at += skipEntry;
  }
  data[letterAt + letters] = at;
  pool.used = at;
  trie.skipAt[2 * node] = offset + 1;
  trie.skipAt[2 * node + 1] = letterSketch;
  return offset;
}

/**
 * Where the node's skip index at `offset` keeps where `letter`'s entries start (they run from
 * data[at] to data[at + 1]), or -1 when no grandchild has that letter.
 */
function skipLetterAt(data: Int32Array, offset: number, letter: number): number {
  const letters = data[offset] as number;
  let low = offset + 1;
  let high = offset + letters;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = data[middle] as number;
    if (found === letter) return middle + letters;
    if (found < letter) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * One search's state, kept in module scope so that a check allocates no arrays: the text, which
 * positions are letters, where each start's word ends, the output, and how far the walk from the
 * current start has read (see SearchLog).
 */
let text: readonly number[] = [];
let letters: Uint8Array = new Uint8Array(0);
let wordEnd = new Int32Array(64);
let out: TermMatch[] = [];
let reach = 0;

function record(allBits: number, start: number, end: number, edits: 0 | 1): void {
  // A misspelling stays inside one word: a fuzzy match across "Chill|Tag" is two words run together.
  if (edits === 1 && end > (wordEnd[start] as number)) return;
  const bits = edits === 1 ? allBits & fuzzySourceBits : allBits;
  // termSources is in rank order: the bit of source r is 1 << r.
  for (let rank = 0; rank < termSources.length; rank += 1) {
    if ((bits & (1 << rank)) !== 0) out.push({ start, end, source: termSources[rank] as TermSource, edits });
  }
}

/**
 * Continues with the edit spent: a plain walk down the main trie from `node`, `depth` letters from
 * the root. The depth is counted here, not read from the trie: one array less to touch per node.
 */
function walkExact(trie: FlatTrie, node: number, depth: number, pos: number, start: number): void {
  const links = trie.links;
  // A fuzzy match ends inside its word (see record): reading past the word's end finds nothing.
  const limit = Math.min(text.length, wordEnd[start] as number);
  let current = node;
  let at = pos;
  let length = depth;
  for (;;) {
    const bits = endsIn(links[2 * current + 1] as number);
    if (bits !== 0 && length >= fuzzyMinTermLength) record(bits, start, at, 1);
    if (at >= limit) return;
    if (at >= reach) reach = at + 1;
    current = childOf(trie, current, text[at] as number);
    if (current === -1) return;
    at += 1;
    length += 1;
  }
}

/**
 * The tails trie walked from one position (tailsFrom): the (end, end bits) of the terms it passed,
 * in order, and one past the furthest position it read.
 */
let tailsFrom = -1;
let tailsFound = new Int32Array(64);
let tailsCount = 0;
let tailsReach = 0;

function walkTails(tails: FlatTrie, pos: number): void {
  const links = tails.links;
  // Replayed for pos and pos - 1, whose words end no later than pos's: see walkExact.
  const limit = Math.min(text.length, wordEnd[pos] as number);
  tailsFrom = pos;
  tailsCount = 0;
  tailsReach = pos;
  let current = 0;
  let at = pos;
  for (;;) {
    const bits = endsIn(links[2 * current + 1] as number);
    // A term's length in the tails trie is its depth + 1; the depth is at - pos.
    if (bits !== 0 && at - pos + 1 >= fuzzyMinTermLength) {
      if (tailsCount + 2 > tailsFound.length) {
        const grown = new Int32Array(2 * tailsFound.length);
        grown.set(tailsFound);
        tailsFound = grown;
      }
      tailsFound[tailsCount] = at;
      tailsFound[tailsCount + 1] = bits;
      tailsCount += 2;
    }
    if (at >= limit) return;
    tailsReach = at + 1;
    current = childOf(tails, current, text[at] as number);
    if (current === -1) return;
    at += 1;
  }
}

/** What walkExact on the tails trie from tailsFrom records for `start`. */
function replayTails(start: number): void {
  for (let i = 0; i < tailsCount; i += 2) record(tailsFound[i + 1] as number, start, tailsFound[i] as number, 1);
  if (tailsReach > reach) reach = tailsReach;
}

/**
 * walkExact from the grandchild of the skip entry at `at`, reading the text from `pos`, with the
 * entry's copy of the grandchild's end bits and its sketch deciding before the trie is touched.
 */
function followSkip(main: FlatTrie, data: Int32Array, at: number, pos: number, start: number, depth: number): void {
  const entry = data[at] as number;
  const bits = entry >>> grandchildBits;
  if (bits !== 0) record(bits, start, pos, 1);
  if (pos >= text.length || pos >= (wordEnd[start] as number)) return;
  if (pos >= reach) reach = pos + 1;
  const letter = text[pos] as number;
  if (((data[at + 1] as number) & sketchBit(letter)) === 0) return;
  const child = childOf(main, entry & grandchildMask, letter);
  if (child !== -1) walkExact(main, child, depth, pos + 1, start);
}

/**
 * From the root at `start`, walks the exact path; at each node records exact ends and tries each
 * kind of edit there. Replacing or skipping a letter by itself is no edit (the exact path covers
 * it), hence the `via !== next` checks.
 */
function walkWithEdit(trie: TermTrie, start: number, fuzzy: boolean): void {
  const main = trie.main;
  const links = main.links;
  const length = text.length;
  // Past the end of the word an edit finds nothing (see record); the exact path goes on.
  const limit = wordEnd[start] as number;
  let node = 0;
  let pos = start;
  for (;;) {
    const bits = endsIn(links[2 * node + 1] as number);
    if (bits !== 0) record(bits, start, pos, 0);
    const next = pos < length ? (text[pos] as number) : -1;
    if (pos < length && pos >= reach) reach = pos + 1;
    const exact = next === -1 ? -1 : childOf(main, node, next);

    if (pos > start && fuzzy && pos <= limit) {
      const after = pos + 1 < length && pos + 2 <= limit ? (text[pos + 1] as number) : -1;
      if (after !== -1 && pos + 1 >= reach) reach = pos + 2;
      const nextIsLetter = pos < length && letters[pos] === 1;
      // A child that ends a fuzzy-length term: its depth is 5 or more, so this node's is 4 or more.
      // On the exact path a node's depth is the letters read: pos - start.
      if (pos - start + 1 >= fuzzyMinTermLength) {
        const children = links[2 * node] as number;
        const firstChild = children >>> childCountBits;
        for (let child = firstChild; child < firstChild + (children & childCountMask); child += 1) {
          const packed = links[2 * child + 1] as number;
          const endBits = endsIn(packed);
          if ((endBits & fuzzySourceBits) === 0) continue;
          // Deletion of the term's last letter ("blan" for "blank").
          record(endBits, start, pos, 1);
          // Substitution of the term's last letter ("blanc"); the same letter is the exact match.
          if (nextIsLetter && (packed & labelMask) !== next) record(endBits, start, pos + 1, 1);
        }
      }
      if (next !== -1 && pos + 1 <= limit && ((links[2 * node] as number) & childCountMask) !== 0) {
        const offset = skipIndexOf(trie, node, pos - start);
        const data = trie.skipPool.data;
        // Grandchildren through the exact path's child are no edit: that walk goes on below.
        const exactChildren = exact === -1 ? 0 : (links[2 * exact] as number);
        const exactFrom = exact === -1 ? -1 : exactChildren >>> childCountBits;
        const exactTo = exact === -1 ? -1 : exactFrom + (exactChildren & childCountMask);
        // Deletion: the password lacks this letter of the term ("blnk").
        const letterSketch = trie.skipAt[2 * node + 1] as number;
        const deleted = (letterSketch & sketchBit(next)) === 0 ? -1 : skipLetterAt(data, offset, next);
        if (deleted !== -1) {
          for (let at = data[deleted] as number; at < (data[deleted + 1] as number); at += skipEntry) {
            const grandchild = (data[at] as number) & grandchildMask;
            if (grandchild < exactFrom || grandchild >= exactTo) followSkip(main, data, at, pos + 1, start, pos - start + 3);
          }
        }
        if (after !== -1 && nextIsLetter) {
          // Substitution: the password has another letter here ("blenk").
          const replaced = (letterSketch & sketchBit(after)) === 0 ? -1 : skipLetterAt(data, offset, after);
          if (replaced !== -1) {
            for (let at = data[replaced] as number; at < (data[replaced + 1] as number); at += skipEntry) {
              const grandchild = (data[at] as number) & grandchildMask;
              if (grandchild < exactFrom || grandchild >= exactTo) followSkip(main, data, at, pos + 2, start, pos - start + 3);
            }
          }
          // Insertion: an extra letter inside the term ("blaank"). Only inside: an extra character
          // at either end is just a neighbouring character, already counted as one point of its own.
          const resumed = childOf(main, node, after);
          if (resumed !== -1) walkExact(main, resumed, pos - start + 1, pos + 2, start);
        }
      }
    }

    if (exact === -1) return;
    node = exact;
    pos += 1;
  }
}

const letter = /^\p{L}$/u;

/**
 * 1 where the normalised text has a letter. Only letters can be a typo: see findTermMatches.
 * `into` (at least text.length long) saves an allocation on every check.
 */
export function letterMask(text: readonly number[], into?: Uint8Array): Uint8Array {
  const mask = into === undefined || into.length < text.length ? new Uint8Array(text.length) : into.subarray(0, text.length);
  for (let i = 0; i < text.length; i += 1) {
    const codePoint = text[i] as number;
    mask[i] = (codePoint >= 0x61 && codePoint <= 0x7a) || (codePoint > 0x7f && letter.test(String.fromCodePoint(codePoint))) ? 1 : 0;
  }
  return mask;
}

/**
 * What a search did from each start, so that a search of another reading of the same password can
 * take over the matches of every start whose walk never read a character where the readings differ
 * (see SearchReuse): data[reachAt + start] is one past the furthest position the walk from start
 * read, and the matches of start are out[data[firstAt + start]] .. out[data[firstAt + start + 1] - 1].
 * Logs of one check share one array (searchLogs).
 */
export interface SearchLog {
  data: Int32Array;
  reachAt: number;
  firstAt: number;
}

/** `count` logs for a text of this length, in one array (`into`, when it is long enough: no allocation). */
export function searchLogs(count: number, length: number, into?: Int32Array): SearchLog[] {
  const needed = count * (2 * length + 1);
  const data = into !== undefined && into.length >= needed ? into : new Int32Array(needed);
  const logs: SearchLog[] = [];
  for (let i = 0; i < count; i += 1) logs.push({ data, reachAt: i * (2 * length + 1), firstAt: i * (2 * length + 1) + length });
  return logs;
}

/** A search of `text` already done on another reading of the same length: its log and its output. */
export interface SearchReuse {
  log: SearchLog;
  matches: readonly TermMatch[];
  /** For each start, the first position at or after it where the two readings differ (or the length). */
  firstDifference: Int32Array;
}

/**
 * Every place where a term of the trie occurs in the text at edit distance 0 or 1. A substituted
 * or inserted character must be a letter: "Dime5" is the word "dime" and a digit, not a misspelt
 * "dimes" (leetspeak digits are letters by now, see normalise.ts), and letting digits stand in for
 * letters would let them melt into the words beside them.
 */
export function findTermMatches(
  trie: TermTrie,
  searched: readonly number[],
  letterAt: Uint8Array,
  wordStarts?: Uint8Array,
  output: TermMatch[] = [],
  /** Only terms starting in [firstStart, lastStart): a reading that differs in a few places only. */
  firstStart = 0,
  lastStart = searched.length,
  log?: SearchLog,
  reuse?: SearchReuse,
  /** 0: exact matches only (the composition gate's leetspeak readings, see composition-gate.ts). */
  maxEdits: 0 | 1 = 1,
): TermMatch[] {
  const from = Math.max(0, firstStart);
  const to = Math.min(searched.length, lastStart);
  if (trie.main.nodes <= 1 || (trie.anchors !== null && !containsAnAnchor(searched, trie.anchors))) {
    // No match anywhere (an empty trie, or none of its anchors in the text). The log says each start
    // read to the end, so that another reading takes over this "nothing" only where it does not
    // differ at all (and is tested for anchors itself).
    if (log !== undefined) {
      for (let start = from; start < to; start += 1) {
        log.data[log.firstAt + start] = output.length;
        log.data[log.reachAt + start] = searched.length;
      }
      log.data[log.firstAt + to] = output.length;
    }
    return output;
  }
  text = searched;
  letters = letterAt;
  out = output;
  tailsFrom = -1;
  if (wordEnd.length < searched.length) wordEnd = new Int32Array(2 * searched.length);
  let nextStart = searched.length;
  for (let i = searched.length - 1; i >= 0; i -= 1) {
    wordEnd[i] = nextStart;
    if (wordStarts !== undefined && wordStarts[i] === 1) nextStart = i;
  }
  try {
    for (let start = from; start < to; start += 1) {
      if (log !== undefined) log.data[log.firstAt + start] = output.length;
      if (reuse !== undefined) {
        const { data, reachAt, firstAt } = reuse.log;
        if ((data[reachAt + start] as number) <= (reuse.firstDifference[start] as number)) {
          // The walk from here would read only what it read in the other reading: the same matches.
          for (let m = data[firstAt + start] as number; m < (data[firstAt + start + 1] as number); m += 1) {
            const match = reuse.matches[m] as TermMatch;
            if (match.edits <= maxEdits) output.push(match);
          }
          if (log !== undefined) log.data[log.reachAt + start] = data[reachAt + start] as number;
          continue;
        }
      }
      reach = start;
      // A fuzzy match spans at least fuzzyMinTermLength - 1 characters of one word (see record):
      // from a start nearer the word's end than that, only the exact walk can find anything.
      const fuzzy = maxEdits === 1 && trie.fuzzy && (wordEnd[start] as number) - start >= fuzzyMinTermLength - 1;
      const first = searched[start] as number;
      if (
        childOf(trie.main, 0, first) === -1 &&
        (!fuzzy || (childOf(trie.tails, 0, first) === -1 && (start + 1 >= searched.length || letterAt[start] !== 1 || childOf(trie.tails, 0, searched[start + 1] as number) === -1)))
      ) {
        // No term starts with this character, nor any term's tail with it or the next: nothing
        // to walk (most starts in the person's and the organisation's few terms).
        reach = fuzzy ? Math.min(start + 2, searched.length) : start + 1;
        if (log !== undefined) log.data[log.reachAt + start] = reach;
        continue;
      }
      walkWithEdit(trie, start, fuzzy);
      if (fuzzy) {
        // An edit of the first letter: deleted ("lank") or replaced ("flank" when "blank" is banned;
        // the exact match, found above, is preferred when the letter was not replaced at all).
        // The walk from start + 1 for this start is the walk from start for the next: walked once.
        if (tailsFrom !== start) walkTails(trie.tails, start);
        replayTails(start);
        if (start + 1 < searched.length && letterAt[start] === 1) {
          walkTails(trie.tails, start + 1);
          replayTails(start);
        }
      }
      if (log !== undefined) log.data[log.reachAt + start] = reach;
    }
    if (log !== undefined) log.data[log.firstAt + to] = output.length;
  } finally {
    // Let go of the caller's arrays.
    text = [];
    out = [];
  }
  return output;
}
