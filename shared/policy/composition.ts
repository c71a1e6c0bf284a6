import type { PolicyRules } from './policy-config.js';
import type { PolicyRuleCode } from './rule-codes.js';

/**
 * The rules that can be judged from the password alone (plus the username the person typed). The
 * renderer's live checklist and main's submit check both call this, so they can never disagree.
 */
export interface RuleStatus {
  rule: PolicyRuleCode;
  met: boolean;
}

const letterOrDigit = /^[A-Za-z0-9]*$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rule refuses
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

/** Length counts Unicode code points, never UTF-16 units, and the password is never truncated. */
export function passwordLength(password: string): number {
  return [...password].length;
}

export function normalizeForPolicy(password: string, rules: PolicyRules): string {
  return rules.normalizeNfkc ? password.normalize('NFKC') : password;
}

export function compositionChecklist(password: string, rules: PolicyRules): RuleStatus[] {
  const candidate = normalizeForPolicy(password, rules);
  const length = passwordLength(candidate);
  const list: RuleStatus[] = [
    { rule: 'too_short', met: length >= rules.minLength },
    { rule: 'too_long', met: length <= rules.maxLength },
  ];
  if (rules.requireUpper) list.push({ rule: 'needs_upper', met: /\p{Lu}/u.test(candidate) });
  if (rules.requireLower) list.push({ rule: 'needs_lower', met: /\p{Ll}/u.test(candidate) });
  if (rules.requireDigit) list.push({ rule: 'needs_digit', met: /\p{Nd}/u.test(candidate) });
  const allowed =
    rules.characterSet === 'letters_digits' ? letterOrDigit.test(candidate) : !controlCharacter.test(candidate);
  list.push({ rule: 'forbidden_character', met: allowed });
  return list;
}

export interface PersonContext {
  username: string;
  firstName?: string;
  lastName?: string;
}

/** Shorter fragments would ban ordinary passwords for people called "Li" or "Ng". */
const minContextLength = 3;

function containsFragment(haystack: string, fragment: string | undefined): boolean {
  if (fragment === undefined) return false;
  const needle = fragment.trim().toLowerCase();
  return needle.length >= minContextLength && haystack.includes(needle);
}

export function contextViolations(password: string, person: PersonContext, rules: PolicyRules): PolicyRuleCode[] {
  const lowered = normalizeForPolicy(password, rules).toLowerCase();
  const found: PolicyRuleCode[] = [];
  if (rules.forbidUsername && containsFragment(lowered, person.username)) found.push('contains_username');
  if (rules.forbidNames && (containsFragment(lowered, person.firstName) || containsFragment(lowered, person.lastName)))
    found.push('contains_name');
  return found;
}

/** Every rule that fails, composition first, in checklist order. */
export function failedPureRules(password: string, person: PersonContext, rules: PolicyRules): PolicyRuleCode[] {
  const failed = compositionChecklist(password, rules)
    .filter((status) => !status.met)
    .map((status) => status.rule);
  return [...failed, ...contextViolations(password, person, rules)];
}
