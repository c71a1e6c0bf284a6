import type { TermMatch } from './term-trie.js';

/**
 * A stretch that repeats the stretch just before it ("RoadkingRoadking", "abcabc") adds nothing a
 * guesser has to find: the copy counts as one point, like a banned term. Entra does not do this;
 * zxcvbn does, and "word twice + digits" is a common way to reach a minimum length.
 */
export const repeatMinLength = 3;
const repeatMaxLength = 32;

export function findRepeats(text: readonly number[], out: TermMatch[] = []): TermMatch[] {
  findShortPeriodRuns(text, out);
  for (let start = repeatMinLength; start < text.length; start += 1) {
    const longest = Math.min(repeatMaxLength, start, text.length - start);
    for (let length = repeatMinLength; length <= longest; length += 1) {
      let same = true;
      for (let k = 0; k < length && same; k += 1) same = text[start + k] === text[start - length + k];
      if (same) out.push({ start, end: start + length, source: 'global', edits: 0 });
    }
  }
  return out;
}

/**
 * A run of one or two characters repeated ("111111111111", "abababab") is too short a chunk for the
 * copies above, which only saw "111" and its copies: twelve ones cost 3 points and "111111111111Aa"
 * passed. Such a run, at least 3 characters beyond its first period, counts 1 point as a whole,
 * like the listed runs "1111" and "aaaa" it extends.
 */
function findShortPeriodRuns(text: readonly number[], out: TermMatch[]): void {
  for (let period = 1; period < repeatMinLength; period += 1) {
    let runStart = -1;
    for (let i = period; i <= text.length; i += 1) {
      if (i < text.length && text[i] === text[i - period]) {
        if (runStart === -1) runStart = i;
        continue;
      }
      if (runStart !== -1) {
        for (let end = runStart + repeatMinLength; end <= i; end += 1) out.push({ start: runStart - period, end, source: 'global', edits: 0 });
        runStart = -1;
      }
    }
  }
}
