import { sourceRank as importedSourceRank, type TermMatch } from './term-trie.js';

// A local binding: under tsx an imported one is a getter read at every use (see term-trie.ts).
const sourceRank = importedSourceRank;

/**
 * Entra's score: each banned term found counts 1 point, each remaining character 1 point.
 *
 * Entra does not publish what happens when found terms overlap ("summerin" holds "summer" and
 * "merin"...). Our rule: the password is split the way the cheapest guess would build it -- the set
 * of non-overlapping terms plus single characters with the fewest points. Overlapping terms can
 * never both count, a term can never make the score worse than its letters would, and the result
 * does not depend on the order in which terms were found. On a tie a term is preferred over loose
 * characters, an exact match over a fuzzy one, and a more specific source over a general one (the
 * person's own name over the global list), so the verdict names the most telling reason.
 */
export interface ScoredSplit {
  score: number;
  /** The terms of the cheapest split, in password order. */
  terms: TermMatch[];
}

function preference(match: TermMatch): number {
  return sourceRank[match.source] * 2 + match.edits;
}

/** On a tie: a term beats loose characters, exact beats fuzzy, the person's own words beat the lists. */
function preferred(candidate: TermMatch, current: TermMatch | null): boolean {
  return current === null || preference(candidate) < preference(current);
}

/** Scratch for cheapestSplit, grown as needed and reused: a check allocates no tables. */
let head = new Int32Array(64);
let next = new Int32Array(256);
let best = new Int32Array(65);
let via = new Int32Array(65);

export function cheapestSplit(length: number, matches: readonly TermMatch[]): ScoredSplit {
  if (head.length < length) head = new Int32Array(2 * length);
  if (best.length < length + 1) {
    best = new Int32Array(2 * length + 2);
    via = new Int32Array(2 * length + 2);
  }
  if (next.length < matches.length) next = new Int32Array(2 * matches.length);
  // Matches starting at each position, as linked lists in typed arrays: no per-position arrays.
  head.fill(-1, 0, length);
  for (let m = matches.length - 1; m >= 0; m -= 1) {
    const start = (matches[m] as TermMatch).start;
    next[m] = head[start] as number;
    head[start] = m;
  }

  // best[i]: fewest points for the characters from i to the end; via[i]: the match used at i, or -1.
  best[length] = 0;
  via.fill(-1, 0, length + 1);
  for (let i = length - 1; i >= 0; i -= 1) {
    best[i] = (best[i + 1] as number) + 1;
    for (let m = head[i] as number; m !== -1; m = next[m] as number) {
      const match = matches[m] as TermMatch;
      const cost = 1 + (best[match.end] as number);
      const current = via[i] as number;
      if (cost < (best[i] as number) || (cost === best[i] && preferred(match, current === -1 ? null : (matches[current] as TermMatch)))) {
        best[i] = cost;
        via[i] = m;
      }
    }
  }

  const terms: TermMatch[] = [];
  for (let i = 0; i < length; ) {
    const m = via[i] as number;
    if (m === -1) {
      i += 1;
    } else {
      const match = matches[m] as TermMatch;
      terms.push(match);
      i = match.end;
    }
  }
  return { score: best[0] as number, terms };
}
