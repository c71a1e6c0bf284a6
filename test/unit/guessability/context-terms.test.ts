import { describe, expect, it } from 'vitest';
import { shippedEngine } from './shipped-engine.js';

const person = { username: 'ao2291', firstName: 'Adaeze', lastName: 'Okonkwo' };

describe("the person's names, username and the organisation's name", () => {
  it('refuse a password built from the first name, in any case and leetspeak', () => {
    const verdict = shippedEngine().assess('AdAeZ3Kp2024', person);
    expect(verdict.terms[0]).toMatchObject({ source: 'name', start: 0, end: 6 });
    expect(verdict.rules).toContain('contains_name');
  });

  it('refuse a password built from the last name with one letter changed', () => {
    expect(shippedEngine().check('0konkwuQ2024', person)).toContain('contains_name');
  });

  it('refuse a password built from the username, and name it as the username', () => {
    const rules = shippedEngine().check('Okonkwo.Adaeze99', { username: 'okonkwo.adaeze' });
    expect(rules).toContain('contains_username');
  });

  it("refuse a password built from the organisation's name", () => {
    const engine = shippedEngine({ organisationName: 'Kestrelford College' });
    expect(engine.check('Kestrelf0rd2025', { username: 'x' })).toEqual(['contains_org_name', 'banned_term']);
  });

  it('count as one point each, Entra-style, so a long password that contains one is still accepted', () => {
    // The composition gate agrees: 8 random letters and digits beside the name are 62^8 guesses.
    expect(shippedEngine().assess('AdaezeQk7Wv3Zp', person)).toMatchObject({ accepted: true, rules: [] });
  });

  it('follow the person asked about: one engine, one person after another, each with their own names', () => {
    const engine = shippedEngine();
    const other = { username: 'zb7731', firstName: 'Zebulon', lastName: 'Quartermaine' };
    expect(engine.check('AdAeZ3Kp2024', person)).toContain('contains_name');
    expect(engine.check('AdAeZ3Kp2024', other)).not.toContain('contains_name');
    expect(engine.check('Z3bul0nKp2024', other)).toContain('contains_name');
    expect(engine.check('Z3bul0nKp2024', { ...other, firstName: undefined })).not.toContain('contains_name');
    expect(engine.check('Z3bul0nKp2024', person)).not.toContain('contains_name');
    expect(engine.check('AdAeZ3Kp2024', person)).toContain('contains_name');
  });

  it('ignore names shorter than 4 characters, as Entra does', () => {
    const verdict = shippedEngine().assess('NgQk7Wv3ZpXr', { username: 'ng', firstName: 'Ng', lastName: 'Li' });
    expect(verdict.terms.filter((term) => term.source === 'name' || term.source === 'username')).toEqual([]);
  });

  it('name the person when a word is both their name and a common word', () => {
    expect(shippedEngine().check('Jennifer2024', { username: 'jb', firstName: 'Jennifer' })).toEqual([
      'contains_name',
      'banned_term',
    ]);
    expect(shippedEngine().check('Jennifer2024', { username: 'jb' })).toEqual(['banned_term']);
  });
});
