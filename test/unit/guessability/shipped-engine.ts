import { loadGuessabilityEngine, type GuessabilityEngine } from '../../../electron/core/guessability/index.js';

/** The engine with the shipped lists, loaded once per options within a test file (loading takes milliseconds). */
const cache = new Map<string, GuessabilityEngine>();

export function shippedEngine(options: { customTerms?: string[]; organisationName?: string; minScore?: number } = {}): GuessabilityEngine {
  const full = { customTerms: options.customTerms ?? [], organisationName: options.organisationName ?? 'Northfield University', minScore: options.minScore ?? 5 };
  const key = JSON.stringify(full);
  let engine = cache.get(key);
  if (engine === undefined) {
    engine = loadGuessabilityEngine(full);
    cache.set(key, engine);
  }
  return engine;
}

export const nobody = { username: 'x' };
