import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../shared/config/config-schema.js';
import { GuessabilityConfigError, guessabilityOptionsFromConfig, loadGuessabilityEngine } from '../../../electron/core/guessability/index.js';
import { nobody, shippedEngine } from './shipped-engine.js';

const baseConfig = {
  branding: { organisationName: 'Northfield University', serviceDesk: {} },
  store: { path: 'kiosk.db' },
  mail: { from: 'it@northfield.example' },
};
const configWith = (policy: object) => configSchema.parse({ ...baseConfig, policy });

function thresholdProblems(minScore: number): string[] {
  try {
    loadGuessabilityEngine({ customTerms: [], organisationName: 'Northfield', minScore });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(GuessabilityConfigError);
    return (error as GuessabilityConfigError).problems;
  }
}

describe('the score threshold cannot switch the banned-term check off', () => {
  it('is refused already by the configuration schema, naming the key, below 5', () => {
    const parsed = configSchema.safeParse({ ...baseConfig, policy: { overrides: { minScore: 4 } } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['policy.overrides.minScore']);
  });

  it("refuses a threshold below Entra's 5, naming the key, because it lets banned terms through", () => {
    for (const minScore of [0, 1, 2, 3, 4]) {
      expect(thresholdProblems(minScore), String(minScore)).toEqual([expect.stringMatching(/^policy\.overrides\.minScore: .*at least 5/)]);
    }
    // What a threshold of 2 would have let through: liverpool + 2024 is two points.
    expect(shippedEngine().check('Liverpool2024', nobody)).toContain('banned_term');
  });

  it('allows raising it', () => {
    expect(thresholdProblems(5)).toEqual([]);
    expect(thresholdProblems(8)).toEqual([]);
  });
});

describe('the score threshold and the minimum length agree', () => {
  it('stops start-up when minScore is above minLength, where an unlisted password of allowed length would be called too short', () => {
    const config = configWith({ preset: 'campus', overrides: { minScore: 16 } });
    expect(() => guessabilityOptionsFromConfig(config)).toThrow(GuessabilityConfigError);
    expect(() => guessabilityOptionsFromConfig(config)).toThrow(/policy\.overrides\.minScore: must not be more than minLength \(16 > 12\)/);
  });

  it('accepts a raised threshold when the minimum length is raised with it', () => {
    const config = configWith({ preset: 'campus', overrides: { minScore: 16, minLength: 16 } });
    expect(guessabilityOptionsFromConfig(config)).toMatchObject({ minScore: 16 });
    const engine = loadGuessabilityEngine(guessabilityOptionsFromConfig(config));
    expect(engine.check('Tq7Vm2Rk9LpXz4Wb', nobody)).toEqual([]);
  });

  it('accepts both shipped presets as they are', () => {
    for (const preset of ['campus', 'standards'] as const) {
      expect(guessabilityOptionsFromConfig(configWith({ preset }))).toMatchObject({ minScore: 5 });
    }
  });
});
