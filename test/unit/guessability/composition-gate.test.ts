import { describe, expect, it } from 'vitest';
import { loadGuessabilityEngine } from '../../../electron/core/guessability/index.js';
import { rejectedRuleProblems, type MessageContext } from '../../../renderer/src/messages.js';
import { createTranslator } from '../../../shared/i18n/translator.js';
import { failedPureRules } from '../../../shared/policy/composition.js';
import { minGuessesLog10 } from '../../../shared/policy/guess-threshold.js';
import { presets } from '../../../shared/policy/policy-config.js';
import { shippedEngine } from './shipped-engine.js';

const person = { username: 'amira.khan', firstName: 'Amira', lastName: 'Khan' };
const campus: MessageContext = { rules: presets.campus, organisationName: 'Northfield University', deskName: 'Service Desk', words: createTranslator('en') };

/** What the person sees on the new-password screen when main refuses the password. */
function wordsSeen(password: string): string[] {
  const rules = shippedEngine().check(password, person);
  return rejectedRuleProblems({ code: 'PASSWORD_REJECTED', details: { rules } }, campus);
}

const sentence = (parts: string) => `It is too easy to guess: it is ${parts}, which attackers try first. Try a less obvious mix of words.`;

describe('the composition gate: passwords Entra-style scoring let through (issue 13)', () => {
  // Each example passes the campus composition rules and Entra's score of 5; the gate refuses it and
  // says what it is made of.
  const examples: [string, string][] = [
    ['Aa12345619871988', 'built on a common sequence plus a year and common numbers'],
    ['Aa12345620002001', 'built on a common sequence plus a year and common numbers'],
    ['Aa1234567720', 'built on a common sequence plus common numbers'],
    ['Abcd1234772003', 'built on a common sequence plus a year and common numbers'],
    ['Abc123882010', 'built on a common sequence plus a year and common numbers'],
    ['Abc123772021', 'built on a common sequence plus a year and common numbers'],
    ['S0phi3201012', 'built on a common word or name plus a date'],
    ['London007london', 'built on a common word or name plus common numbers and a repeated part'],
  ];
  for (const [password, parts] of examples) {
    it(`refuses ${password}: "${parts}"`, () => {
      expect(failedPureRules(password, person, presets.campus)).toEqual([]);
      const verdict = shippedEngine().assess(password, person);
      expect(verdict.entraAccepted).toBe(true);
      expect(verdict.breached).toBe(false);
      expect(verdict.composition.log10Guesses).toBeLessThan(minGuessesLog10);
      expect(verdict.accepted).toBe(false);
      expect(wordsSeen(password)).toEqual([sentence(parts)]);
    });
  }

  it('names the parts it found, in password order, with their guesses', () => {
    const { composition } = shippedEngine().assess('Aa12345619871988', person);
    expect(composition.pieces.map((piece) => [piece.kind, piece.start, piece.end])).toEqual([
      ['sequence', 0, 2],
      ['digits', 2, 8],
      ['year', 8, 12],
      ['year', 12, 16],
    ]);
    expect(composition.kinds).toEqual(['sequence', 'year', 'digits']);
  });

  it('reads leetspeak that normalisation leaves as digits: "S0phi3" is sophie before a date', () => {
    const { composition } = shippedEngine().assess('S0phi3201012', person);
    expect(composition.pieces.map((piece) => [piece.kind, piece.start, piece.end])).toEqual([
      ['word', 0, 6],
      ['date', 6, 12],
    ]);
  });

  it("names the person's own name as what a password is built on", () => {
    const adaeze = { username: 'ak', firstName: 'Adaeze' };
    // Short enough for Entra's score to refuse: its reason, the name, is the one given.
    expect(shippedEngine().check('Adaeze12341990', adaeze)).toEqual(['contains_name', 'banned_term']);
    // Padded past Entra's 5 points: the gate still sees the name under the padding.
    const verdict = shippedEngine().assess('Qwe12Adaeze7771990', adaeze);
    expect(verdict.entraAccepted).toBe(true);
    expect(verdict.rules).toEqual(['built_on_sequence', 'built_on_name', 'plus_year', 'plus_number']);
  });

  it('accepts random letters and digits and random words, which no rule builds cheaply', () => {
    for (const password of ['Tq7Vm2Rk9Lp4Wz', 'Xq7vPz3mWk9tRb', 'CopperHatchetOrbit48', 'GreenTulip7Harbour', 'AdaezeQk7Wv3Zp']) {
      const verdict = shippedEngine().assess(password, person);
      expect(verdict.composition.refused, password).toBe(false);
      expect(verdict.composition.log10Guesses, password).toBeGreaterThanOrEqual(minGuessesLog10);
    }
  });

  it('gives one reason, not two, when Entra\'s score already refused the password', () => {
    const verdict = shippedEngine().assess('Liverpool2024', person);
    expect(verdict.composition.refused).toBe(true);
    expect(verdict.rules).toEqual(['banned_term']);
  });

  it('uses one threshold for both presets, and refuses an override below it', () => {
    expect(presets.campus.minGuessesLog10).toBe(minGuessesLog10);
    expect(presets.standards.minGuessesLog10).toBe(minGuessesLog10);
    expect(() => loadGuessabilityEngine({ customTerms: [], organisationName: 'N', minScore: 5, minGuessesLog10: minGuessesLog10 - 1 })).toThrow(
      /policy\.overrides\.minGuessesLog10: must be at least 13\.5/,
    );
    const stricter = loadGuessabilityEngine({ customTerms: [], organisationName: 'N', minScore: 5, minGuessesLog10: 30 });
    expect(stricter.check('Tq7Vm2Rk9Lp4Wz', person)).toEqual([]);
    expect(stricter.assess('CopperHatchetOrbit48', person).composition.refused).toBe(true);
  });
});
