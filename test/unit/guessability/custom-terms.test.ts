import { describe, expect, it } from 'vitest';
import { configSchema, describeConfigIssues } from '../../../shared/config/config-schema.js';
import { GuessabilityConfigError, loadGuessabilityEngine } from '../../../electron/core/guessability/index.js';

const baseConfig = {
  branding: { organisationName: 'Northfield University', serviceDesk: {} },
  store: { path: 'kiosk.db' },
  mail: { from: 'it@northfield.example' },
};

function configProblems(customBannedTerms: unknown): string[] {
  const parsed = configSchema.safeParse({ ...baseConfig, policy: { customBannedTerms } });
  return parsed.success ? [] : describeConfigIssues(parsed.error);
}

function engineProblems(customTerms: string[]): string[] {
  try {
    loadGuessabilityEngine({ customTerms, organisationName: 'Northfield', minScore: 5 });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(GuessabilityConfigError);
    return (error as GuessabilityConfigError).problems;
  }
}

const tooMany = Array.from({ length: 1001 }, (_, i) => `term${i}`);

describe("the organisation's custom banned terms are checked at start-up", () => {
  it('accept up to 1000 terms of 4 to 16 characters', () => {
    const thousand = Array.from({ length: 1000 }, (_, i) => `term${i}`);
    expect(configProblems(thousand)).toEqual([]);
    expect(engineProblems(thousand)).toEqual([]);
    expect(configProblems(['abcd', 'sixteencharacter'])).toEqual([]);
  });

  it('refuse a term shorter than 4 characters, naming the key and the entry', () => {
    expect(configProblems(['fine', 'abc'])).toEqual([expect.stringMatching(/^policy\.customBannedTerms\.1: .*4/)]);
    expect(engineProblems(['fine', 'abc'])).toEqual(['policy.customBannedTerms.1: must be 4 to 16 characters long (is 3)']);
  });

  it('refuse a term longer than 16 characters, naming the key and the entry', () => {
    expect(configProblems(['seventeencharacte'])).toEqual([expect.stringMatching(/^policy\.customBannedTerms\.0: .*16/)]);
    expect(engineProblems(['seventeencharacte'])).toEqual(['policy.customBannedTerms.0: must be 4 to 16 characters long (is 17)']);
  });

  it('refuse more than 1000 terms, naming the key', () => {
    expect(configProblems(tooMany)).toEqual([expect.stringMatching(/^policy\.customBannedTerms: .*1000/)]);
    expect(engineProblems(tooMany)).toEqual(['policy.customBannedTerms: at most 1000 terms are allowed (found 1001)']);
  });

  it('say all of it in one error message a person can act on', () => {
    expect(() => loadGuessabilityEngine({ customTerms: ['abc'], organisationName: 'N', minScore: 5 })).toThrow(
      /guessable-password settings are not valid:\n {2}policy\.customBannedTerms\.0: must be 4 to 16 characters long/,
    );
  });

  it('refuse a score threshold below 1', () => {
    expect(() => loadGuessabilityEngine({ customTerms: [], organisationName: 'N', minScore: 0 })).toThrow(/minScore/);
  });
});
