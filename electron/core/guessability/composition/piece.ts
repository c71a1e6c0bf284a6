/**
 * A part of a password as an attacker's rules would produce it, with the guesses it costs (log10).
 * The kinds are what the refusal names: stems ("a common sequence", "a common word", "your name")
 * and padding ("a year", "a date", "a common number", "a part repeated").
 */
export const pieceKinds = ['sequence', 'word', 'personal', 'year', 'date', 'digits', 'repeat'] as const;
export type PieceKind = (typeof pieceKinds)[number];

export interface Piece {
  /** Code-point offsets into the normalised password, end exclusive. */
  start: number;
  end: number;
  kind: PieceKind;
  log10Guesses: number;
}

/** What the gate knows of each character beside the normalised text (see normalise.ts). */
export interface Characters {
  text: readonly number[];
  capitals: Uint8Array;
  substituted: Uint8Array;
}

const log10Of2 = Math.log10(2);
/** fewer <= length / 2: every piece of up to 65 characters is counted exactly. */
const maxExactCaseTerms = 32;

function log10Binomial(n: number, k: number): number {
  let sum = 0;
  for (let i = 1; i <= k; i += 1) sum += Math.log10((n - k + i) / i);
  return sum;
}

/**
 * Guesses for the capitals in a stretch, as zxcvbn counts them: none costs nothing; the common
 * shapes (first letter, last letter, all capitals) cost 2; any other mix costs the number of ways
 * to place that many capitals among those letters.
 */
export function caseLog10(characters: Characters, start: number, end: number): number {
  let capitals = 0;
  for (let i = start; i < end; i += 1) capitals += characters.capitals[i] as number;
  const length = end - start;
  if (capitals === 0) return 0;
  const first = characters.capitals[start] === 1;
  const last = characters.capitals[end - 1] === 1;
  if (capitals === length || (capitals === 1 && (first || last))) return log10Of2;
  const fewer = Math.min(capitals, length - capitals);
  // The sum below is O(fewer^2) and only a long piece (a run, over 64 characters) gets here: its
  // largest term alone is enough, and a lower bound, so the piece is never dearer than it was.
  if (fewer > maxExactCaseTerms) return log10Binomial(length, fewer);
  let ways = 0;
  for (let k = 1; k <= fewer; k += 1) ways += 10 ** log10Binomial(length, k);
  return Math.log10(ways);
}

/** Leetspeak costs a factor of 2 for each letter written as a digit or symbol. */
export function leetLog10(characters: Characters, start: number, end: number): number {
  let swaps = 0;
  for (let i = start; i < end; i += 1) swaps += characters.substituted[i] as number;
  return swaps * log10Of2;
}
