import type { Piece } from './piece.js';

/**
 * The cheapest way an attacker's rules build the whole password from pieces and brute-forced
 * characters, in guesses (log10), the way zxcvbn counts it: the product of the parts' guesses
 * times the number of orders of the parts (n!). Characters no piece explains are guessed one by
 * one over the kinds of character the password uses (a-z 26, A-Z 26, 0-9 10, other ASCII 33,
 * anything else 100: "Qk7Wv3Zp" is 8 of 62), as a brute-force mask would; a stretch of them counts
 * as one part.
 *
 * Dynamic programming over (position, parts so far, whether the last part is a brute-forced
 * stretch): O(length x maxParts x pieces). Parts beyond maxParts are counted as maxParts: such a
 * password is long and mixed, and the n! of 12 parts (10^8.7) already puts it far above any threshold.
 */
const maxParts = 12;
const log10Factorial = Array.from({ length: maxParts + 1 }, (_, n) => {
  let sum = 0;
  for (let k = 2; k <= n; k += 1) sum += Math.log10(k);
  return sum;
});

export interface Composition {
  log10Guesses: number;
  /** The pieces of the cheapest composition, in password order (brute-forced characters left out). */
  pieces: Piece[];
}

/** log10 of the number of characters a brute-force guess of one character of this password tries. */
function bruteLog10(text: readonly number[], capitals: Uint8Array): number {
  let lower = 0;
  let digit = 0;
  let other = 0;
  let wide = 0;
  for (const codePoint of text) {
    if (codePoint >= 0x30 && codePoint <= 0x39) digit = 10;
    else if (codePoint >= 0x61 && codePoint <= 0x7a) lower = 26;
    else if (codePoint < 0x80) other = 33;
    else wide = 100;
  }
  const upper = capitals.includes(1) ? 26 : 0;
  return Math.log10(Math.max(10, lower + upper + digit + other + wide));
}

/** Scratch for the dynamic programme, grown as needed and reused: a check allocates no tables. */
let cost = new Float64Array(0);
let from = new Int32Array(0);
let via = new Int32Array(0);
let head = new Int32Array(0);
let nextPiece = new Int32Array(0);

const states = (length: number) => (length + 1) * (maxParts + 1) * 2;
const index = (position: number, parts: number, open: number) => (position * (maxParts + 1) + parts) * 2 + open;

function relax(target: number, value: number, source: number, piece: number): void {
  if (value < (cost[target] as number)) {
    cost[target] = value;
    from[target] = source;
    via[target] = piece;
  }
}

export function cheapestComposition(text: readonly number[], capitals: Uint8Array, pieces: readonly Piece[]): Composition {
  const length = text.length;
  const needed = states(length);
  if (cost.length < needed) {
    cost = new Float64Array(2 * needed);
    from = new Int32Array(2 * needed);
    via = new Int32Array(2 * needed);
  }
  cost.fill(Number.POSITIVE_INFINITY, 0, needed);
  // How each state was reached: the previous state, and the piece taken (-1: one brute-forced character).
  from.fill(-1, 0, needed);
  via.fill(-1, 0, needed);
  cost[index(0, 0, 0)] = 0;

  // The pieces starting at each position, as linked lists in the order given.
  if (head.length < length) head = new Int32Array(2 * length);
  if (nextPiece.length < pieces.length) nextPiece = new Int32Array(2 * pieces.length);
  head.fill(-1, 0, length);
  for (let p = pieces.length - 1; p >= 0; p -= 1) {
    const start = (pieces[p] as Piece).start;
    nextPiece[p] = head[start] as number;
    head[start] = p;
  }

  const brute = bruteLog10(text, capitals);
  for (let position = 0; position < length; position += 1) {
    // Every part is at least one character long: no more parts than characters so far.
    const mostParts = Math.min(maxParts, position);
    // A state is left unexpanded when another here has no more parts, costs no more and is open
    // if it is: whatever follows costs that one no more parts and no more guesses, and n! only grows.
    // Few states here survive that; without it every (parts, open) pair was expanded.
    let cheapestOpen = Number.POSITIVE_INFINITY;
    let cheapestAny = Number.POSITIVE_INFINITY;
    for (let parts = 0; parts <= mostParts; parts += 1) {
      for (let open = 1; open >= 0; open -= 1) {
        const here = index(position, parts, open);
        const value = cost[here] as number;
        if (value >= (open === 1 ? cheapestOpen : cheapestAny)) continue;
        if (open === 1) cheapestOpen = value;
        if (value < cheapestAny) cheapestAny = value;
        // Brute-force one character: it joins an open stretch, or opens a new part.
        relax(index(position + 1, open === 1 ? parts : Math.min(maxParts, parts + 1), 1), value + brute, here, -1);
        for (let p = head[position] as number; p !== -1; p = nextPiece[p] as number) {
          const piece = pieces[p] as Piece;
          relax(index(piece.end, Math.min(maxParts, parts + 1), 0), value + piece.log10Guesses, here, p);
        }
      }
    }
  }

  let best = -1;
  let bestCost = Number.POSITIVE_INFINITY;
  for (let parts = 0; parts <= maxParts; parts += 1) {
    for (let open = 0; open < 2; open += 1) {
      const state = index(length, parts, open);
      const total = (cost[state] as number) + (log10Factorial[parts] as number);
      if (total < bestCost) {
        bestCost = total;
        best = state;
      }
    }
  }
  const chosen: Piece[] = [];
  for (let state = best; state !== -1 && from[state] !== -1; state = from[state] as number) {
    if ((via[state] as number) !== -1) chosen.push(pieces[via[state] as number] as Piece);
  }
  return { log10Guesses: length === 0 ? 0 : bestCost, pieces: chosen.reverse() };
}
