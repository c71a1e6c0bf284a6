/**
 * A trie laid out in typed arrays, so that it can be written to a file at build time and used
 * straight from the bytes at start-up (no per-node objects: ~60,000 banned terms load in a few
 * milliseconds). Node 0 is the root; the children of a node are one contiguous block, sorted by
 * the code point on the edge into them (label); see FlatTrie.links.
 */

/**
 * Where a term came from; decides which rule code a match reports. One bit each, most specific
 * first. 'dictionary' terms (common English words and first names from dictionaries) are global
 * terms matched exactly only: one edit away from some word among 60,000 is almost any string
 * ("blankf" is one letter from "blanks"), so fuzziness there would ban ordinary passwords.
 */
export const termSources = ['username', 'name', 'organisation', 'custom', 'global', 'dictionary'] as const;
export type TermSource = (typeof termSources)[number];
export const sourceBit: Readonly<Record<TermSource, number>> = {
  username: 1,
  name: 2,
  organisation: 4,
  custom: 8,
  global: 16,
  dictionary: 32,
};
export const sourceRank: Readonly<Record<TermSource, number>> = { username: 0, name: 1, organisation: 2, custom: 3, global: 4, dictionary: 5 };
/** Sources whose terms also match at edit distance 1. */
export const fuzzySourceBits = 1 | 2 | 4 | 8 | 16;

export interface FlatTrie {
  nodes: number;
  /**
   * Two numbers per node: links[2i] is the node's first child times 256 plus its number of children
   * (its children are contiguous, sorted by label), links[2i + 1] is the code point on the edge into
   * it (labelBits bits; all ones for the root) with the bit set of the sources whose term ends there
   * above it, and above those its only child's letter (see labelBits). One array, node by node, so
   * that a walk step reads one place in memory, not four: the label found among a node's children
   * sits beside that child's own children and ends. Nodes are numbered children block by children
   * block, depth first: a node's children follow its siblings' block when it is the first child, and
   * deep in the trie, where nodes have one or two children, a word's path runs through neighbouring
   * memory instead of one distant level after another.
   */
  links: Int32Array;
  /**
   * Built at load, not stored: the children of the root and of its children along ASCII code
   * points, as a table (-1: none). Most walks end within two letters, and there a binary search
   * among dozens of children was most of a check's time. The root's block comes first: nodes 1 .. k.
   */
  nearRoot: Int32Array;
  nearRootNodes: number;
}

/**
 * Code points need 21 bits; the 6 source bits sit above them, and above those (5 bits) the letter of
 * the node's only child when it has one and it is a-z (1-26; 0 otherwise): deep in a trie most nodes
 * have one child, and a walk that does not go on there is told so without reading the child's
 * memory (a third of the failed child lookups of a check).
 */
export const labelBits = 21;
export const labelMask = (1 << labelBits) - 1;
export const endsBits = 6;
export const endsMask = (1 << endsBits) - 1;
const onlyChildShift = labelBits + endsBits;
const letterBefore = 0x60; // "a" is 1

/** At most this many children per node (255): the count sits in the low byte of links[2i]. */
export const childCountBits = 8;
export const childCountMask = (1 << childCountBits) - 1;
export const firstChildOf = (trie: FlatTrie, node: number): number => (trie.links[2 * node] as number) >>> childCountBits;
/** One past the node's last child. */
export const childrenEndOf = (trie: FlatTrie, node: number): number => firstChildOf(trie, node) + ((trie.links[2 * node] as number) & childCountMask);
export const labelOf = (trie: FlatTrie, node: number): number => (trie.links[2 * node + 1] as number) & labelMask;
/** Bit set of the sources whose term ends at the node. */
export const endsOf = (trie: FlatTrie, node: number): number => endsIn(trie.links[2 * node + 1] as number);
/** The end bits in a node's second number (links[2i + 1]): the one place that knows what sits above them. */
export const endsIn = (labelWord: number): number => (labelWord >>> labelBits) & endsMask;

const asciiCodes = 128;

export function withNearRoot(trie: Omit<FlatTrie, 'nearRoot' | 'nearRootNodes'>): FlatTrie {
  // The root and its children are nodes 0 .. (one past the root's last child) - 1.
  const nearRootNodes = trie.nodes <= 1 ? trie.nodes : childrenEndOf(trie as FlatTrie, 0);
  const nearRoot = new Int32Array(nearRootNodes * asciiCodes).fill(-1);
  for (let node = 0; node < nearRootNodes; node += 1) {
    for (let child = firstChildOf(trie as FlatTrie, node); child < childrenEndOf(trie as FlatTrie, node); child += 1) {
      const label = labelOf(trie as FlatTrie, child);
      if (label < asciiCodes) nearRoot[node * asciiCodes + label] = child;
    }
  }
  return { ...trie, nearRoot, nearRootNodes };
}

export interface SourcedTerm {
  term: readonly number[];
  source: TermSource;
}

