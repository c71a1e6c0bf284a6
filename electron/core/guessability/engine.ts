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
import { buildTermTrie, findTermMatches, letterMask, searchLogs, type SearchLog, type TermMatch, type TermTrie } from './term-trie.js';
import { minGuessesLog10 as minGuessesLog10Floor } from '../../../shared/policy/guess-threshold.js';
import { judgeComposition, type CompositionVerdict } from './composition/composition-gate.js';
import { ruleCodeOfKind } from './composition/rule-codes-of.js';

/** What the engine found, for tests, the admin command and the benchmark. Never holds the password. */
export interface GuessabilityAssessment {
  score: number;
  minScore: number;
  accepted: boolean;
  breached: boolean;
  /** Terms of the cheapest split (see score.ts), as positions in the normalised password. */
  terms: TermMatch[];
  /** The second gate: the cheapest composition of stems and padding, in guesses (composition/). */
  composition: CompositionVerdict;
  /** Entra's score alone (no breached list, no composition gate): for the benchmark's comparison. */
  entraAccepted: boolean;
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
  /** The composition gate's threshold (shared/policy/guess-threshold.ts); default: that floor. */
  minGuessesLog10?: number;
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

  const minGuessesLog10 = parts.minGuessesLog10 ?? minGuessesLog10Floor;
  if (!(minGuessesLog10 >= minGuessesLog10Floor)) {
    throw new GuessabilityConfigError([
      `policy.overrides.minGuessesLog10: must be at least ${minGuessesLog10Floor} (is ${minGuessesLog10}); a lower threshold lets years and sequences through`,
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
  let cachedPerson: GuessabilityContext | null = null;
  let cachedPersonTrie: TermTrie = buildTermTrie([]);
  function personTrie(context: GuessabilityContext): TermTrie {
    // Compared field by field: building a key string on every check was ~1% of a check.
    const cached = cachedPerson;
    if (cached === null || cached.username !== context.username || cached.firstName !== context.firstName || cached.lastName !== context.lastName) {
      cachedPersonTrie = buildTermTrie(personTerms(context));
      cachedPerson = { username: context.username, firstName: context.firstName, lastName: context.lastName };
    }
    return cachedPersonTrie;
  }

  // Scratch reused by every check (checks run one at a time, and nothing keeps these past one).
  let logScratch = new Int32Array(4096);
  let letterScratch = new Uint8Array(256);
  let differenceScratch = new Int32Array(64);

  /**
   * Entra's part: the term search on every reading, the cheapest split and the breached list. The
   * composition gate runs only when asked (`withComposition`), with the searches it reuses.
   */
  function entraPart(password: string, context: GuessabilityContext) {
    if (typeof password !== 'string') throw new TypeError('password must be a string');
    const normalised = normalisePassword(password);
    const { readings, wordStarts } = normalised;
    const tries = [personTrie(context), organisationTrie, parts.globalTerms.fuzzy, parts.globalTerms.exact];
    // Each reading's search keeps a log per trie, so that the composition gate's leetspeak readings
    // search again only from the starts whose walk reached a character they changed.
    const length = (readings[0] as number[]).length;
    const logSize = tries.length * (2 * length + 1);
    if (logScratch.length < readings.length * logSize) logScratch = new Int32Array(2 * readings.length * logSize);
    if (letterScratch.length < length) letterScratch = new Uint8Array(2 * length);
    const logs = readings.map((text, r) => searchLogs(tries.length, text.length, logScratch.subarray(r * logSize)));
    const matches: TermMatch[] = [];
    const repeats: TermMatch[] = [];
    /** For each start, the first position at or after it where `text` and reading `base` differ (see SearchReuse). */
    const firstDifferences = (text: readonly number[], base: number): Int32Array => {
      const baseText = readings[base] as number[];
      if (differenceScratch.length < text.length) differenceScratch = new Int32Array(2 * text.length);
      let difference = text.length;
      for (let i = text.length - 1; i >= 0; i -= 1) {
        if (text[i] !== baseText[i]) difference = i;
        differenceScratch[i] = difference;
      }
      return differenceScratch;
    };
    // Plain loops, not callbacks: under tsx every closure made costs a call that names it. The
    // second reading ("1" as "i") takes over the first's matches from every start whose walk never
    // read a "1": the same walk, so the same matches, in the same order.
    for (let r = 0; r < readings.length; r += 1) {
      const text = readings[r] as number[];
      const letters = letterMask(text, letterScratch);
      const readingLogs = logs[r] as SearchLog[];
      const firstDifference = r === 0 ? null : firstDifferences(text, 0);
      for (let t = 0; t < tries.length; t += 1) {
        const reuse = firstDifference === null ? undefined : { log: (logs[0] as SearchLog[])[t] as SearchLog, matches, firstDifference };
        findTermMatches(tries[t] as TermTrie, text, letters, wordStarts, matches, 0, text.length, readingLogs[t], reuse);
      }
      findRepeats(text, repeats);
    }
    const findTerms = (text: readonly number[], base: number, from: number, to: number): TermMatch[] => {
      const firstDifference = firstDifferences(text, base);
      const letters = letterMask(text, letterScratch);
      const out: TermMatch[] = [];
      const baseLogs = logs[base] as SearchLog[];
      for (let t = 0; t < tries.length; t += 1) {
        findTermMatches(tries[t] as TermTrie, text, letters, wordStarts, out, from, to, undefined, { log: baseLogs[t] as SearchLog, matches, firstDifference }, 0);
      }
      // A match that covers no changed character is one the base reading already has, at the same
      // cost: as a second piece it could never be cheaper, only more work for the composition.
      return out.filter((match) => (firstDifference[match.start] as number) < match.end);
    };
    const split = cheapestSplit((readings[0] as number[]).length, [...matches, ...repeats]);
    const breached = parts.breachedList.has(password);
    const entraAccepted = split.score >= parts.minScore;
    const withComposition = (): CompositionVerdict =>
      judgeComposition({ password, normalised, terms: matches, repeats, findTerms, breached: parts.breachedList, minGuessesLog10 });
    return { split, breached, entraAccepted, withComposition };
  }

  function rulesOf(part: ReturnType<typeof entraPart>, composition: CompositionVerdict | null): PolicyRuleCode[] {
    const found = new Set<PolicyRuleCode>();
    if (!part.entraAccepted) {
      for (const term of part.split.terms) found.add(codeOfSource[term.source]);
      // Too few points without any banned term: fewer characters than minScore once normalised
      // (combining marks folded away). True to the person only while minScore <= minLength, which
      // guessabilityOptionsFromConfig enforces; otherwise "too short" would name a length they met.
      if (part.split.terms.length === 0) found.add('too_short');
    } else if (composition?.refused === true) {
      // The gate names its parts only when Entra's score let the password through: when the score
      // already refused it, "a common word, name or pattern" has said it, and one reason reads better.
      for (const kind of composition.kinds) found.add(ruleCodeOfKind[kind]);
    }
    if (part.breached) found.add('breached');
    return policyRuleCodes.filter((code) => found.has(code));
  }

  function assess(password: string, context: GuessabilityContext): GuessabilityAssessment {
    const part = entraPart(password, context);
    const composition = part.withComposition();
    return {
      score: part.split.score,
      minScore: parts.minScore,
      accepted: part.entraAccepted && !composition.refused && !part.breached,
      breached: part.breached,
      terms: part.split.terms,
      composition,
      entraAccepted: part.entraAccepted,
      rules: rulesOf(part, composition),
    };
  }

  /**
   * What the kiosk asks on every keystroke and every submit: the rule codes only. When Entra's score
   * already refuses, the gate could not add a rule (see rulesOf), so its work is skipped: most weak
   * passwords end here, and the gate's leetspeak searches were most of their time.
   */
  function check(password: string, context: GuessabilityContext): PolicyRuleCode[] {
    const part = entraPart(password, context);
    return rulesOf(part, part.entraAccepted ? part.withComposition() : null);
  }

  return {
    assess,
    check,
    stats: {
      globalTerms: parts.globalTerms.terms,
      globalTermsBytes: parts.globalTerms.bytes,
      customTerms: parts.customTerms.length,
      breachedEntries: parts.breachedList.entries,
      breachedBytes: parts.breachedList.bytes,
    },
  };
}
