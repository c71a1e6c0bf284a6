import { describe, expect, it } from 'vitest';
import { policyRuleCodes } from '../../../shared/policy/rule-codes.js';
import { nobody, shippedEngine } from './shipped-engine.js';

const person = { username: 'amira.khan', firstName: 'Amira', lastName: 'Khan' };

function judged(password: string) {
  const engine = shippedEngine();
  const rules = engine.check(password, person);
  for (const rule of rules) expect(policyRuleCodes).toContain(rule);
  return rules;
}

describe('any string gets a verdict, never a crash', () => {
  // The timeout guards against a gate whose work grows with the square of the length (it took
  // minutes); it is generous because the machine is shared. Nothing here is timed.
  it('judges 10,000 characters', { timeout: 30_000 }, () => {
    // Entra's score counts length, so the engine accepts this; the composition rules say "too long".
    expect(judged('password'.repeat(1_250))).toEqual([]);
    // One character typed 10,000 times is a run: one point, refused (see repeats.ts).
    expect(judged('a'.repeat(10_000))).toEqual(['banned_term']);
    expect(shippedEngine().assess('password'.repeat(1_250), person).score).toBeGreaterThan(5);
    expect(judged('password'.repeat(2))).toContain('banned_term');
  });

  it('judges NUL and other control characters as plain characters', () => {
    expect(judged('Qv7\u0000tLm2\u0007xKp9rW')).toEqual([]);
    expect(judged('\u0000')).toEqual(['too_short']);
  });

  it('judges Unicode: other scripts, emoji, combining marks, lone surrogates', () => {
    expect(judged('密码Passwörd１２３')).toContain('banned_term');
    expect(judged('😀😁😂🤣😃🙈🙉🙊')).toEqual([]);
    expect(judged('😀😀😀😀😀🙈🙉🙊')).toEqual(['banned_term']);
    expect(judged('e\u0301\u0301\u0301\u0301\u0301')).toEqual(['too_short']);
    expect(judged('\ud800\udfff\ud800abc\udc00xyzQ7')).toEqual([]);
  });

  it('judges the empty string as too short rather than failing', () => {
    expect(judged('')).toEqual(['too_short']);
  });

  it('refuses something that is not a string with a clear error', () => {
    expect(() => shippedEngine().check(undefined as unknown as string, nobody)).toThrow(/password must be a string/);
  });

  it('never puts the password into its verdict', () => {
    const verdict = shippedEngine().assess('Zorbaquix-Secret-77', person);
    expect(JSON.stringify(verdict)).not.toMatch(/zorbaquix|secret/i);
  });
});
