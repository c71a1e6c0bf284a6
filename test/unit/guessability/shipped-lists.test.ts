import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDataDirectory, normalisedText, readTermListFolder } from '../../../electron/core/guessability/index.js';
import { parseTermList } from '../../../electron/core/guessability/term-list-file.js';
import { shippedEngine } from './shipped-engine.js';

const dataDirectory = findDataDirectory();
const curated = readFileSync(join(dataDirectory, 'banned-terms', 'curated.txt'), 'utf8');

describe('the shipped global banned-term list', () => {
  it('holds far more than 2,000 terms', () => {
    expect(shippedEngine().stats.globalTerms).toBeGreaterThan(2_000);
    const { fuzzy, exact } = readTermListFolder(join(dataDirectory, 'banned-terms'));
    expect(new Set(fuzzy).size).toBeGreaterThan(2_000);
    expect(exact.length).toBeGreaterThan(10_000);
  });

  it('has a curated section for every kind of base term the issue names', () => {
    for (const section of ['keyboard walks', 'digit and letter sequences', 'years', 'months, days, seasons', 'first names', 'sports', 'places', 'local words']) {
      expect(curated).toContain(`# == ${section}`);
    }
  });

  it('has curated terms that survive normalisation as terms (3+ characters)', () => {
    const tooShort = parseTermList(curated).filter((term) => [...normalisedText(term)].length < 3);
    expect(tooShort).toEqual([]);
  });

  it('refuses the things each section is there for', () => {
    const engine = shippedEngine();
    const person = { username: 'x' };
    for (const password of ['Asdfghjkl1234', 'Abcdefgh2020', 'September1999', 'Arsenal2024Fc', 'Manchester2023', 'Eduroam2025x', 'Zhang2024Wei']) {
      expect(engine.check(password, person), password).toContain('banned_term');
    }
  });
});
