import type { TechnicianView } from '../../../shared/technician/technician-view.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useTechnicianError } from '../hooks/use-technician-error.js';
import { useTechnician } from '../stores/bound-stores.js';
import { availableActions, type CaseAction } from '../technician-case-actions.js';
import { actionWords, consoleWords, lastActionWords } from '../technician-messages.js';

type SignedIn = Extract<TechnicianView, { signedIn: true }>;

const buttons: { action: CaseAction; label: string }[] = [
  { action: 'unlock', label: actionWords.unlock },
  { action: 'clear_blocks', label: actionWords.clearBlocks },
  { action: 'reset', label: actionWords.assistReset },
  { action: 'reset_with_code', label: actionWords.assistResetWithCode },
  { action: 'enrol', label: actionWords.assistEnrol },
];

/** What the technician can do for the person in hand, each offered only when it can help. */
export function CaseActions({ view }: { view: SignedIn }) {
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
      <h2 id="actions-heading">{actionWords.heading}</h2>
      {view.idCheck === null ? <p id="actions-note">{actionWords.needIdCheck}</p> : null}
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
            {label}
          </button>
        ))}
      </div>
      <div role="status" className="last-action" data-testid="technician-last-action">
        {view.lastAction === null ? null : (
          <p>
            <strong>{actionWords.lastAction}:</strong> {lastActionWords(view.lastAction)}
          </p>
        )}
      </div>
      <ErrorAlert message={refusal} />
      <button type="button" className="button button-quiet" onClick={() => void closeCase()}>
        {consoleWords.closeCase}
      </button>
    </section>
  );
}
