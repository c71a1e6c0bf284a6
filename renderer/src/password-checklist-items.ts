import { compositionChecklist, contextViolations } from '../../shared/policy/composition.js';
import type { PolicyRuleCode } from '../../shared/policy/rule-codes.js';
import type { Translator } from '../../shared/i18n/translator.js';
import { isCompositionCode, type MessageContext } from './messages.js';

/**
 * met / unmet: judged for the text in the boxes now. pending: not judged yet ("not checked yet"), so
 * nothing is shown as passed or failed before it is known: before typing, while main has not answered
 * for the current text, and (for reuse) until the password is sent.
 */
export type ChecklistState = 'met' | 'unmet' | 'pending';

/** A password rule, or the extra line that says both boxes hold the same text. */
export type ChecklistKey = PolicyRuleCode | 'match';

export interface ChecklistItem {
  rule: ChecklistKey;
  state: ChecklistState;
  /** The guessability line when the composition gate refused: its codes, said as one line (see compositionRequirement). */
  parts?: PolicyRuleCode[];
  /** The guessability line when main named the organisation's name: said with that rule's words. */
  shownAs?: PolicyRuleCode;
  /** Judged only when the password is sent (reuse needs the password history): says so under the line. */
  judgedOnSubmit?: true;
}

export interface ChecklistInput {
  password: string;
  confirmation: string;
  username: string;
  context: MessageContext;
  /** Main's live verdict (banned terms, leaked lists, names) for exactly this password; null: not answered yet. */
  mainVerdict: readonly PolicyRuleCode[] | null;
  /** The rules of a refusal that still describes the text in the box (main's full check, reuse included); else null. */
  submittedVerdict: readonly PolicyRuleCode[] | null;
}

/** The codes the one "not easy to guess" line stands for: the blocklist, the organisation's name and the composition gate. */
const guessabilityCodes = (code: PolicyRuleCode) => code === 'banned_term' || code === 'contains_org_name' || isCompositionCode(code);

/**
 * Every rule the policy has is listed from the start, in the same order whatever is typed: what this
 * screen can judge (composition, "not your username", the match) as the person types, with the same
 * shared functions main uses; what only main can judge (names, guessability, leaked lists) once main's
 * debounced verdict for the current text is in; reuse once a submit was refused (or not) for it.
 */
export function checklistItems(input: ChecklistInput): ChecklistItem[] {
  const { password, confirmation, username, context } = input;
  const rules = context.rules;
  const typed = password !== '';
  const verdict = input.submittedVerdict ?? input.mainVerdict;
  const failed = new Set(verdict ?? []);
  const local = (met: boolean): ChecklistState => (!typed ? 'pending' : met ? 'met' : 'unmet');
  // Main may see more than this screen can (e.g. the username split into parts): its "failed" wins.
  const localOrMain = (rule: PolicyRuleCode, met: boolean): ChecklistState => (typed && failed.has(rule) ? 'unmet' : local(met));
  const byMain = (rule: PolicyRuleCode): ChecklistState => (!typed || verdict === null ? 'pending' : failed.has(rule) ? 'unmet' : 'met');

  const items: ChecklistItem[] = compositionChecklist(password, rules).map(({ rule, met }) => ({ rule, state: localOrMain(rule, met) }));
  if (rules.forbidUsername) {
    const met = !contextViolations(password, { username }, rules).includes('contains_username');
    items.push({ rule: 'contains_username', state: localOrMain('contains_username', met) });
  }
  if (rules.forbidNames) items.push({ rule: 'contains_name', state: byMain('contains_name') });

  const guessFailures = [...failed].filter(guessabilityCodes);
  const parts = guessFailures.filter(isCompositionCode);
  const guessable: ChecklistItem = {
    rule: 'banned_term',
    state: !typed || verdict === null ? 'pending' : guessFailures.length > 0 ? 'unmet' : 'met',
  };
  if (guessable.state === 'unmet' && parts.length > 0) guessable.parts = parts;
  else if (guessable.state === 'unmet' && !failed.has('banned_term') && failed.has('contains_org_name')) guessable.shownAs = 'contains_org_name';
  items.push(guessable);
  items.push({ rule: 'breached', state: byMain('breached') });

  items.push({ rule: 'match', state: confirmation === '' ? 'pending' : confirmation === password ? 'met' : 'unmet' });

  if (rules.history !== 0) {
    const reused: ChecklistItem = { rule: 'reused', state: !typed || input.submittedVerdict === null ? 'pending' : failed.has('reused') ? 'unmet' : 'met' };
    if (reused.state === 'pending') reused.judgedOnSubmit = true;
    items.push(reused);
  }

  // What has no line of its own (the directory's own rules, a change too soon) is added when it fails.
  for (const rule of failed) {
    if (guessabilityCodes(rule) || items.some((item) => item.rule === rule)) continue;
    items.push({ rule, state: 'unmet' });
  }
  return items;
}

/**
 * The one sentence a screen reader hears about the list, once typing pauses: how many lines are met,
 * or that all are. null before anything is typed (nothing to announce).
 */
export function checklistSummary(items: readonly ChecklistItem[], words: Translator, typed: boolean): string | null {
  if (!typed) return null;
  const met = items.filter((item) => item.state === 'met').length;
  const total = items.length;
  if (met === total) return words.t('walkUp.checklist.summary.all');
  const open = items.filter((item) => item.state !== 'met');
  if (open.every((item) => item.judgedOnSubmit === true)) {
    return words.t('walkUp.checklist.summary.allSoFar', { button: words.t('walkUp.newPassword.submit') });
  }
  return words.t('walkUp.checklist.summary.count', { met, total });
}
