import { z } from 'zod';
import { minGuessesLog10 } from './guess-threshold.js';

/**
 * Every rule is a setting (security.md 12). The organisation's rules ship as the `campus` preset;
 * blocklist checks, no truncation and no case change stay on in every preset.
 */
export const characterSets = ['letters_digits', 'printable'] as const;

export const policyRulesSchema = z.object({
  minLength: z.number().int().min(8).max(256),
  maxLength: z.number().int().min(8).max(1024),
  requireUpper: z.boolean(),
  requireLower: z.boolean(),
  requireDigit: z.boolean(),
  /** letters_digits: A-Z a-z 0-9 only. printable: any character except control characters. */
  characterSet: z.enum(characterSets),
  /** NFKC-normalise before hashing and checking (standards preset); campus passwords are ASCII anyway. */
  normalizeNfkc: z.boolean(),
  forbidUsername: z.boolean(),
  forbidNames: z.boolean(),
  /** How many earlier passwords may not be reused; 'all' keeps every one (the organisation's rule). */
  history: z.union([z.literal('all'), z.number().int().min(0).max(1000)]),
  /** Entra-style score threshold; below Entra's 5 the blocklist would be off, which no preset may allow. */
  minScore: z.number().int().min(5).max(64),
  /** The composition gate: refused under 10^this many guesses. guess-threshold.ts says why; only raised. */
  minGuessesLog10: z.number().min(minGuessesLog10).max(40),
});
export type PolicyRules = z.infer<typeof policyRulesSchema>;

export const presets = {
  campus: {
    minLength: 12,
    maxLength: 20,
    requireUpper: true,
    requireLower: true,
    requireDigit: true,
    characterSet: 'letters_digits',
    normalizeNfkc: false,
    forbidUsername: true,
    forbidNames: true,
    history: 'all',
    minScore: 5,
    minGuessesLog10,
  },
  standards: {
    minLength: 15,
    maxLength: 128,
    requireUpper: false,
    requireLower: false,
    requireDigit: false,
    characterSet: 'printable',
    normalizeNfkc: true,
    forbidUsername: true,
    forbidNames: true,
    history: 'all',
    minScore: 5,
    minGuessesLog10,
  },
} as const satisfies Record<string, PolicyRules>;
export type PresetName = keyof typeof presets;
export const presetNames = Object.keys(presets) as PresetName[];
