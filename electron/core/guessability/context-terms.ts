import type { GuessabilityContext } from '../ports.js';
import type { SourcedTerm, TermSource } from './flat-trie.js';
import { normaliseForMatching } from './normalise.js';

/** Entra matches names and the organisation's name when they are 4+ characters long. */
export const contextMinTermLength = 4;

const separators = /[\s._\-@'’,/\\]+/u;

/**
 * A name as banned terms: the whole of it, as written and with separators dropped ("Mary-Jane"
 * bans "mary-jane" and "maryjane"), and each part of 4+ characters ("mary" is too short, "jane" is not). An email-style username gives
 * its parts too: "j.smith@uni.example" bans "smith" and "example".
 */
export function termsOfName(value: string | undefined, source: TermSource): SourcedTerm[] {
  if (value === undefined) return [];
  const parts = value.split(separators).filter((part) => part !== '');
  const candidates = [value.trim(), parts.join(''), ...parts];
  const seen = new Set<string>();
  const terms: SourcedTerm[] = [];
  for (const candidate of candidates) {
    const term = normaliseForMatching(candidate);
    const key = term.join(',');
    if (term.length < contextMinTermLength || seen.has(key)) continue;
    seen.add(key);
    terms.push({ source, term });
  }
  return terms;
}

export function personTerms(context: GuessabilityContext): SourcedTerm[] {
  return [
    ...termsOfName(context.username, 'username'),
    ...termsOfName(context.firstName, 'name'),
    ...termsOfName(context.lastName, 'name'),
  ];
}
