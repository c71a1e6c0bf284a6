import { join } from 'node:path';
import { loadBreachedList } from './breached-list.js';
import { breachedListFileName, findDataDirectory, globalTermsFileName } from './data-files.js';
import { createGuessabilityEngine, type GuessabilityEngine } from './engine.js';
import { loadGlobalTerms } from './global-terms.js';

export interface GuessabilityEngineOptions {
  /** The organisation's own terms (config policy.customBannedTerms): at most 1000, 4-16 characters. */
  customTerms: string[];
  organisationName: string;
  /** Entra's threshold: accepted at this many points or more (5 in both presets). */
  minScore: number;
  /** The composition gate's threshold (shared/policy/guess-threshold.ts, the default and the floor). */
  minGuessesLog10?: number;
  /** Default: data/breached-passwords.bin. */
  breachedListPath?: string;
  /** Default: data/banned-terms.bin (compiled from data/banned-terms/*.txt by `npm run build:data`). */
  globalTermsPath?: string;
}

/**
 * Loads the lists (two binary file reads, a few milliseconds) and returns the engine: synchronous,
 * and pure from then on. Throws a clear error when a list is missing or broken or the custom terms
 * break Entra's limits -- the kiosk must not start without its protection.
 */
export function loadGuessabilityEngine(options: GuessabilityEngineOptions): GuessabilityEngine {
  const needsDefault = options.breachedListPath === undefined || options.globalTermsPath === undefined;
  const dataDirectory = needsDefault ? findDataDirectory() : '';
  return createGuessabilityEngine({
    globalTerms: loadGlobalTerms(options.globalTermsPath ?? join(dataDirectory, globalTermsFileName)),
    customTerms: options.customTerms,
    organisationName: options.organisationName,
    minScore: options.minScore,
    ...(options.minGuessesLog10 === undefined ? {} : { minGuessesLog10: options.minGuessesLog10 }),
    breachedList: loadBreachedList(options.breachedListPath ?? join(dataDirectory, breachedListFileName)),
  });
}

export { createGuessabilityEngine } from './engine.js';
export type { GuessabilityAssessment, GuessabilityEngine, GuessabilityEngineParts } from './engine.js';
export {
  breachedKey,
  buildBreachedListBytes,
  loadBreachedList,
  parseBreachedList,
  BreachedListFormatError,
  type BreachedList,
} from './breached-list.js';
export { buildGlobalTermsBytes, loadGlobalTerms, parseGlobalTerms, GlobalTermsFormatError, type GlobalTerms } from './global-terms.js';
export { assertValidCustomTerms, customTermLimits, customTermProblems, GuessabilityConfigError } from './custom-terms.js';
export { findDataDirectory, readTermListFolder, breachedListFileName, globalTermsFileName, bannedTermsFolderName } from './data-files.js';
export { leetSubstitutions, normaliseForMatching, normalisedText } from './normalise.js';
export { fuzzyMinTermLength } from './term-trie.js';
export { guessabilityOptionsFromConfig } from './from-config.js';
