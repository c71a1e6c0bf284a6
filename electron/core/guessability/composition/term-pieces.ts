import type { BreachedList } from '../breached-list.js';
import type { TermMatch, TermSource } from '../term-trie.js';
import { caseLog10 as importedCaseLog10, leetLog10 as importedLeetLog10, type Characters, type Piece, type PieceKind } from './piece.js';

// Local bindings: under tsx an imported one is a getter read at every use (see term-trie.ts).
const caseLog10 = importedCaseLog10;
const leetLog10 = importedLeetLog10;

/**
 * Banned-term matches (the same ones Entra's score uses) as stems, with what each costs an attacker.
 * Our lists have no word ranks, so a word costs its whole list: the fuzzy list (curated and leaked
 * base words, ~29,000) 10^4.5, the dictionaries (~71,000 English words and first names) 10^4.9.
 * The person's own names and the organisation's terms are what a targeted guess tries first: 10.
 * The organisation's custom list holds at most 1000 terms: 10^3.
 */
const sourceLog10: Readonly<Record<TermSource, number>> = {
  username: 1,
  name: 1,
  organisation: 1,
  custom: 3,
  global: 4.5,
  dictionary: 4.9,
};
const sourceKind: Readonly<Record<TermSource, PieceKind>> = {
  username: 'personal',
  name: 'personal',
  organisation: 'word',
  custom: 'word',
  global: 'word',
  dictionary: 'word',
};
const stems = Object.fromEntries(
  (Object.keys(sourceLog10) as TermSource[]).map((source) => [source, { kind: sourceKind[source], log10Guesses: sourceLog10[source] }]),
) as Readonly<Record<TermSource, { kind: PieceKind; log10Guesses: number }>>;
const { dictionary, global, custom, organisation, name, username } = stems;

/**
 * A switch, not `stems[source]`: a property looked up by a string that varies is a slow generic
 * lookup in V8, and this runs for every term found (a quarter of the gate's own time in profiles).
 */
function stemOf(source: TermSource): { kind: PieceKind; log10Guesses: number } {
  switch (source) {
    case 'dictionary':
      return dictionary;
    case 'global':
      return global;
    case 'custom':
      return custom;
    case 'organisation':
      return organisation;
    case 'name':
      return name;
    case 'username':
      return username;
  }
}

/** One letter changed, added or dropped: where (the length) times which letter times which edit. */
const editLog10ByLength = Array.from({ length: 65 }, (_, length) => Math.log10(length * 26 * 3));
const editLog10 = (length: number) => (length < editLog10ByLength.length ? (editLog10ByLength[length] as number) : Math.log10(length * 26 * 3));
/** A copy of a part already in the password: which part, and whether it is recapitalised. */
const repeatLog10 = Math.log10(2 * 2);

export function termPieces(matches: readonly TermMatch[], characters: Characters, out: Piece[] = []): Piece[] {
  const text = characters.text;
  for (const match of matches) {
    const { start, end } = match;
    const variations = caseLog10(characters, start, end) + leetLog10(characters, start, end);
    const stem = stemOf(match.source);
    out.push({ start, end, kind: stem.kind, log10Guesses: stem.log10Guesses + (match.edits === 1 ? editLog10(end - start) : 0) + variations });
    if (match.edits === 0 && end - start >= 3 && occursBefore(text, start, end)) {
      out.push({ start, end, kind: 'repeat', log10Guesses: repeatLog10 + leetLog10(characters, start, end) });
    }
  }
  return out;
}

function occursBefore(text: readonly number[], start: number, end: number): boolean {
  const length = end - start;
  for (let from = 0; from + length <= start; from += 1) {
    let same = true;
    for (let k = 0; k < length && same; k += 1) same = text[from + k] === text[start + k];
    if (same) return true;
  }
  return false;
}

/** Entra's repeats (a stretch copying the stretch just before it) as pieces of their own. */
export function repeatPieces(repeats: readonly TermMatch[], out: Piece[] = []): Piece[] {
  for (const { start, end } of repeats) out.push({ start, end, kind: 'repeat', log10Guesses: repeatLog10 });
  return out;
}

/**
 * Any stretch of 4 or more characters that already occurred earlier, not only right before
 * ("Zhei1999Zhei", "Shouldn999Shouldn"): the stem is paid for once, its copy costs a repeat. Skipped
 * for passwords over 64 characters, where the search would cost more than such a copy can matter.
 */
const echoMinLength = 4;
const echoMaxText = 64;

export function echoPieces(characters: Characters, out: Piece[] = []): Piece[] {
  const text = characters.text;
  if (text.length > echoMaxText) return out;
  for (let start = echoMinLength; start + echoMinLength <= text.length; start += 1) {
    let longest = 0;
    for (let from = 0; from + echoMinLength <= start; from += 1) {
      let length = 0;
      while (from + length < start && start + length < text.length && text[from + length] === text[start + length]) length += 1;
      longest = Math.max(longest, length);
    }
    for (let length = echoMinLength; length <= longest; length += 1) {
      out.push({ start, end: start + length, kind: 'repeat', log10Guesses: repeatLog10 + caseLog10(characters, start, start + length) });
    }
  }
  return out;
}

/**
 * A word of the password (a run of letters, split at camel-case capitals) that is itself a leaked
 * password ("Abgrtyu", "Vkontakte"): attackers run their leaked lists as stems too. It costs the
 * list's size, 10^6.1, so it matters only for words of 5 or more letters (26^5 is 10^7.1). Only
 * whole words are looked up, a few per password: the list's fingerprints answer "yes" by mistake
 * once in 3,500 lookups, and every lookup is a chance to misjudge a random password.
 */
const leakedLog10 = Math.log10(1_300_000);
const leakedMinLength = 5;
const leakedMaxLength = 16;

export function leakedWordPieces(password: string, characters: Characters, breached: BreachedList, out: Piece[] = []): Piece[] {
  const typed = [...password];
  if (typed.length !== characters.text.length) return out;
  const { capitals } = characters;
  // A word that already has a piece no dearer (a listed term as it stands: 10^4.5-10^4.9 with the
  // same case variations) would not be built from a leaked word: the lookup is skipped.
  const found = out.length;
  for (let start = 0; start < typed.length; ) {
    if (!isLetter(typed[start] as string)) {
      start += 1;
      continue;
    }
    let end = start + 1;
    while (end < typed.length && isLetter(typed[end] as string) && !(capitals[end] === 1 && capitals[end - 1] === 0)) end += 1;
    if (end - start >= leakedMinLength && end - start <= leakedMaxLength) {
      const log10Guesses = leakedLog10 + caseLog10(characters, start, end);
      if (!hasPieceNoDearer(out, found, start, end, log10Guesses) && breached.has(typed.slice(start, end).join(''))) out.push({ start, end, kind: 'word', log10Guesses });
    }
    start = end;
  }
  return out;
}

/** Whether pieces[0 .. count) hold one spanning exactly start .. end at no more than `log10Guesses`. */
function hasPieceNoDearer(pieces: readonly Piece[], count: number, start: number, end: number, log10Guesses: number): boolean {
  for (let i = 0; i < count; i += 1) {
    const piece = pieces[i] as Piece;
    if (piece.start === start && piece.end === end && piece.log10Guesses <= log10Guesses) return true;
  }
  return false;
}

/** ASCII letters by code; beyond ASCII, what \p{L} says (rare, so the regular expression is rarely run). */
const letter = /^\p{L}$/u;
function isLetter(character: string): boolean {
  const code = character.charCodeAt(0);
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return letter.test(character);
}
