import { describe, expect, it } from 'vitest';
import { presets } from '../../../shared/policy/policy-config.js';
import type { PolicyRuleCode } from '../../../shared/policy/rule-codes.js';
import { checklistItems, checklistSummary, type ChecklistInput, type ChecklistState } from '../../../renderer/src/password-checklist-items.js';
import { compositionRequirement, type MessageContext } from '../../../renderer/src/messages.js';
import { createTranslator } from '../../../shared/i18n/translator.js';

const words = createTranslator('en');

const campus: MessageContext = { rules: presets.campus, organisationName: 'Northfield University', deskName: 'Service Desk', words };
const standards: MessageContext = { rules: presets.standards, organisationName: 'Northfield University', deskName: 'Service Desk', words };

function items(password: string, options: Partial<ChecklistInput> = {}) {
  return checklistItems({
    password,
    confirmation: '',
    username: 'amira.khan',
    context: campus,
    mainVerdict: null,
    submittedVerdict: null,
    ...options,
  });
}

const inState = (list: ReturnType<typeof items>, state: ChecklistState) => list.filter((item) => item.state === state).map((item) => item.rule);
const stateOf = (list: ReturnType<typeof items>, rule: string) => list.find((item) => item.rule === rule)?.state;

describe('password checklist: every rule from the start', () => {
  it('lists every campus rule, the match line and reuse, all "not checked yet" before anything is typed', () => {
    const start = items('');
    expect(start.map((item) => item.rule)).toEqual([
      'too_short',
      'too_long',
      'needs_upper',
      'needs_lower',
      'needs_digit',
      'forbidden_character',
      'contains_username',
      'contains_name',
      'banned_term',
      'breached',
      'match',
      'reused',
    ]);
    expect(start.every((item) => item.state === 'pending')).toBe(true);
  });

  it('asks for no character classes under the standards preset', () => {
    expect(items('', { context: standards }).map((item) => item.rule)).toEqual([
      'too_short',
      'too_long',
      'forbidden_character',
      'contains_username',
      'contains_name',
      'banned_term',
      'breached',
      'match',
      'reused',
    ]);
  });

  it('has no reuse line when the policy keeps no history', () => {
    const noHistory: MessageContext = { ...campus, rules: { ...presets.campus, history: 0 } };
    expect(items('', { context: noHistory }).map((item) => item.rule)).not.toContain('reused');
  });
});

describe('password checklist: what this screen judges as the person types', () => {
  it('turns each composition rule met or not met as soon as there is text', () => {
    expect(inState(items('abc'), 'unmet')).toEqual(['too_short', 'needs_upper', 'needs_digit']);
    expect(inState(items('abcDEF123456'), 'unmet')).toEqual([]);
    expect(inState(items('abcDEF123456!'), 'unmet')).toEqual(['forbidden_character']);
    expect(inState(items('abcDEF123456abcDEF123'), 'unmet')).toEqual(['too_long']);
  });

  it("keeps what only main can judge neutral until main's verdict for this text is in", () => {
    expect(inState(items('abcDEF123456'), 'pending')).toEqual(['contains_name', 'banned_term', 'breached', 'match', 'reused']);
    const judged = items('abcDEF123456', { mainVerdict: [] });
    expect(inState(judged, 'pending')).toEqual(['match', 'reused']);
    expect(stateOf(judged, 'banned_term')).toBe('met');
    expect(stateOf(judged, 'breached')).toBe('met');
  });

  it('judges the username rule here, without waiting for main', () => {
    expect(inState(items('Xamira.khan99Z', { context: standards }), 'unmet')).toEqual(['too_short', 'contains_username']);
    expect(inState(items('AMIRA.KHAN is my name 2024', { context: standards }), 'unmet')).toEqual(['contains_username']);
  });

  it("shows a rule as not met when main says it failed, even if this screen judged it met", () => {
    // Main's engine also finds the username in parts ("amirakhan"); the plain substring check does not.
    expect(stateOf(items('Amirakhan12345', { mainVerdict: ['contains_username'] }), 'contains_username')).toBe('unmet');
    expect(stateOf(items('Amirakhan12345'), 'contains_username')).toBe('met');
  });

  it('says whether both boxes match only once the second box has text', () => {
    expect(stateOf(items('Zr4Kx8Nv2Bq6Hm'), 'match')).toBe('pending');
    expect(stateOf(items('Zr4Kx8Nv2Bq6Hm', { confirmation: 'Zr4Kx8' }), 'match')).toBe('unmet');
    expect(stateOf(items('Zr4Kx8Nv2Bq6Hm', { confirmation: 'Zr4Kx8Nv2Bq6Hm' }), 'match')).toBe('met');
  });
});

