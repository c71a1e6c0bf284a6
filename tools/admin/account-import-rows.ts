import { judgeEmailAddress } from '../../electron/core/journeys/registration/email-address.js';
import { parseArgon2Phc } from '../../electron/core/hashing/phc.js';
import { parsePhoneNumber, type PhoneNumberProblem } from '../../electron/core/sms/phone-number.js';
import { usernameKeyOf } from '../../electron/core/store/username-key.js';
import type { CsvRecord } from './csv-records.js';

/**
 * What one row of an account import must hold, checked before anything is written. Problems name the
 * line and the column, never the value: a password column's value must not reach a terminal or a
 * log, and the other values are people's personal data.
 */
export const personColumns = ['username', 'first_name', 'last_name', 'personal_email', 'mobile'] as const;
/** A starting password (hashed here with the kiosk's argon2 parameters) or an argon2id hash made elsewhere. */
export const passwordColumns = ['password', 'password_hash'] as const;

type PersonColumn = (typeof personColumns)[number];
type PasswordColumn = (typeof passwordColumns)[number];
export type ImportColumn = PersonColumn | PasswordColumn;

export interface ImportHeader {
  index: Record<PersonColumn, number>;
  password: { column: PasswordColumn; index: number };
  width: number;
}

export interface RowProblem {
  line: number;
  /** null: the row as a whole (e.g. the wrong number of fields). */
  column: ImportColumn | null;
  problem: string;
}

export interface ImportedPerson {
  line: number;
  username: string;
  usernameKey: string;
  firstName: string;
  lastName: string;
  email: string | null;
  mobile: string | null;
  /** Exactly one of the two, as the header chose. */
  password: { plain: string } | { hash: string };
}

export interface RowRules {
  /** registration.blockedEmailDomains: the organisation's own domains are not a personal address. */
  blockedEmailDomains: readonly string[];
  /** sms.defaultRegion: numbers written without a country code are read as this region's. */
  defaultRegion: string;
}

/** The header row: every person column, one of the password columns, nothing else (a typo would drop data). */
export function readHeader(record: CsvRecord): ImportHeader | { problems: RowProblem[] } {
  const names = record.fields.map((field) => field.trim().toLowerCase());
  const problems: RowProblem[] = [];
  const at = (problem: string, column: ImportColumn | null = null) => problems.push({ line: record.line, column, problem });
  const known: readonly string[] = [...personColumns, ...passwordColumns];
  names.forEach((name, position) => {
    if (!known.includes(name)) at(`column ${position + 1} is named "${name}", which is not one of ${known.join(', ')}`);
    else if (names.indexOf(name) !== position) at(`the header names this column twice`, name as ImportColumn);
  });
  for (const column of personColumns) if (!names.includes(column)) at('the header has no such column (it is required, even if its values are empty)', column);
  const present = passwordColumns.filter((column) => names.includes(column));
  if (present.length !== 1) at('the header needs exactly one of the columns password (a starting password) or password_hash (an argon2id hash)');
  if (problems.length > 0) return { problems };
  const index = Object.fromEntries(personColumns.map((column) => [column, names.indexOf(column)])) as Record<PersonColumn, number>;
  const column = present[0]!;
  return { index, password: { column, index: names.indexOf(column) }, width: names.length };
}

// Letters, digits, dot, underscore and hyphen, starting and ending with a letter or digit: what a
// person can type on the kiosk's keyboard and a directory would accept, and never an email address.
const usernameShape = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$/;
// eslint-disable-next-line no-control-regex -- control characters in a name are a damaged file
const controlCharacters = /[\u0000-\u001f\u007f]/;

const phoneProblems: Record<PhoneNumberProblem, string> = {
  too_short: 'is too short for a phone number',
  too_long: 'is too long for a phone number',
  invalid: 'is not a phone number',
  not_mobile: 'is not a mobile number (a text message cannot reach it)',
};

export interface CheckedRow {
  person: ImportedPerson | null;
  problems: RowProblem[];
  /** Set when the username itself is well-formed, so duplicates are found even in rows with other problems. */
  usernameKey: string | null;
}

export function checkRow(record: CsvRecord, header: ImportHeader, rules: RowRules): CheckedRow {
  const { line } = record;
  if (record.fields.length !== header.width) {
    const problem = `has ${record.fields.length} field(s) where the header has ${header.width} (a comma inside a value needs the value in double quotes)`;
    return { person: null, problems: [{ line, column: null, problem }], usernameKey: null };
  }
  const problems: RowProblem[] = [];
  const at = (column: ImportColumn, problem: string) => problems.push({ line, column, problem });
  const value = (column: PersonColumn) => (record.fields[header.index[column]] ?? '').trim();

  const username = value('username');
  let usernameKey: string | null = null;
  if (username === '') at('username', 'is empty');
  else if (username.includes('@')) at('username', 'looks like an email address; a username has no @');
  else if (!usernameShape.test(username)) {
    at('username', 'must be 1 to 64 letters, digits, dots, underscores or hyphens, starting and ending with a letter or digit');
  } else usernameKey = usernameKeyOf(username);

  const name = (column: 'first_name' | 'last_name') => {
    const text = value(column).normalize('NFC');
    if (text === '') at(column, 'is empty');
    else if (text.length > 100) at(column, 'is longer than 100 characters');
    else if (controlCharacters.test(text)) at(column, 'contains a control character');
    return text;
  };
  const firstName = name('first_name');
  const lastName = name('last_name');

  let email: string | null = null;
  const typedEmail = value('personal_email');
  if (typedEmail !== '') {
    const judged = judgeEmailAddress(typedEmail, rules.blockedEmailDomains);
    if (judged.ok) email = judged.address;
    else if (judged.problem === 'EMAIL_DOMAIN_BLOCKED') at('personal_email', "is at one of the organisation's own domains (registration.blockedEmailDomains); a personal address is wanted");
    else at('personal_email', 'is not an email address like name@example.com');
  }

  let mobile: string | null = null;
  const typedMobile = value('mobile');
  if (typedMobile !== '') {
    const parsed = parsePhoneNumber(typedMobile, rules.defaultRegion);
    if (parsed.ok) mobile = parsed.e164;
    else at('mobile', `${phoneProblems[parsed.reason]} (numbers without a country code are read as ${rules.defaultRegion} numbers)`);
  }

  // Taken as it is, not trimmed: spaces may be part of a password.
  const secret = record.fields[header.password.index] ?? '';
  let password: ImportedPerson['password'] = { plain: secret };
  if (header.password.column === 'password') {
    if (secret === '') at('password', 'is empty (every imported person needs a starting password)');
    else if (secret.length > 1024) at('password', 'is longer than 1024 characters');
    else if (controlCharacters.test(secret)) at('password', 'contains a control character');
  } else {
    const hash = secret.trim();
    const parsed = parseArgon2Phc(hash);
    if (hash === '') at('password_hash', 'is empty (every imported person needs a password hash)');
    else if (parsed === null || parsed.variant !== 'argon2id' || parsed.version !== 19) at('password_hash', 'is not an argon2id hash in PHC form ($argon2id$v=19$m=...,t=...,p=...$salt$hash)');
    password = { hash };
  }

  if (problems.length > 0 || usernameKey === null) return { person: null, problems, usernameKey };
  return { person: { line, username, usernameKey, firstName, lastName, email, mobile, password }, problems, usernameKey };
}

export function describeProblem(problem: RowProblem): string {
  return problem.column === null ? `line ${problem.line}: the row ${problem.problem}` : `line ${problem.line}, column ${problem.column}: ${problem.problem}`;
}
