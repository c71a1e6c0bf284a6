import { describe, expect, it } from 'vitest';
import { passphrases, randomPasswords, weakPasswords } from '../../../bench/password-sets.js';
import { shippedEngine } from './shipped-engine.js';

/**
 * `check` (what the kiosk calls on every keystroke and submit) skips the composition gate when
 * Entra's score already refuses. It must still give exactly the rules `assess` gives, on every kind
 * of password the bench generates and on the issue's own examples.
 */
describe('check gives the same rules as assess', () => {
  const engine = shippedEngine();
  const person = { username: 'sam.taylor', firstName: 'Sam', lastName: 'Taylor' };
  const examples = ['Aa12345619871988', 'Abc123772021', 'S0phi3201012', 'London007london', 'Liverpool2024', 'Zr4Kx8Nv2Bq6Hm', 'SamTaylor2024', 'Tr0ub4dorAndHorse9'];

  it('on weak, random and passphrase passwords and the issue examples', () => {
    const passwords = [...weakPasswords(1500).map((entry) => entry.password), ...randomPasswords(500), ...passphrases(500), ...examples];
    const differences = passwords.filter((password) => engine.check(password, person).join() !== engine.assess(password, person).rules.join());
    expect(differences).toEqual([]);
    // The skip is taken: some of these are refused by Entra's score alone, and some only by the gate.
    const assessed = passwords.map((password) => engine.assess(password, person));
    expect(assessed.some((assessment) => !assessment.entraAccepted)).toBe(true);
    expect(assessed.some((assessment) => assessment.entraAccepted && assessment.composition.refused)).toBe(true);
  });
});
