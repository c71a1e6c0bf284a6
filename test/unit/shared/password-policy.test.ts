import { describe, expect, it } from 'vitest';
import { compositionChecklist, contextViolations, failedPureRules, passwordLength } from '../../../shared/policy/composition.js';
import { presets, type PolicyRules } from '../../../shared/policy/policy-config.js';

const campus: PolicyRules = presets.campus;
const standards: PolicyRules = presets.standards;
const person = { username: 'amira.khan', firstName: 'Amira', lastName: 'Khan' };
const unmet = (password: string, rules: PolicyRules = campus) =>
  compositionChecklist(password, rules).filter((status) => !status.met).map((status) => status.rule);

describe('the organisation policy (campus preset): 12-20 letters and digits with upper, lower and digit', () => {
  it('accepts a password that meets every rule', () => {
    expect(unmet('Tq7Vm2Rk9Lp4')).toEqual([]);
    expect(failedPureRules('Tq7Vm2Rk9Lp4Wz', person, campus)).toEqual([]);
  });

  it('refuses 11 characters and accepts 12; accepts 20 and refuses 21', () => {
    expect(unmet('Tq7Vm2Rk9Lp')).toEqual(['too_short']);
    expect(unmet('Tq7Vm2Rk9Lp4')).toEqual([]);
    expect(unmet('Tq7Vm2Rk9Lp4Wz8Xc3Bn')).toEqual([]);
    expect(unmet('Tq7Vm2Rk9Lp4Wz8Xc3Bn5')).toEqual(['too_long']);
  });

  it('names each missing character class', () => {
    expect(unmet('tq7vm2rk9lp4')).toEqual(['needs_upper']);
    expect(unmet('TQ7VM2RK9LP4')).toEqual(['needs_lower']);
    expect(unmet('TqzVmaRkbLpc')).toEqual(['needs_digit']);
  });

  it('refuses special characters, spaces and non-ASCII letters as forbidden characters', () => {
    for (const password of ['Tq7Vm2Rk9Lp4!', 'Tq7Vm2 Rk9Lp4', 'Tq7Vm2Rk9Lp4@', 'Tq7Vm2Rk9Lpé4']) {
      expect(unmet(password)).toContain('forbidden_character');
    }
  });

  it('reports every failed rule at once, in checklist order', () => {
    expect(unmet('abc!')).toEqual(['too_short', 'needs_upper', 'needs_digit', 'forbidden_character']);
  });
});

describe('context rules: not the username, first name or last name, whatever the case', () => {
  it('refuses the username and either name inside the password', () => {
    expect(contextViolations('XAmira.Khan9zz', person, campus)).toEqual(['contains_username', 'contains_name']);
    expect(contextViolations('Tq7KHANm2Rk9Lp', person, campus)).toEqual(['contains_name']);
    expect(contextViolations('Tq7amiraRk9Lp', person, campus)).toEqual(['contains_name']);
  });

  it('ignores names shorter than three letters, which would ban ordinary passwords', () => {
    expect(contextViolations('Tq7LiRk9Lp4Wz', { username: 'li.ng', firstName: 'Li', lastName: 'Ng' }, campus)).toEqual([]);
  });

  it('can be switched off by configuration', () => {
    const relaxed = { ...campus, forbidUsername: false, forbidNames: false };
    expect(contextViolations('AmiraKhan12345', person, relaxed)).toEqual([]);
  });
});

describe('the standards preset (NIST SP 800-63B style)', () => {
  it('has no composition rules, 15 characters minimum, and allows symbols, spaces and Unicode', () => {
    expect(unmet('correct horse battery', standards)).toEqual([]);
    expect(unmet('ünïcødé pässwörd 🔐', standards)).toEqual([]);
    expect(unmet('fourteen chars', standards)).toEqual(['too_short']);
  });

  it('still refuses control characters', () => {
    expect(unmet('correct horse\u0007battery', standards)).toEqual(['forbidden_character']);
  });

  it('counts code points after NFKC normalisation, never UTF-16 units, and never truncates', () => {
    expect(passwordLength('🔐🔐🔐')).toBe(3);
    // Fifteen full-width letters are fifteen ASCII letters after NFKC, and fourteen emoji are too few.
    expect(unmet('ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯ', standards)).toEqual([]);
    expect(unmet('🔐'.repeat(14), standards)).toEqual(['too_short']);
    expect(unmet('x'.repeat(129), standards)).toEqual(['too_long']);
  });
});
