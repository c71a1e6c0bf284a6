import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { failedPureRules } from '../../../shared/policy/composition.js';
import { presets } from '../../../shared/policy/policy-config.js';
import { shippedEngine } from './shipped-engine.js';

const lower = 'abcdefghijklmnopqrstuvwxyz';
const upper = lower.toUpperCase();
const digits = '0123456789';

/** 14-20 random letters and digits with at least one of each class: compliant with the campus rules. */
const compliantRandomPassword = fc
  .tuple(
    fc.constantFrom(...upper),
    fc.constantFrom(...lower),
    fc.constantFrom(...digits),
    fc.array(fc.constantFrom(...lower, ...upper, ...digits), { minLength: 11, maxLength: 17 }),
  )
  .chain(([u, l, d, rest]) => fc.shuffledSubarray([u, l, d, ...rest], { minLength: rest.length + 3 }))
  .map((chars) => chars.join(''));

describe('random compliant passwords', () => {
  it('pass the campus composition rules (the generator is right)', () => {
    fc.assert(fc.property(compliantRandomPassword, (password) => failedPureRules(password, { username: 'x' }, presets.campus).length === 0), {
      seed: 1,
      numRuns: 500,
    });
  });

  it('are accepted by the engine, allowing the measured false-positive rate (<= 0.5%)', () => {
    const engine = shippedEngine();
    const person = { username: 'okafor.chidi', firstName: 'Chidi', lastName: 'Okafor' };
    const passwords = fc.sample(compliantRandomPassword, { numRuns: 5_000, seed: 2024 });
    const refused = passwords.filter((password) => engine.check(password, person).length > 0);
    expect(refused.length / passwords.length).toBeLessThanOrEqual(0.005);
  });
});
