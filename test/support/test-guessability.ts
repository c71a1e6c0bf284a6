import type { GuessabilityChecker } from '../../electron/core/ports.js';
import type { PolicyRuleCode } from '../../shared/policy/rule-codes.js';

/**
 * An explicit, tiny stand-in for the guessable-password engine: a password containing one of these
 * terms (case-insensitive) is 'banned_term'. Core tests use it so they do not depend on the real list.
 */
export const testBannedTerms = ['password', 'northfield', 'qwerty', 'letmein'];

export function createTestGuessability(terms: readonly string[] = testBannedTerms): GuessabilityChecker & { calls: number } {
  const checker = {
    calls: 0,
    check(password: string): PolicyRuleCode[] {
      checker.calls += 1;
      const lowered = password.toLowerCase();
      return terms.some((term) => lowered.includes(term)) ? ['banned_term'] : [];
    },
  };
  return checker;
}
