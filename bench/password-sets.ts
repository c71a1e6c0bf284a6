import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';
import { failedPureRules } from '../shared/policy/composition.js';
import { presets } from '../shared/policy/policy-config.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';

/**
 * The passwords the benchmark judges, generated from fixed seeds. All of them pass the campus
 * composition rules (12-20 characters, upper + lower + digit, letters and digits only), so what is
 * measured is what the guessable-password check adds on top of those rules.
 *
 * The human-pattern words come from zxcvbn-ts's own dictionaries (its common passwords, English
 * first names and English words from film and TV subtitles), not from the kiosk's lists: the
 * engine is tested on vocabulary it was not built from, and zxcvbn-ts plays at home.
 */
const campus = presets.campus;
const isCompliant = (password: string) => failedPureRules(password, { username: 'bench' }, campus).length === 0;

const lettersOnly = /^[a-z]+$/;
const between = (min: number, max: number) => (word: string) => lettersOnly.test(word) && word.length >= min && word.length <= max;

const passwordWords = zxcvbnCommon.dictionary['passwords-common'].slice(0, 5000).filter(between(4, 10));
const englishWords = zxcvbnEn.dictionary['commonWords-en'].slice(0, 3000).filter(between(4, 9));
const firstNames = zxcvbnEn.dictionary['firstnames-en'].slice(0, 1000).filter(between(4, 10));
const dicewareWords = zxcvbnCommon.dictionary['diceware-common'].filter(between(3, 8));
const humanWords = [...passwordWords, ...englishWords];

