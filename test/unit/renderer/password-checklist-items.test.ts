import { describe, expect, it } from 'vitest';
import { presets } from '../../../shared/policy/policy-config.js';
import { checklistItems } from '../../../renderer/src/password-checklist-items.js';
import type { MessageContext } from '../../../renderer/src/messages.js';
import { createTranslator } from '../../../shared/i18n/translator.js';

const words = createTranslator('en');

const campus: MessageContext = { rules: presets.campus, organisationName: 'Northfield University', deskName: 'Service Desk', words };
const standards: MessageContext = { rules: presets.standards, organisationName: 'Northfield University', deskName: 'Service Desk', words };

const unmet = (items: { rule: string; met: boolean }[]) => items.filter((item) => !item.met).map((item) => item.rule);

describe('password checklist items', () => {
  it('lists the campus rules in order, ending with "not your username"', () => {
    expect(checklistItems('', 'amira.khan', campus, null).map((item) => item.rule)).toEqual([
      'too_short',
      'too_long',
      'needs_upper',
      'needs_lower',
      'needs_digit',
      'forbidden_character',
      'contains_username',
    ]);
  });

  it('turns each rule green as it is met', () => {
    expect(unmet(checklistItems('abc', 'amira.khan', campus, null))).toEqual(['too_short', 'needs_upper', 'needs_digit']);
    expect(unmet(checklistItems('abcDEF123456', 'amira.khan', campus, null))).toEqual([]);
    expect(unmet(checklistItems('abcDEF123456!', 'amira.khan', campus, null))).toEqual(['forbidden_character']);
    expect(unmet(checklistItems('abcDEF123456abcDEF123', 'amira.khan', campus, null))).toEqual(['too_long']);
  });

  it('judges the username rule here, without waiting for main', () => {
    expect(unmet(checklistItems('Xamira.khan99Z', 'amira.khan', standards, null))).toEqual(['too_short', 'contains_username']);
    expect(unmet(checklistItems('AMIRA.KHAN is my name 2024', 'amira.khan', standards, null))).toEqual(['contains_username']);
  });

  it('asks for no character classes under the standards preset', () => {
    expect(checklistItems('', 'amira.khan', standards, null).map((item) => item.rule)).toEqual([
      'too_short',
      'too_long',
      'forbidden_character',
      'contains_username',
    ]);
  });

  it("adds what only main can judge when main's verdict names it, once", () => {
    const items = checklistItems('Summer2024Harbour', 'amira.khan', campus, ['banned_term', 'contains_name', 'banned_term']);
    expect(unmet(items)).toEqual(['banned_term', 'contains_name']);
    expect(items.map((item) => item.rule)).toHaveLength(new Set(items.map((item) => item.rule)).size);
  });

  it("shows a rule as not met when main says it failed, even if this screen judged it met", () => {
    // Main's engine also finds the username in parts ("amirakhan"); the plain substring check does not.
    const items = checklistItems('Amirakhan12345', 'amira.khan', campus, ['contains_username']);
    expect(items.filter((item) => item.rule === 'contains_username')).toEqual([{ rule: 'contains_username', met: false }]);
    expect(checklistItems('Amirakhan12345', 'amira.khan', campus, null).find((item) => item.rule === 'contains_username')?.met).toBe(true);
  });
});

describe('password checklist: the composition gate', () => {
  it("shows main's composition verdict as one line, in the words of the refusal", async () => {
    const { compositionRequirement } = await import('../../../renderer/src/messages.js');
    const items = checklistItems('Abc123772021', 'amira.khan', campus, ['built_on_sequence', 'plus_year', 'plus_number']);
    const gate = items.filter((item) => item.parts !== undefined);
    expect(gate).toEqual([{ rule: 'built_on_sequence', met: false, parts: ['built_on_sequence', 'plus_year', 'plus_number'] }]);
    expect(compositionRequirement(words, ['built_on_sequence', 'plus_year', 'plus_number'])).toBe('Not built on a common sequence plus a year and common numbers');
    expect(unmet(items)).toEqual(['built_on_sequence']);
  });
});
