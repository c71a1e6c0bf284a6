import type { TermMatch } from './term-trie.js';

/**
 * A stretch that repeats the stretch just before it ("RoadkingRoadking", "abcabc") adds nothing a
 * guesser has to find: the copy counts as one point, like a banned term. Entra does not do this;
 * zxcvbn does, and "word twice + digits" is a common way to reach a minimum length.
 */
export const repeatMinLength = 3;
const repeatMaxLength = 32;

export function findRepeats(text: readonly number[], out: TermMatch[] = []): TermMatch[] {
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
