import { caseLog10 as importedCaseLog10, type Characters, type Piece, type PieceKind } from './piece.js';

// A local binding: under tsx an imported one is a getter read at every use (see term-trie.ts).
const caseLog10 = importedCaseLog10;

/**
 * Counting runs ("abc", "123456", "cba"), keyboard rows ("qwerty", "asdf") and one character
 * repeated ("Aa", "77", "8888"): stems people use to fill a password's first characters or its
 * digits. Guesses as zxcvbn counts a sequence: the start (4 for the usual ones, a, z, 0, 1 and 9,
 * else the alphabet), times 2 when it runs backwards, times its length; a repeat costs its
 * character times the count.
 */
const keyboardRows = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'].map((row) => [...row].map((key) => key.codePointAt(0) as number));
/** Starts on one of three letter rows (the digit row is a counting run): rows x keys x 2 ways. */
const keyboardStarts = Math.log10(3 * 10 * 2);
const obviousStarts = new Set([...'az019'].map((character) => character.codePointAt(0) as number));
const minRun = 3;

const isDigit = (codePoint: number) => codePoint >= 0x30 && codePoint <= 0x39;
const isLower = (codePoint: number) => codePoint >= 0x61 && codePoint <= 0x7a;
const alphabetOf = (codePoint: number) => (isDigit(codePoint) ? 10 : isLower(codePoint) ? 26 : 0);

/** Row and column of each ASCII key on the rows above, as row * 16 + column (-1: not on them). */
const keyAt = new Int16Array(128).fill(-1);
keyboardRows.forEach((row, r) => row.forEach((key, column) => (keyAt[key] = r * 16 + column)));

/**
 * Every part of a run is a piece, so that another piece may end or start inside it; but a run of
 * n characters has ~n^2/2 parts, and 10,000 "a"s took minutes. Parts longer than this are left
 * out, except the whole run: a long run stays one cheap piece (10,000 "a"s are still refused), and
 * only a password with a run longer than 32 characters can cost an attacker more than it did
 * (a long interior part is then two pieces). No bench password is longer than 20 characters, and
 * with this bound 10,000 characters of one run take ~1 s, most of it the term matches of the run.
 */
export const maxRunPart = 32;

/**
 * The parts of a run [runStart, runEnd) at least `minLength` long, as pieces of `log10Guesses(start,
 * end)`. A plain function per caller, not a closure per run: a check finds dozens of runs.
 */
function pushParts(
  characters: Characters,
  out: Piece[],
  runStart: number,
  runEnd: number,
  minLength: number,
  log10Guesses: (characters: Characters, start: number, end: number, step: number) => number,
  step: number,
): void {
  for (let start = runStart; start <= runEnd - minLength; start += 1) {
    const last = Math.min(runEnd, start + maxRunPart);
    for (let end = start + minLength; end <= last; end += 1) pushPart(characters, out, start, end, log10Guesses(characters, start, end, step));
  }
  if (runEnd - runStart > maxRunPart) pushPart(characters, out, runStart, runEnd, log10Guesses(characters, runStart, runEnd, step));
}

function pushPart(characters: Characters, out: Piece[], start: number, end: number, log10Guesses: number): void {
  out.push({ start, end, kind: kindOf(characters.text, start), log10Guesses: log10Guesses + caseLog10(characters, start, end) });
}

/** Every run of `minRun` or more characters whose neighbours differ by `step` (by code point, or along a row). */
function pushRuns(
  characters: Characters,
  out: Piece[],
  stepOf: (a: number, b: number) => number,
  guessesAt: (characters: Characters, start: number, end: number, step: number) => number,
) {
  const text = characters.text;
  let runStart = 0;
  let step = 0;
  for (let i = 1; i <= text.length; i += 1) {
    const here = i < text.length ? stepOf(text[i - 1] as number, text[i] as number) : 0;
    if (here !== 0 && here === step) continue;
    // The run [runStart, i) ends here; every part of it long enough is a piece.
    if (step !== 0 && i - runStart >= minRun) {
      pushParts(characters, out, runStart, i, minRun, guessesAt, step);
    }
    // A new run may share its first character with the last one ("abcba").
    runStart = i - 1;
    step = here;
  }
}

/** A run of digits is padding ("a common number"); one of letters is a stem ("a common sequence"). */
const kindOf = (text: readonly number[], start: number): PieceKind => (isDigit(text[start] as number) ? 'digits' : 'sequence');

function countingStep(a: number, b: number): number {
  const alphabet = alphabetOf(a);
  return alphabet !== 0 && alphabet === alphabetOf(b) && Math.abs(b - a) === 1 ? b - a : 0;
}

function keyboardStep(a: number, b: number): number {
  const from = a < 128 ? (keyAt[a] as number) : -1;
  const to = b < 128 ? (keyAt[b] as number) : -1;
  if (from === -1 || to === -1 || from >> 4 !== to >> 4 || from >> 4 === 3) return 0;
  const step = (to & 15) - (from & 15);
  return Math.abs(step) === 1 ? step : 0;
}

function countingLog10(characters: Characters, start: number, end: number, step: number): number {
  const first = characters.text[start] as number;
  const starts = obviousStarts.has(first) ? 4 : alphabetOf(first);
  return Math.log10(starts * (end - start) * (step < 0 ? 2 : 1));
}

const keyboardLog10 = (_characters: Characters, start: number, end: number) => keyboardStarts + Math.log10(end - start);
/** One character repeated: its alphabet (passed as the step) times the count. */
const repeatLog10 = (_characters: Characters, start: number, end: number, alphabet: number) => Math.log10(alphabet * (end - start));

export function findRunPieces(characters: Characters, out: Piece[] = []): Piece[] {
  const text = characters.text;
  pushRuns(characters, out, countingStep, countingLog10);
  pushRuns(characters, out, keyboardStep, keyboardLog10);
  // One character repeated, 2 or more times: "Aa" is the same letter twice with a capital.
  for (let start = 0; start < text.length; ) {
    let end = start + 1;
    while (end < text.length && text[end] === text[start]) end += 1;
    const alphabet = alphabetOf(text[start] as number);
    if (alphabet !== 0) {
      pushParts(characters, out, start, end, 2, repeatLog10, alphabet);
    }
    start = end;
  }
  return out;
}
