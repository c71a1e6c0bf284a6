import type { TechnicianView } from '../../../shared/technician/technician-view.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useTechnicianError } from '../hooks/use-technician-error.js';
import { useTechnician } from '../stores/bound-stores.js';
import { availableActions, type CaseAction } from '../technician-case-actions.js';
import type { MessageId } from '../../../shared/i18n/catalogues.js';
import { useWords } from '../i18n/use-words.js';
import { lastActionWords } from '../technician-messages.js';

type SignedIn = Extract<TechnicianView, { signedIn: true }>;

const buttons: { action: CaseAction; label: MessageId }[] = [
  { action: 'unlock', label: 'technician.actions.unlock' },
  { action: 'clear_blocks', label: 'technician.actions.clearBlocks' },
  { action: 'reset', label: 'technician.actions.assistReset' },
  { action: 'reset_with_code', label: 'technician.actions.assistResetWithCode' },
  { action: 'enrol', label: 'technician.actions.assistEnrol' },
];

/** What the technician can do for the person in hand, each offered only when it can help. */
export function CaseActions({ view }: { view: SignedIn }) {
  const words = useWords();
  const { t } = words;
  const unlock = useTechnician((s) => s.unlock);
  const clearBlocks = useTechnician((s) => s.clearBlocks);
  const assist = useTechnician((s) => s.assist);
  const closeCase = useTechnician((s) => s.closeCase);
  const busy = useTechnician((s) => s.busy);
  const refusal = useTechnicianError('actions');
  const enabled = availableActions(view);
  const run = (action: CaseAction) => {
    if (action === 'unlock') return unlock();
    if (action === 'clear_blocks') return clearBlocks();
    return assist(action);
  };

  return (
    <section className="console-panel" aria-labelledby="actions-heading" data-testid="technician-actions">
      <h2 id="actions-heading">{t('technician.actions.title')}</h2>
      {view.idCheck === null ? <p id="actions-note">{t('technician.actions.needIdCheck')}</p> : null}
      <div className="action-buttons">
        {buttons.map(({ action, label }) => (
          <button
            key={action}
            type="button"
            className="button button-secondary"
            data-action={action}
            disabled={!enabled[action] || busy}
            aria-describedby={view.idCheck === null ? 'actions-note' : undefined}
            onClick={() => void run(action)}
          >
            {t(label)}
          </button>
        ))}
      </div>
      <div role="status" className="last-action" data-testid="technician-last-action">
        {view.lastAction === null ? null : (
          <p>
            <strong>{t('technician.actions.lastAction')}</strong> {lastActionWords(words, view.lastAction)}
          </p>
        )}
      </div>
      <ErrorAlert message={refusal} />
      <button type="button" className="button button-quiet" onClick={() => void closeCase()}>
        {t('technician.case.close')}
      </button>
    </section>
  );
}