describe("password checklist: main's verdicts", () => {
  it('marks names, guessability and leaked lists from the verdict, each once', () => {
    const list = items('Summer2024Harbour', { mainVerdict: ['banned_term', 'contains_name', 'banned_term', 'breached'] });
    expect(inState(list, 'unmet')).toEqual(['contains_name', 'banned_term', 'breached']);
    expect(list.map((item) => item.rule)).toHaveLength(new Set(list.map((item) => item.rule)).size);
  });

  it("shows the composition gate's verdict on the guessability line, in the words of the refusal", () => {
    const parts: PolicyRuleCode[] = ['built_on_sequence', 'plus_year', 'plus_number'];
    const list = items('Abc123772021', { mainVerdict: parts });
    const gate = list.filter((item) => item.parts !== undefined);
    expect(gate).toEqual([{ rule: 'banned_term', state: 'unmet', parts }]);
    expect(compositionRequirement(words, ['built_on_sequence', 'plus_year', 'plus_number'])).toBe('Not built on a common sequence plus a year and common numbers');
    expect(list.map((item) => item.rule)).not.toContain('built_on_sequence');
  });

  it("says the organisation's name on the guessability line when that is what main found", () => {
    const line = items('Northfield2024Xx', { mainVerdict: ['contains_org_name'] }).find((item) => item.rule === 'banned_term');
    expect(line).toEqual({ rule: 'banned_term', state: 'unmet', shownAs: 'contains_org_name' });
  });

  it('judges reuse only from a refusal for the text in the box, and adds rules with no line of their own', () => {
    expect(items('Zr4Kx8Nv2Bq6Hm', { mainVerdict: [] }).find((item) => item.rule === 'reused')).toEqual({ rule: 'reused', state: 'pending', judgedOnSubmit: true });
    expect(stateOf(items('Wq3nVb8zHt5kLp', { mainVerdict: [], submittedVerdict: ['reused'] }), 'reused')).toBe('unmet');
    const directory = items('Zr4Kx8Nv2Bq6Hm', { mainVerdict: [], submittedVerdict: ['directory_quality'] });
    expect(stateOf(directory, 'reused')).toBe('met');
    expect(directory.at(-1)).toEqual({ rule: 'directory_quality', state: 'unmet' });
  });
});

describe('password checklist: the one spoken summary', () => {
  const summary = (list: ReturnType<typeof items>, typed = true) => checklistSummary(list, words, typed);

  it('says nothing before typing, then counts the lines met', () => {
    expect(summary(items(''), false)).toBeNull();
    // 'abc' is not too long, has a small letter, no symbol and no username: four lines met.
    expect(summary(items('abc'))).toBe('4 of 12 rules met.');
  });

  it('says all rules are met so far when only the check at submit is left', () => {
    const good = items('Zr4Kx8Nv2Bq6Hm', { confirmation: 'Zr4Kx8Nv2Bq6Hm', mainVerdict: [] });
    expect(summary(good)).toBe('All rules met so far. The last one is checked when you press "Change password".');
  });

  it('says all rules are met once every line is', () => {
    const noHistory: MessageContext = { ...campus, rules: { ...presets.campus, history: 0 } };
    const good = items('Zr4Kx8Nv2Bq6Hm', { confirmation: 'Zr4Kx8Nv2Bq6Hm', mainVerdict: [], context: noHistory });
    expect(summary(good)).toBe('All rules met.');
  });

  it('is written in the session language, with its plurals', () => {
    const french = createTranslator('fr');
    expect(checklistSummary(items('abc'), french, true)).toBe('4 règles respectées sur 12.');
    const oneMet = [
      { rule: 'too_short', state: 'met' },
      { rule: 'too_long', state: 'unmet' },
    ] as const;
    expect(checklistSummary(oneMet, french, true)).toBe('1 règle respectée sur 2.');
  });
});
