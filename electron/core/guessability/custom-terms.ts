/**
 * The organisation's own banned terms, with Entra's limits. The config schema enforces the same
 * limits at start-up; the engine checks again because it can be loaded without that schema (the
 * admin command, the benchmark), and a bad list must stop loading with a message naming the key.
 */
export const customTermLimits = { maxTerms: 1000, minLength: 4, maxLength: 16 } as const;

export class GuessabilityConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The guessable-password settings are not valid:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'GuessabilityConfigError';
  }
}

const key = 'policy.customBannedTerms';

/** One line per problem, in the same `key: message` shape as describeConfigIssues. */
export function customTermProblems(terms: readonly unknown[]): string[] {
  const problems: string[] = [];
  if (terms.length > customTermLimits.maxTerms) {
    problems.push(`${key}: at most ${customTermLimits.maxTerms} terms are allowed (found ${terms.length})`);
  }
  terms.forEach((term, index) => {
    if (typeof term !== 'string') {
      problems.push(`${key}.${index}: must be text`);
    } else if (term.length < customTermLimits.minLength || term.length > customTermLimits.maxLength) {
      problems.push(
        `${key}.${index}: must be ${customTermLimits.minLength} to ${customTermLimits.maxLength} characters long (is ${term.length})`,
      );
    }
  });
  return problems;
}

export function assertValidCustomTerms(terms: readonly unknown[]): asserts terms is string[] {
  const problems = customTermProblems(terms);
  if (problems.length > 0) throw new GuessabilityConfigError(problems);
}
