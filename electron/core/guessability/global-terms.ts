import { readDataFile } from './data-files.js';
import { parseFlatTrie, serialiseFlatTrie, type FlatTrie, type SourcedTerm } from './flat-trie.js';
import { normaliseForMatching } from './normalise.js';
import { shareEqualBranches } from './shared-branches.js';
import { buildTermTrie, termTrieFrom, type TermTrie } from './term-trie.js';

/**
 * The global banned-term list, compiled at build time (`npm run build:data`) from the text lists in
 * data/banned-terms/ into data/banned-terms.bin: the normalised terms as two flat tries (see
 * flat-trie.ts). Loading is one file read; the text lists stay the reviewed source.
 *
 * The fuzzy terms (curated and leaked base words) and the exact-only dictionary words live in
 * separate tries, so that the fuzzy search never wanders through the dense dictionary.
 *
 * Layout: "SSPRGTL1", u32 format 5, u32 distinct terms, then the fuzzy trie (main, tails), then
 * the dictionary trie (main, tails: empty). The tails and the dictionary store equal branches once
 * (shared-branches.ts).
 */
const magic = 'SSPRGTL1';
const formatVersion = 5;
const headerBytes = 16;

/** Shorter global terms would match by chance in every random password. */
export const globalMinTermLength = 3;

export interface GlobalTerms {
  fuzzy: TermTrie;
  exact: TermTrie;
  terms: number;
  bytes: number;
}

export class GlobalTermsFormatError extends Error {
  constructor(path: string, reason: string) {
    super(`The banned-term list ${path} is not usable: ${reason}. Rebuild it with \`npm run build:data\`.`);
    this.name = 'GlobalTermsFormatError';
  }
}

/** `fuzzy` terms match at edit distance 1, `exact` (dictionary) terms only as they are. */
export function buildGlobalTermsBytes(lists: { fuzzy: Iterable<string>; exact: Iterable<string> }): Buffer {
  const distinct = new Map<string, SourcedTerm>();
  // Exact first, so that a word in both lists keeps its fuzzy matching.
  for (const [terms, source] of [
    [lists.exact, 'dictionary'],
    [lists.fuzzy, 'global'],
  ] as const) {
    for (const term of terms) {
      const normalised = normaliseForMatching(term);
      if (normalised.length >= globalMinTermLength) distinct.set(normalised.join(','), { term: normalised, source });
    }
  }
  const entries = [...distinct.values()];
  const fuzzy = buildTermTrie(entries.filter((entry) => entry.source === 'global'));
  const exact = buildTermTrie(entries.filter((entry) => entry.source === 'dictionary'));
  const header = Buffer.alloc(headerBytes);
  header.write(magic, 0, 'latin1');
  header.writeUInt32LE(formatVersion, 8);
  header.writeUInt32LE(distinct.size, 12);
  // The fuzzy main trie stays a tree: its skip index tells branches apart by node (term-trie.ts).
  const stored = [fuzzy.main, shareEqualBranches(fuzzy.tails), shareEqualBranches(exact.main), exact.tails];
  return Buffer.concat([header, ...stored.map(serialiseFlatTrie)]);
}

export function parseGlobalTerms(file: Buffer, path = '(in memory)'): GlobalTerms {
  if (file.length < headerBytes || file.toString('latin1', 0, 8) !== magic) throw new GlobalTermsFormatError(path, 'unknown file format');
  if (file.readUInt32LE(8) !== formatVersion) throw new GlobalTermsFormatError(path, 'unsupported format version');
  // Typed-array views need 4-byte alignment; a Buffer from the shared pool may not have it.
  const aligned = file.byteOffset % 4 === 0 ? file : Buffer.from(file);
  try {
    const tries: FlatTrie[] = [];
    let offset = headerBytes;
    for (let i = 0; i < 4; i += 1) {
      const parsed = parseFlatTrie(aligned, offset);
      tries.push(parsed.trie);
      offset = parsed.next;
    }
    if (offset !== aligned.length) throw new Error('trailing bytes');
    const [fuzzyMain, fuzzyTails, exactMain, exactTails] = tries as [FlatTrie, FlatTrie, FlatTrie, FlatTrie];
    return {
      fuzzy: termTrieFrom(fuzzyMain, fuzzyTails),
      exact: termTrieFrom(exactMain, exactTails),
      terms: aligned.readUInt32LE(12),
      bytes: aligned.length,
    };
  } catch (error) {
    throw new GlobalTermsFormatError(path, (error as Error).message);
  }
}

export function loadGlobalTerms(path: string): GlobalTerms {
  return parseGlobalTerms(readDataFile(path, (reason) => new GlobalTermsFormatError(path, reason)), path);
}
