import { describe, expect, it } from 'vitest';
import { failedPureRules } from '../../../shared/policy/composition.js';
import { presets } from '../../../shared/policy/policy-config.js';
import { nobody, shippedEngine } from './shipped-engine.js';

// The examples Microsoft publishes for Entra Password Protection: organisation "contoso", custom term "blank".
const contoso = () => shippedEngine({ organisationName: 'contoso', customTerms: ['blank'] });

describe("Microsoft's published scoring examples", () => {
  // Entra's score on its own, exactly as the reference documents it (points, terms, its verdict),
  // apart from the engine's final verdict, which adds the breached list and the composition gate.
  it('scores C0ntos0Blank12 at 4 (contoso + blank + 1 + 2), which Entra\'s score refuses', () => {
    const verdict = contoso().assess('C0ntos0Blank12', nobody);
    expect(verdict.score).toBe(4);
    expect(verdict.minScore).toBe(5);
    expect(verdict.entraAccepted).toBe(false);
    expect(verdict.terms.map((term) => term.source)).toEqual(['organisation', 'custom']);
  });

  it('scores ContoS0Bl@nkf9! at 5 (contoso + blank + f + 9 + !), which Entra\'s score accepts', () => {
    const verdict = contoso().assess('ContoS0Bl@nkf9!', nobody);
    expect(verdict.score).toBe(5);
    expect(verdict.minScore).toBe(5);
    expect(verdict.entraAccepted).toBe(true);
    expect(verdict.terms.map((term) => term.source)).toEqual(['organisation', 'custom']);
  });

  it('refuses C0ntos0Blank12 in the end for what Entra\'s score found', () => {
    const verdict = contoso().assess('C0ntos0Blank12', nobody);
    expect(verdict.accepted).toBe(false);
    expect(verdict.rules).toEqual(['contains_org_name', 'banned_term']);
  });

  it('lets the composition gate refuse ContoS0Bl@nkf9! where the organisation name and its own banned word leave 3 characters to guess', () => {
    // Entra's score stays as published (above); the second gate sees the organisation's name, one of
    // its 1000 custom terms and "f9!": 10^13.1 guesses, under the 10^13.5 threshold.
    const verdict = contoso().assess('ContoS0Bl@nkf9!', nobody);
    expect(verdict.composition.refused).toBe(true);
    expect(verdict.composition.log10Guesses).toBeCloseTo(13.1, 1);
    expect(verdict.accepted).toBe(false);
    expect(verdict.rules).toEqual(['built_on_word']);
  });

  it('lets ContoS0Bl@nkf9! through the standards preset as a whole, while campus refuses its "!"', () => {
    expect(failedPureRules('ContoS0Bl@nkf9!', nobody, presets.standards)).toEqual([]);
    expect(failedPureRules('ContoS0Bl@nkf9!', nobody, presets.campus)).toContain('forbidden_character');
  });

  it('refuses the passwords the issue says the composition rules alone let through', () => {
    const engine = shippedEngine();
    for (const password of ['Password12345', 'Liverpool2024', 'Qwertyuiop123', 'Summer2024London']) {
      expect(failedPureRules(password, nobody, presets.campus)).toEqual([]);
      expect(engine.check(password, nobody)).toContain('banned_term');
    }
  });

  it('accepts at a configurable threshold', () => {
    const strict = shippedEngine({ organisationName: 'contoso', customTerms: ['blank'], minScore: 6 });
    expect(strict.assess('ContoS0Bl@nkf9!', nobody)).toMatchObject({ score: 5, minScore: 6, entraAccepted: false, accepted: false, rules: ['contains_org_name', 'banned_term'] });
  });
});
