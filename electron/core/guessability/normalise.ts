/**
 * Entra-style normalisation before banned-term matching: fold the password so that the cheap
 * variations people believe make a word safe (capitals, accents, full-width letters, leetspeak)
 * all land on the same banned term. Banned terms go through this very function at load time, so a
 * term and a password can only meet in normalised form.
 *
 * Published by Microsoft: 0->o, 1->l, $->s, @->a. The rest of the table is ours, chosen from the
 * substitutions that common leaked passwords actually use; each symbol maps to the one letter it
 * most often stands for. 2 and 6 stay digits: they stand for "to"/"z" and "b"/"g" equally often.
 */
export const leetSubstitutions: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  $: 's',
  '@': 'a',
  '!': 'i',
  '|': 'l',
  '+': 't',
  '(': 'c',
  '€': 'e',
};

/**
 * "1", "!" and "|" stand for "l" and "i" about equally often ("L1verpool", "Chr1st1an"): passwords
 * are read both ways (see normaliseVariants); terms are stored with the main table.
 */
const secondReading: Readonly<Record<string, string>> = { '1': 'i', '!': 'l', '|': 'i' };

/**
 * Leetspeak is read only where it stands for letters: inside a word. A run of digits and symbols
 * (the longest stretch between letters) becomes letters when every character in it has a
 * substitution and
 * - it is a single character next to a letter ("1loveyou", "Hell0", "C0ntos0Blank");
 * - or it sits between two letters, is 2 or 3 long ("P@55w0rd", "L1verp00l"), and is not at a
 *   camel-case word boundary (lower case before, capital after: the "79" in "Curry79Bottle" joins
 *   two words, it does not spell one).
 * Anywhere else digits stay digits: "2024", "1990", "123", the "55" in "Zebra55". Reading those as
 * letters too would let digits melt into neighbouring words and cost a passphrase its points;
 * years, sequences and repeats are banned terms of their own. Because a run is judged as a whole,
 * "1990" is the same run in "Summer1990London" as in the banned term "1990", so they still meet.
 */
const maxLeetRunInside = 3;

const printableAscii = /^[\u0020-\u007e]*$/;
const combiningMark = /\p{Mn}/gu;
const letter = /^\p{L}$/u;

const Kind = { Lower: 0, Upper: 1, Substitutable: 2, Digit: 3, Other: 4 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

function kindOf(character: string): Kind {
  if (leetSubstitutions[character] !== undefined) return Kind.Substitutable;
  const code = character.charCodeAt(0);
  if (code >= 0x61 && code <= 0x7a) return Kind.Lower;
  if (code >= 0x41 && code <= 0x5a) return Kind.Upper;
  if (code >= 0x30 && code <= 0x39) return Kind.Digit;
  if (code < 0x80 || !letter.test(character)) return Kind.Other;
  return character.toLowerCase() === character ? Kind.Lower : Kind.Upper;
}

const isLetter = (kind: Kind | undefined) => kind === Kind.Lower || kind === Kind.Upper;
const inRun = (kind: Kind | undefined) => kind === Kind.Substitutable || kind === Kind.Digit;

function readAsLetters(before: Kind | undefined, after: Kind | undefined, length: number): boolean {
  if (length === 1) return isLetter(before) || isLetter(after);
  return isLetter(before) && isLetter(after) && length <= maxLeetRunInside && !(before === Kind.Lower && after === Kind.Upper);
}

/**
 * Compatibility-fold and strip accents, lower-case, then read leetspeak inside words. NFKD +
 * dropping combining marks turns "Montréal" into "montreal" and full-width "ＰＡＳＳ" into "pass";
 * the final NFC puts Hangul and other scripts that NFKD splits back together, so their characters
 * are not counted twice. Returns code points, because scores count characters, never UTF-16 units.
 */
export interface NormalisedPassword {
  /** The normalised password, and a second reading when it has a "1", "!" or "|" read as a letter
   * (all of the same length, so matches from either line up). */
  readings: number[][];
  /** 1 where a capital follows a lower-case letter: a camel-case word starts ("Chill|Tag|Only"). */
  wordStarts: Uint8Array;
  /** 1 where the character was a capital: what the composition gate counts as case variations. */
  capitals: Uint8Array;
  /** 1 where a digit or symbol was read as a letter (leetspeak), for the same reason. */
  substituted: Uint8Array;
}

export function normaliseForMatching(text: string): number[] {
  return normalisePassword(text).readings[0] as number[];
}

export function normalisePassword(text: string): NormalisedPassword {
  const folded = printableAscii.test(text) ? text : text.normalize('NFKD').replace(combiningMark, '').normalize('NFC');
  const characters = [...folded];
  const kinds = characters.map(kindOf);
  const codePoints: number[] = [];
  const otherReadings: [number, number][] = [];
  const wordStarts: number[] = [];
  const capitals: number[] = [];
  const substituted: number[] = [];
  for (let i = 0; i < characters.length; ) {
    if (!inRun(kinds[i])) {
      if (kinds[i] === Kind.Upper && kinds[i - 1] === Kind.Lower) wordStarts.push(codePoints.length);
      if (kinds[i] === Kind.Upper) capitals.push(codePoints.length);
      for (const lowered of (characters[i] as string).toLowerCase()) codePoints.push(lowered.codePointAt(0) as number);
      i += 1;
      continue;
    }
    let end = i;
    let substitutable = true;
    while (inRun(kinds[end])) {
      if (kinds[end] !== Kind.Substitutable) substitutable = false;
      end += 1;
    }
    const asLetters = substitutable && readAsLetters(kinds[i - 1], kinds[end], end - i);
    for (let j = i; j < end; j += 1) {
      const character = characters[j] as string;
      const other = secondReading[character];
      if (asLetters && other !== undefined) otherReadings.push([codePoints.length, other.codePointAt(0) as number]);
      if (asLetters) substituted.push(codePoints.length);
      codePoints.push((asLetters ? (leetSubstitutions[character] as string) : character).codePointAt(0) as number);
    }
    i = end;
  }
  const masks = {
    wordStarts: maskOf(wordStarts, codePoints.length),
    capitals: maskOf(capitals, codePoints.length),
    substituted: maskOf(substituted, codePoints.length),
  };
  if (otherReadings.length === 0) return { readings: [codePoints], ...masks };
  const second = [...codePoints];
  for (const [index, codePoint] of otherReadings) second[index] = codePoint;
  return { readings: [codePoints, second], ...masks };
}

function maskOf(indexes: readonly number[], length: number): Uint8Array {
  const mask = new Uint8Array(length);
  for (const index of indexes) mask[index] = 1;
  return mask;
}

/** The normalised form as a string, for building term lists and for tests. */
export function normalisedText(text: string): string {
  let out = '';
  for (const codePoint of normaliseForMatching(text)) out += String.fromCodePoint(codePoint);
  return out;
}
