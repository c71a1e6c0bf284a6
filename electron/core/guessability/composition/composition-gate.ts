import type { BreachedList } from '../breached-list.js';
import { leetSubstitutions, type NormalisedPassword } from '../normalise.js';
import type { TermMatch } from '../term-trie.js';
import { cheapestComposition } from './cheapest-composition.js';
import { findPaddingPieces } from './padding.js';
import { pieceKinds, type Characters, type Piece, type PieceKind } from './piece.js';
import { findRunPieces } from './runs.js';
import { echoPieces, leakedWordPieces, repeatPieces, termPieces } from './term-pieces.js';

/**
 * The second gate: how many guesses an attacker's rules need to build the password from stems
 * (banned terms, names, words, keyboard and counting runs, leaked passwords, also in leetspeak) and
 * padding (years, dates, common and repeated numbers, repeats). Entra's score counts every leftover
 * character as a point, so "Aa12345619871988" scores 9 points; here it is a run, a counting run and
 * two years: ~10^8 guesses. Refused under 10^minGuessesLog10 (shared/policy/guess-threshold.ts).
 */
export interface CompositionVerdict {
  log10Guesses: number;
  refused: boolean;
  /** The pieces of the cheapest composition, in password order. */
  pieces: Piece[];
  /** Their kinds, each once, in the order of pieceKinds: what the refusal names. */
  kinds: PieceKind[];
}

export interface CompositionInput {
  password: string;
  normalised: NormalisedPassword;
  /** Banned-term matches on every reading of the password (the same ones Entra's score used). */
  terms: readonly TermMatch[];
  /** Entra's repeats: stretches copying the stretch before them. */
  repeats: readonly TermMatch[];
  /**
   * Finds banned terms starting in [from, to) in another reading of the password, of the same
   * length as normalised.readings[base] (see leetNextToWords), exactly (no edit), and only those
   * covering a character where the readings differ: what an exact search of that reading finds
   * there, in the same order, less what the base reading already had.
   */
  findTerms: (text: readonly number[], base: number, from: number, to: number) => TermMatch[];
  breached: BreachedList;
  minGuessesLog10: number;
}

const substitutionOf = new Map(Object.entries(leetSubstitutions).map(([symbol, letter]) => [symbol.codePointAt(0) as number, letter.codePointAt(0) as number]));
/** "1" stands for "i" as often as for "l" ("Chr1st1na"): the second reading, as in normalise.ts. */
const one = 0x31;
const letterI = 0x69;
const isDigit = (codePoint: number | undefined) => codePoint !== undefined && codePoint >= 0x30 && codePoint <= 0x39;
const isLetter = (codePoint: number | undefined) => codePoint !== undefined && ((codePoint >= 0x61 && codePoint <= 0x7a) || codePoint > 0x7f);
/** The longest banned term: a swap further away than this cannot be inside a term starting there. */
const maxTermLength = 16;
/** Digits read as letters next to a word: at most this many at either end of a digit run. */
const maxSwapsAtEnd = 4;

interface LeetReading {
  readings: number[][];
  substituted: Uint8Array;
  /** Terms can only be new where they cover a swapped digit: start positions [from, to). */
  from: number;
  to: number;
}

/**
 * normalise.ts reads a digit as a letter only inside a word, 1 to 3 long, so that "2024" stays a
 * year. Cracking rules swap more: "S0phi3201012" is "sophie" and a date, "W3573rn" is "western".
 * This reading swaps the substitutable digits that touch a letter (up to 4 from each end of a digit
 * run, stopping at the first digit with no letter to stand for); its words become pieces beside the
 * digits of the usual reading. Its terms are matched exactly (findTerms): an attacker's rules put
 * leetspeak or a typo on a word, rarely both, and the fuzzy walks there cost a quarter of a check.
 */
function leetNextToWords(text: readonly number[], substituted: Uint8Array): LeetReading | null {
  const swapped = new Uint8Array(substituted);
  const first = [...text];
  let from = text.length;
  let to = 0;
  const swap = (i: number) => {
    const letter = substitutionOf.get(text[i] as number);
    if (letter === undefined) return false;
    first[i] = letter;
    swapped[i] = 1;
    from = Math.min(from, i);
    to = Math.max(to, i + 1);
    return true;
  };
  for (let start = 0; start < text.length; start += 1) {
    if (!isDigit(text[start]) || isDigit(text[start - 1])) continue;
    let end = start;
    while (isDigit(text[end])) end += 1;
    if (isLetter(text[start - 1])) for (let i = start; i < Math.min(end, start + maxSwapsAtEnd) && swap(i); i += 1);
    if (isLetter(text[end])) for (let i = end - 1; i >= Math.max(start, end - maxSwapsAtEnd) && swap(i); i -= 1);
  }
  if (to === 0) return null;
  const readings = [first];
  if (first.some((codePoint, i) => swapped[i] === 1 && text[i] === one)) readings.push(first.map((codePoint, i) => (text[i] === one && swapped[i] === 1 ? letterI : codePoint)));
  return { readings, substituted: swapped, from: Math.max(0, from - maxTermLength + 1), to };
}

/**
 * The other way round: digits that normalise.ts read as letters, as the digits they were
 * ("London007london" reads "londonootlondon"; the padding is "007"). Only when the typed password
 * lines up with the normalised one character for character.
 */
function digitsAsTyped(password: string, characters: Characters): number[] | null {
  if (!characters.substituted.includes(1)) return null;
  const typed = [...password];
  if (typed.length !== characters.text.length) return null;
  return characters.text.map((codePoint, i) => {
    const original = (typed[i] as string).codePointAt(0) as number;
    return characters.substituted[i] === 1 && isDigit(original) ? original : codePoint;
  });
}

export function judgeComposition(input: CompositionInput): CompositionVerdict {
  const { normalised } = input;
  const text = normalised.readings[0] as number[];
  const characters: Characters = { text, capitals: normalised.capitals, substituted: normalised.substituted };
  const pieces: Piece[] = [];
  termPieces(input.terms, characters, pieces);
  repeatPieces(input.repeats, pieces);
  echoPieces(characters, pieces);
  findRunPieces(characters, pieces);
  findPaddingPieces(text, pieces);
  const digits = digitsAsTyped(input.password, characters);
  if (digits !== null) {
    findRunPieces({ ...characters, text: digits }, pieces);
    findPaddingPieces(digits, pieces);
  }
  leakedWordPieces(input.password, characters, input.breached, pieces);
  // normalise.ts's second reading ("1" as "i") is a base of its own: "C47h3r1n3" is "catherine" there.
  normalised.readings.forEach((base, index) => {
    const leet = leetNextToWords(base, normalised.substituted);
    if (leet === null) return;
    for (const reading of leet.readings) {
      const found = input.findTerms(reading, index, leet.from, leet.to);
      termPieces(found, { text: reading, capitals: normalised.capitals, substituted: leet.substituted }, pieces);
    }
  });

  const composition = cheapestComposition(text, normalised.capitals, pieces);
  const found = new Set(composition.pieces.map((piece) => piece.kind));
  // Only a composition with a stem or padding in it is refused here: a password no piece explains
  // is as strong as its length, which the length rules judge.
  const refused = composition.log10Guesses < input.minGuessesLog10 && composition.pieces.length > 0;
  return {
    log10Guesses: composition.log10Guesses,
    refused,
    pieces: composition.pieces,
    kinds: pieceKinds.filter((kind) => found.has(kind)),
  };
}
