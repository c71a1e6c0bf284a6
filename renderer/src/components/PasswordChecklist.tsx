import type { PolicyRuleCode } from '../../../shared/policy/rule-codes.js';
import { compositionRequirement, isCompositionCode, ruleRequirements, type MessageContext } from '../messages.js';
import { checklistItems } from '../password-checklist-items.js';
import { CrossIcon, TickIcon } from './Icons.js';

export function PasswordChecklist(props: {
  password: string;
  username: string;
  context: MessageContext;
  mainVerdict: readonly PolicyRuleCode[] | null;
}) {
  // Before anything is typed every rule is "not yet", which is true, and shows what is coming.
  const items = checklistItems(props.password, props.username, props.context, props.mainVerdict);
  return (
    <div className="checklist">
      <h2 id="checklist-heading" className="checklist-heading">
        {props.context.words.t('walkUp.checklist.heading')}
      </h2>
      <ul aria-labelledby="checklist-heading" aria-live="polite" className="checklist-items">
        {items.map((item) => (
          <li key={item.rule} className={item.met ? 'rule rule-met' : 'rule rule-unmet'} data-rule={item.rule}>
            {item.met ? <TickIcon /> : <CrossIcon />}
            <span className="visually-hidden">{props.context.words.t(item.met ? 'walkUp.checklist.met' : 'walkUp.checklist.notMet')} </span>
            <span>{item.parts === undefined ? ruleRequirements[item.rule](props.context) : compositionRequirement(props.context.words, item.parts.filter(isCompositionCode))}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
