import { compositionChecklist, contextViolations } from '../../shared/policy/composition.js';
import type { PolicyRuleCode } from '../../shared/policy/rule-codes.js';
import { isCompositionCode, type MessageContext } from './messages.js';

export interface ChecklistItem {
  rule: PolicyRuleCode;
  met: boolean;
  /** For the composition gate's item: all its codes, shown as one line (see compositionRequirement). */
  parts?: PolicyRuleCode[];
}

/**
 * Composition rules and "not your username" are judged here as the person types (the same shared
 * functions main uses on submit); what only main can judge (banned terms, leaked lists, names) is
 * added when main's debounced verdict names it.
 */
export function checklistItems(
  password: string,
  username: string,
  context: MessageContext,
  mainVerdict: readonly PolicyRuleCode[] | null,
): ChecklistItem[] {
  const items: ChecklistItem[] = compositionChecklist(password, context.rules).map(({ rule, met }) => ({ rule, met }));
  if (context.rules.forbidUsername) {
    items.push({ rule: 'contains_username', met: !contextViolations(password, { username }, context.rules).includes('contains_username') });
  }
  // Main may see more than this screen can (e.g. the username split into parts): its "failed" wins.
  // The composition gate's codes are the parts of one verdict: one line, as the refusal says it.
  const verdict = [...new Set(mainVerdict ?? [])];
  const parts = verdict.filter(isCompositionCode);
  if (parts.length > 0) items.push({ rule: parts[0] as PolicyRuleCode, met: false, parts });
  for (const rule of verdict) {
    if (isCompositionCode(rule)) continue;
    const item = items.find((candidate) => candidate.rule === rule);
    if (item === undefined) items.push({ rule, met: false });
    else item.met = false;
  }
  return items;
}
