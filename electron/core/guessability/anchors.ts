import type { SourcedTerm } from './flat-trie.js';

/**
 * A cheap test that lets a search of a small trie (the person's names, the organisation's terms)
 * skip a text no term can match. A term matched with at most one edit keeps one of its two halves
 * untouched: a substitution, a deletion or an insertion changes at most one side of the middle. So a
 * text holds a match only if it holds a half of some term as it is ("bench": "be" or "nch"). Checked
 * on every reading the engine searches, this skips most searches of the small tries, which walked
 * every start of every reading and were a tenth of a check.
 */
export interface Anchors {
  /** The anchors by their first code point (most are ASCII: a table; the rest: a map). */
  ascii: readonly (readonly (readonly number[])[] | undefined)[];
  other: ReadonlyMap<number, readonly (readonly number[])[]>;
}

const asciiCodes = 128;

/** Above this many terms (an organisation's custom list), testing every half costs more than it saves. */
export const maxAnchoredTerms = 64;

/**
 * Terms that may match with an edit (`mayMatchFuzzily`, see buildTermTrie) give their halves; the
 * others match only as they are, so the whole term is the anchor ("user" rather than "us" or "er").
 */
export function anchorsOf(entries: readonly SourcedTerm[], mayMatchFuzzily: (entry: SourcedTerm) => boolean): Anchors | null {
  if (entries.length > maxAnchoredTerms) return null;
  const seen = new Set<string>();
  const ascii: number[][][] = [];
  const other = new Map<number, number[][]>();
  for (const entry of entries) {
    const { term } = entry;
    const half = term.length >> 1;
    const pieces = mayMatchFuzzily(entry) && half > 0 ? [term.slice(0, half), term.slice(half)] : [term];
    for (const piece of pieces) {
      const key = piece.join(',');
      if (piece.length === 0 || seen.has(key)) continue;
      seen.add(key);
      const first = piece[0] as number;
      const list = first < asciiCodes ? (ascii[first] ??= []) : other.get(first) ?? (other.set(first, []).get(first) as number[][]);
      list.push([...piece]);
    }
  }
  return { ascii: Array.from({ length: asciiCodes }, (_, code) => ascii[code]), other };
}

export function containsAnAnchor(text: readonly number[], anchors: Anchors): boolean {
  for (let start = 0; start < text.length; start += 1) {
    const code = text[start] as number;
    const list = code < asciiCodes ? anchors.ascii[code] : anchors.other.get(code);
    if (list === undefined) continue;
    for (let a = 0; a < list.length; a += 1) {
      const anchor = list[a] as readonly number[];
      if (start + anchor.length > text.length) continue;
      let k = 1;
      while (k < anchor.length && text[start + k] === anchor[k]) k += 1;
      if (k === anchor.length) return true;
    }
  }
  return false;
}