function compareFrom(a: readonly number[], b: readonly number[], from: number): number {
  const length = Math.min(a.length, b.length);
  for (let i = from; i < length; i += 1) {
    const difference = (a[i] as number) - (b[i] as number);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/**
 * Builds the trie of the terms starting at letter `from` of each (1 gives the "tails" trie: every
 * term without its first letter). Terms shorter than `from + 1` letters are left out.
 */
export function buildFlatTrie(entries: readonly SourcedTerm[], from = 0): FlatTrie {
  const sorted = entries.filter((entry) => entry.term.length > from).sort((a, b) => compareFrom(a.term, b.term, from));
  // Breadth first over ranges of the sorted terms: a node is the range of terms sharing its prefix.
  // Each node is a range of the sorted terms sharing its prefix. Nodes get their numbers a children
  // block at a time, and blocks are made depth first (see FlatTrie.links).
  const rangeStart: number[] = [0];
  const rangeEnd: number[] = [sorted.length];
  const labels: number[] = [-1];
  const depths: number[] = [0];
  const ends: number[] = [0];
  const firstChild: number[] = [0];
  const childCount: number[] = [0];
  const pending: number[] = [0];
  while (pending.length > 0) {
    const node = pending.pop() as number;
    const depth = depths[node] as number;
    const position = from + depth;
    let i = rangeStart[node] as number;
    const end = rangeEnd[node] as number;
    let bits = 0;
    // Sorted order puts the terms that end exactly here first.
    while (i < end && (sorted[i] as SourcedTerm).term.length === position) {
      bits |= sourceBit[(sorted[i] as SourcedTerm).source];
      i += 1;
    }
    ends[node] = bits;
    const first = rangeStart.length;
    firstChild[node] = first;
    while (i < end) {
      const codePoint = (sorted[i] as SourcedTerm).term[position] as number;
      const groupStart = i;
      while (i < end && (sorted[i] as SourcedTerm).term[position] === codePoint) i += 1;
      rangeStart.push(groupStart);
      rangeEnd.push(i);
      labels.push(codePoint);
      depths.push(depth + 1);
    }
    const count = rangeStart.length - first;
    if (count > childCountMask) throw new Error(`a banned-term trie node has ${count} children; at most ${childCountMask} fit`);
    childCount[node] = count;
    for (let child = rangeStart.length - 1; child >= first; child -= 1) pending.push(child);
  }
  const nodes = rangeStart.length;
  if (nodes >= 2 ** (31 - childCountBits)) throw new Error(`a banned-term trie holds fewer than ${2 ** (31 - childCountBits)} nodes (this one ${nodes})`);
  const links = new Int32Array(2 * nodes);
  for (let node = 0; node < nodes; node += 1) {
    links[2 * node] = ((firstChild[node] as number) << childCountBits) | (childCount[node] as number);
    links[2 * node + 1] = ((labels[node] as number) & labelMask) | ((ends[node] as number) << labelBits);
  }
  for (let node = 0; node < nodes; node += 1) {
    if (childCount[node] !== 1) continue;
    const label = labels[firstChild[node] as number] as number;
    if (label > letterBefore && label <= letterBefore + 26) links[2 * node + 1] = (links[2 * node + 1] as number) | ((label - letterBefore) << onlyChildShift);
  }
  return withNearRoot({ nodes, links });
}

/** The child of `node` along `codePoint`, or -1. Binary search: the root has dozens of children. */
export function childOf(trie: FlatTrie, node: number, codePoint: number): number {
  if (node < trie.nearRootNodes && codePoint < asciiCodes) return trie.nearRoot[node * asciiCodes + codePoint] as number;
  const links = trie.links;
  const children = links[2 * node] as number;
  const only = (links[2 * node + 1] as number) >>> onlyChildShift;
  if (only !== 0) return codePoint === only + letterBefore ? children >>> childCountBits : -1;
  let low = children >>> childCountBits;
  let high = low + (children & childCountMask) - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const label = (links[2 * middle + 1] as number) & labelMask;
    if (label === codePoint) return middle;
    if (label < codePoint) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

// File layout, little-endian: "SSPRTRI3", u32 nodes, then links (i32 x 2 nodes).
const magic = 'SSPRTRI3';

const byteLength = (nodes: number) => 12 + 8 * nodes;

export function serialiseFlatTrie(trie: FlatTrie): Buffer {
  const bytes = Buffer.alloc(byteLength(trie.nodes));
  bytes.write(magic, 0, 'latin1');
  bytes.writeUInt32LE(trie.nodes, 8);
  let at = 12;
  for (const value of trie.links) at = bytes.writeInt32LE(value, at);
  return bytes;
}

/** Reads a trie written by serialiseFlatTrie; `offset` must be a multiple of 4 within `bytes`. */
export function parseFlatTrie(bytes: Buffer, offset: number): { trie: FlatTrie; next: number } {
  if (bytes.length < offset + 12 || bytes.toString('latin1', offset, offset + 8) !== magic) {
    throw new Error('not a banned-term trie');
  }
  const nodes = bytes.readUInt32LE(offset + 8);
  const length = byteLength(nodes);
  if (nodes === 0 || bytes.length < offset + length) throw new Error('banned-term trie is cut short');
  const links = new Int32Array(bytes.buffer, bytes.byteOffset + offset + 12, 2 * nodes);
  // The root's children are nodes 1 onwards. Only the root is checked here: a check of every node
  // costs milliseconds at start-up (cold code), and the file is a build product that the data-build
  // test rebuilds byte for byte; a file from another build fails on its format version.
  const rootChildren = (links[0] as number) & childCountMask;
  if (nodes > 1 && ((links[0] as number) >>> childCountBits !== 1 || 1 + rootChildren > nodes)) throw new Error('banned-term trie is inconsistent');
  return { trie: withNearRoot({ nodes, links }), next: offset + length };
}
