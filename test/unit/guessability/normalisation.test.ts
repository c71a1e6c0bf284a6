import { describe, expect, it } from 'vitest';
import { leetSubstitutions, normalisedText } from '../../../electron/core/guessability/normalise.js';
import { nobody, shippedEngine } from './shipped-engine.js';

describe('normalisation before matching', () => {
  it("applies Microsoft's published substitutions 0->o, 1->l, $->s, @->a inside words", () => {
    expect(normalisedText('b0b c1ub ba$s b@d')).toBe('bob club bass bad');
  });

  it('applies the rest of the documented table', () => {
    for (const [from, to] of Object.entries(leetSubstitutions)) expect(normalisedText(`x${from}x`)).toBe(`x${to}x`);
  });

  it('reads a run of up to 3 leet characters inside a word, and one at either end of a word', () => {
    expect(normalisedText('P@55w0rd')).toBe('password');
    expect(normalisedText('L1verp00l')).toBe('liverpool'.replace('i', 'l'));
    expect(normalisedText('Hell0')).toBe('hello');
    expect(normalisedText('4pple')).toBe('apple');
  });

  it('keeps digits as digits where they are numbers: years, sequences, digits after a word', () => {
    expect(normalisedText('Summer2024')).toBe('summer2024');
    expect(normalisedText('Summer1990London')).toBe('summer1990london');
    expect(normalisedText('Zebra55')).toBe('zebra55');
    expect(normalisedText('1990')).toBe('1990');
  });

  it('keeps digits at a camel-case word boundary as digits: they join two words, they do not spell one', () => {
    expect(normalisedText('Curry79Bottle')).toBe('curry79bottle');
    expect(normalisedText('curry79bottle')).toBe('currytgbottle');
  });

  it('reads "1" as "i" as well as "l"', () => {
    const engine = shippedEngine();
    expect(engine.assess('T1tan1um', nobody).terms).toMatchObject([{ start: 0, end: 8, edits: 0 }]);
    expect(engine.assess('M1dn1ght', nobody).terms).toMatchObject([{ start: 0, end: 8, edits: 0 }]);
  });

  it('lower-cases, strips accents and folds full-width letters', () => {
    expect(normalisedText('PaSSwörD')).toBe('password');
    expect(normalisedText('Montréal')).toBe('montreal');
    expect(normalisedText('ＰＡＳＳ')).toBe('pass');
  });

  it('keeps other scripts whole, so their characters are not counted twice', () => {
    expect(normalisedText('비밀번호')).toBe('비밀번호');
    expect([...normalisedText('비밀번호')]).toHaveLength(4);
  });

  it('finds "password" in a letters-and-digits-only P4ssw0rd', () => {
    const verdict = shippedEngine().assess('P4ssw0rd', nobody);
    expect(verdict.terms).toEqual([{ start: 0, end: 8, source: 'global', edits: 0 }]);
    expect(verdict.rules).toContain('banned_term');
    expect(normalisedText('P4ssw0rd')).toBe('password');
  });

  it('sees through capitals and symbols alike: Pa$$w0rd and PASSWORD score as password', () => {
    const engine = shippedEngine();
    expect(engine.assess('Pa$$w0rd', nobody).score).toBe(1);
    expect(engine.assess('PASSWORD', nobody).score).toBe(1);
  });
});
