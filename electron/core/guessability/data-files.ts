import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTermList } from './term-list-file.js';

/**
 * Where the shipped data lives: the `data/` folder at the top of the app. Found by walking up from
 * this module, so the same code works from the sources (electron/core/guessability/) and from a
 * bundle one folder below the top (dist-electron/main.js). Callers may always pass paths instead.
 */
export const breachedListFileName = 'breached-passwords.bin';
export const globalTermsFileName = 'banned-terms.bin';
export const bannedTermsFolderName = 'banned-terms';

export function findDataDirectory(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let folder = resolve(from);
  for (let level = 0; level < 6; level += 1) {
    const candidate = join(folder, 'data');
    if (existsSync(join(candidate, globalTermsFileName))) return candidate;
    folder = dirname(folder);
  }
  throw new Error(`The kiosk's data folder (data/${globalTermsFileName}) was not found above ${from}.`);
}

/**
 * The lists in the folder, the source of data/banned-terms.bin: `*.exact.txt` (dictionaries, matched
 * exactly) and every other `*.txt` (matched at edit distance 1), each in file-name order.
 */
export function readTermListFolder(folder: string): { fuzzy: string[]; exact: string[] } {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  if (files.length === 0) throw new Error(`No banned-term lists (*.txt) in ${folder}.`);
  const read = (names: string[]) => names.flatMap((name) => readTermList(join(folder, name)));
  return {
    exact: read(files.filter((name) => name.endsWith('.exact.txt'))),
    fuzzy: read(files.filter((name) => !name.endsWith('.exact.txt'))),
  };
}

/** Reads one shipped binary list; a missing or unreadable file becomes that list's own error, in words. */
export function readDataFile(path: string, unusable: (reason: string) => Error): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw unusable((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error));
  }
}
