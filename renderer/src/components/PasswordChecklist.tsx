import { useEffect, useState, type ComponentType } from 'react';
import type { MessageId } from '../../../shared/i18n/catalogues.js';
import { compositionRequirement, isCompositionCode, ruleRequirements, type MessageContext } from '../messages.js';
import { checklistItems, checklistSummary, type ChecklistInput, type ChecklistItem, type ChecklistState } from '../password-checklist-items.js';
import { CrossIcon, PendingIcon, TickIcon } from './Icons.js';

/** How long typing must pause before the summary is announced: one sentence per pause, not per keystroke. */
const summaryPauseMilliseconds = 1200;

const stateWordIds: Record<ChecklistState, MessageId> = {
  met: 'walkUp.checklist.met',
  unmet: 'walkUp.checklist.notMet',
  pending: 'walkUp.checklist.notChecked',
};

/** Class names other styles rely on (issue 12's two-column landscape checklist): keep them stable. */
const stateClasses: Record<ChecklistState, string> = {
  met: 'rule rule-met',
  unmet: 'rule rule-unmet',
  pending: 'rule rule-pending',
};

const stateIcons: Record<ChecklistState, ComponentType> = {
  met: TickIcon,
  unmet: CrossIcon,
  pending: PendingIcon,
};

function itemWords(item: ChecklistItem, context: MessageContext): string {
  if (item.rule === 'match') return context.words.t('walkUp.checklist.match.requirement');
  if (item.parts !== undefined) return compositionRequirement(context.words, item.parts.filter(isCompositionCode));
  return ruleRequirements[item.shownAs ?? item.rule](context);
}

/**
 * Every rule from the start, each with its state in words as well as by icon and colour. The list is
 * not a live region (a screen reader would hear fragments on every keystroke); one short polite
 * summary is announced once typing pauses instead.
 */
export function PasswordChecklist(props: Omit<ChecklistInput, 'context'> & { context: MessageContext }) {
  const { context } = props;
  const { t } = context.words;
  const items = checklistItems(props);
  const summary = checklistSummary(items, context.words, props.password !== '');
  const [announced, setAnnounced] = useState('');

  useEffect(() => {
    const timer = window.setTimeout(() => setAnnounced(summary ?? ''), summaryPauseMilliseconds);
    return () => window.clearTimeout(timer);
  }, [summary]);

  return (
    <div className="checklist" data-testid="password-checklist">
      <h2 id="checklist-heading" className="checklist-heading">
        {t('walkUp.checklist.heading')}
      </h2>
      <ul aria-labelledby="checklist-heading" className="checklist-items">
        {items.map((item) => {
          const Icon = stateIcons[item.state];
          return (
            <li key={item.rule} className={item.rule === 'match' ? `${stateClasses[item.state]} rule-match` : stateClasses[item.state]} data-rule={item.rule} data-state={item.state}>
              <Icon />
              <span className="rule-words">
                <span className="visually-hidden">{t(stateWordIds[item.state])} </span>
                <span>{itemWords(item, context)}</span>
                {item.judgedOnSubmit === true ? (
                  <span className="rule-note">{t('walkUp.checklist.whenSubmitted', { button: t('walkUp.newPassword.submit') })}</span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="visually-hidden checklist-summary" role="status" aria-live="polite" aria-atomic="true" data-testid="checklist-summary">
        {announced}
      </p>
    </div>
  );
}
