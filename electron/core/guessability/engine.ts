import { policyRuleCodes, type PolicyRuleCode } from '../../../shared/policy/rule-codes.js';
import type { GuessabilityChecker, GuessabilityContext } from '../ports.js';
import type { BreachedList } from './breached-list.js';
import { personTerms, termsOfName } from './context-terms.js';
import { assertValidCustomTerms, GuessabilityConfigError } from './custom-terms.js';
import type { SourcedTerm, TermSource } from './flat-trie.js';
import type { GlobalTerms } from './global-terms.js';
import { normaliseForMatching, normalisePassword } from './normalise.js';
import { findRepeats } from './repeats.js';
import { cheapestSplit } from './score.js';
import { buildTermTrie, findTermMatches, letterMask, type TermMatch, type TermTrie } from './term-trie.js';

/** What the engine found, for tests, the admin command and the benchmark. Never holds the password. */
export interface GuessabilityAssessment {
  score: number;
  minScore: number;
  accepted: boolean;
  breached: boolean;
  /** Terms of the cheapest split (see score.ts), as positions in the normalised password. */
  terms: TermMatch[];
  rules: PolicyRuleCode[];
}

export interface GuessabilityEngine extends GuessabilityChecker {
  assess(password: string, context: GuessabilityContext): GuessabilityAssessment;
  readonly stats: {
    globalTerms: number;
    globalTermsBytes: number;
    customTerms: number;
    breachedEntries: number;
    breachedBytes: number;
  };
}

export interface GuessabilityEngineParts {
  globalTerms: GlobalTerms;
  customTerms: readonly string[];
  organisationName: string;
  minScore: number;
  breachedList: BreachedList;
}

const codeOfSource: Record<TermSource, PolicyRuleCode> = {
  global: 'banned_term',
  dictionary: 'banned_term',
  custom: 'banned_term',
  username: 'contains_username',
  name: 'contains_name',
  organisation: 'contains_org_name',
};

/**
 * Entra's threshold, and the lowest one the kiosk accepts. The blocklist stays on in every preset and
 * under every override: below 5, "Liverpool2024" (two banned terms, 2 points) passes at 2, and at 1
 * every password passes, which would switch the banned-term check off. The threshold may go up.
 */
export const minScoreFloor = 5;

export function createGuessabilityEngine(parts: GuessabilityEngineParts): GuessabilityEngine {
  assertValidCustomTerms(parts.customTerms);
  if (!Number.isInteger(parts.minScore) || parts.minScore < minScoreFloor) {
    throw new GuessabilityConfigError([
      `policy.overrides.minScore: must be a whole number of at least ${minScoreFloor} (is ${parts.minScore}); a lower threshold lets banned terms through`,
    ]);
  }

  // The organisation's own terms: a small trie built at start-up. When a word is both the
  // organisation's name and a common word, both match and the split names the more specific one.
  const organisationTerms: SourcedTerm[] = [
    ...termsOfName(parts.organisationName, 'organisation'),
    ...parts.customTerms.map((term) => ({ term: normaliseForMatching(term), source: 'custom' as const })),
  ];
  const organisationTrie = buildTermTrie(organisationTerms);

  // Live checking asks about the same person on every keystroke: keep the last person's terms.
  let cachedPersonKey: string | null = null;
  let cachedPersonTrie: TermTrie = buildTermTrie([]);
  function personTrie(context: GuessabilityContext): TermTrie {
    const key = `${context.username}\u0000${context.firstName ?? ''}\u0000${context.lastName ?? ''}`;
    if (key !== cachedPersonKey) {
      cachedPersonTrie = buildTermTrie(personTerms(context));
      cachedPersonKey = key;
    }
    return cachedPersonTrie;
  }

  function assess(password: string, context: GuessabilityContext): GuessabilityAssessment {
    if (typeof password !== 'string') throw new TypeError('password must be a string');
    const { readings, wordStarts } = normalisePassword(password);
    const people = personTrie(context);
    const matches: TermMatch[] = [];
    for (const text of readings) {
      const letters = letterMask(text);
      findTermMatches(people, text, letters, wordStarts, matches);
      findTermMatches(organisationTrie, text, letters, wordStarts, matches);
      findTermMatches(parts.globalTerms.fuzzy, text, letters, wordStarts, matches);
      findTermMatches(parts.globalTerms.exact, text, letters, wordStarts, matches);
      findRepeats(text, matches);
    }
    const split = cheapestSplit((readings[0] as number[]).length, matches);
    const breached = parts.breachedList.has(password);
    const accepted = split.score >= parts.minScore;

    const found = new Set<PolicyRuleCode>();
    if (!accepted) {
      for (const term of split.terms) found.add(codeOfSource[term.source]);
      // Too few points without any banned term: fewer characters than minScore once normalised
      // (combining marks folded away). True to the person only while minScore <= minLength, which
      // guessabilityOptionsFromConfig enforces; otherwise "too short" would name a length they met.
      if (split.terms.length === 0) found.add('too_short');
    }
    if (breached) found.add('breached');
    return {
      score: split.score,
      minScore: parts.minScore,
      accepted: accepted && !breached,
      breached,
      terms: split.terms,
      rules: policyRuleCodes.filter((code) => found.has(code)),
    };
  }

  return {
    assess,
    check: (password, context) => assess(password, context).rules,
    stats: {
      globalTerms: parts.globalTerms.terms,
      globalTermsBytes: parts.globalTerms.bytes,
      customTerms: parts.customTerms.length,
      breachedEntries: parts.breachedList.entries,
      breachedBytes: parts.breachedList.bytes,
    },
  };
}