const seasonsAndMonths = ['spring', 'summer', 'autumn', 'winter', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const cities = ['london', 'paris', 'berlin', 'madrid', 'chicago', 'boston', 'dublin', 'glasgow', 'leeds', 'bristol', 'toronto', 'sydney', 'mumbai', 'lagos', 'cairo', 'tokyo'];
const keyboardRows = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const leet: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7', g: '9', b: '8' };

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function year(random: SeededRandom): string {
  return String(random.int(1950, 2031));
}

/** The digits people actually append: a year, a sequence, a repeat, a lucky number, one or two digits. */
function humanDigits(random: SeededRandom): string {
  switch (random.int(0, 6)) {
    case 0:
      return year(random);
    case 1:
      return random.pick(['1', '12', '123', '1234', '12345', '123456']);
    case 2:
      return String(random.int(0, 10)).repeat(random.int(2, 4));
    case 3:
      return random.pick(['7', '13', '21', '22', '69', '77', '88', '99', '007', '111', '420', '666', '777', '911']);
    case 4:
      return String(random.int(1, 10));
    default:
      return String(random.int(10, 100));
  }
}

function keyboardWalk(random: SeededRandom): string {
  const row = random.pick(keyboardRows.slice(1));
  const length = random.int(4, row.length + 1);
  const start = random.int(0, row.length - length + 1);
  const walk = row.slice(start, start + length);
  return random.next() < 0.2 ? [...walk].reverse().join('') : walk;
}

function leetWord(random: SeededRandom, word: string): string {
  // Each substitutable letter is swapped with even odds; at least one swap, or it is not leet.
  let swapped = [...word].map((letter) => (leet[letter] !== undefined && random.next() < 0.5 ? (leet[letter] as string) : letter)).join('');
  if (swapped === word) swapped = word.replace(/[aeiostgb]/, (letter) => leet[letter] as string);
  return swapped;
}

const pad2 = (value: number) => String(value).padStart(2, '0');

/** A date in one of the layouts people type: ddmmyy, ddmmyyyy, mmddyyyy, yyyymmdd, yymmdd, ddmm. */
function date(random: SeededRandom): string {
  const day = pad2(random.int(1, 29));
  const month = pad2(random.int(1, 13));
  const fullYear = year(random);
  const shortYear = fullYear.slice(2);
  return random.pick([day + month + shortYear, day + month + fullYear, month + day + fullYear, fullYear + month + day, shortYear + month + day, day + month]);
}

/** A stem from the alphabet or the keyboard, capitalised: "Aa", "Abc", "Abcd", "Qwerty", "Asdf", "Zxcv". */
function sequenceStem(random: SeededRandom): string {
  switch (random.int(0, 3)) {
    case 0: {
      const letter = random.pick([...'abcdefghijklmnopqrstuvwxyz']);
      return letter.toUpperCase() + letter.repeat(random.int(1, 3));
    }
    case 1: {
      const start = random.next() < 0.7 ? 0 : random.int(0, 20);
      return capitalise('abcdefghijklmnopqrstuvwxyz'.slice(start, start + random.int(3, 7)));
    }
    default: {
      const row = random.pick(keyboardRows.slice(1));
      return capitalise(row.slice(0, random.int(3, Math.min(7, row.length + 1))));
    }
  }
}

/** Padding as people add it: a repeated run, a year, a date, a "lucky" number. */
function padding(random: SeededRandom): string {
  switch (random.int(0, 4)) {
    case 0:
      return String(random.int(0, 10)).repeat(random.int(2, 5));
    case 1:
      return year(random);
    case 2:
      return date(random);
    default:
      return random.pick(['007', '69', '13', '21', '22', '99', '88', '77', '420', '666', '911', '101']);
  }
}

/** What follows a stem in the examples: a counting run, then one padding or a year after it ("Aa123456" + "1987" + "1988"). */
function countingThenPadding(random: SeededRandom): string {
  const run = '1234567890'.slice(0, random.int(2, 9));
  const first = padding(random);
  return run + first + (random.next() < 0.4 ? year(random) : '');
}

export const humanPatterns: Record<string, (random: SeededRandom) => string> = {
  'word + year': (random) => capitalise(random.pick(humanWords)) + year(random),
  'two words + digits': (random) => capitalise(random.pick(humanWords)) + capitalise(random.pick(humanWords)) + humanDigits(random),
  'keyboard walk + digits': (random) => capitalise(keyboardWalk(random)) + humanDigits(random),
  'leet word + digits': (random) => capitalise(leetWord(random, random.pick(passwordWords))) + humanDigits(random),
  'name + year': (random) => capitalise(random.pick(firstNames)) + year(random),
  'name + word + digits': (random) => capitalise(random.pick(firstNames)) + capitalise(random.pick(humanWords)) + humanDigits(random),
  'word + sequence': (random) => capitalise(random.pick(humanWords)) + random.pick(['123', '1234', '12345', '123456', '123123', '4321']),
  'season + year (+ city)': (random) =>
    capitalise(random.pick(seasonsAndMonths)) + year(random) + (random.next() < 0.5 ? capitalise(random.pick(cities)) : ''),
  'word twice + digits': (random) => {
    const word = capitalise(random.pick(passwordWords));
    return word + word + humanDigits(random);
  },
  // The families of issue 13, which Entra's score lets through: a stem padded until it is long enough.
  'sequence + padding': (random) => sequenceStem(random) + countingThenPadding(random),
  'leet name or word + date': (random) =>
    capitalise(leetWord(random, random.pick([...firstNames, ...passwordWords]))) +
    random.pick([date(random), year(random) + pad2(random.int(1, 32)), year(random)]),
  'word + number + word again': (random) => {
    const word = random.pick([...humanWords, ...cities]);
    return capitalise(word) + padding(random) + (random.next() < 0.5 ? word : capitalise(word));
  },
};

function generate(count: number, seed: number, make: (random: SeededRandom) => string): string[] {
  const random = createSeededRandom(seed);
  const out: string[] = [];
  for (let tries = 0; out.length < count && tries < count * 200; tries += 1) {
    const candidate = make(random);
    if (isCompliant(candidate)) out.push(candidate);
  }
  if (out.length < count) throw new Error(`could not generate ${count} compliant passwords`);
  return out;
}

export interface LabelledPassword {
  password: string;
  pattern: string;
}

/** Human-pattern passwords, the same number from each pattern, interleaved. */
export function weakPasswords(count: number, seed = 1): LabelledPassword[] {
  const patterns = Object.entries(humanPatterns);
  const perPattern = Math.ceil(count / patterns.length);
  const lists = patterns.map(([pattern, make], index) => generate(perPattern, seed * 1000 + index, make).map((password) => ({ password, pattern })));
  const out: LabelledPassword[] = [];
  for (let i = 0; out.length < count; i += 1) for (const list of lists) if (out.length < count && list[i] !== undefined) out.push(list[i] as LabelledPassword);
  return out;
}

const lower = 'abcdefghijklmnopqrstuvwxyz';
const alphabet = `${lower}${lower.toUpperCase()}0123456789`;

/** 14-20 characters drawn uniformly from letters and digits (redrawn until all three classes occur). */
export function randomPasswords(count: number, seed = 2): string[] {
  return generate(count, seed, (random) => Array.from({ length: random.int(14, 21) }, () => random.pick([...alphabet])).join(''));
}

/** Three random diceware words, capitalised, and two random digits at a random place between them. */
export function passphrases(count: number, seed = 3): string[] {
  return generate(count, seed, (random) => {
    const parts = [capitalise(random.pick(dicewareWords)), capitalise(random.pick(dicewareWords)), capitalise(random.pick(dicewareWords))];
    parts.splice(random.int(0, 4), 0, String(random.int(0, 100)).padStart(2, '0'));
    return parts.join('');
  });
}
