import type { AssistProgress, TechnicianActionResult } from '../../../shared/technician/technician-view.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useTechnicianError } from '../hooks/use-technician-error.js';
import { useTechnician } from '../stores/bound-stores.js';
import { useWords } from '../i18n/use-words.js';
import { assistPolicyWords, assistStageWords, lastActionWords } from '../technician-messages.js';
import { endWalkUpSession } from '../walk-up-wipe.js';
import { TechnicianIdle } from './TechnicianIdle.js';

/**
 * The technician's part of the screen during an assisted step. Built from main's AssistProgress only
 * (kind, stage, whether the policy is met): nothing the person types can reach it.
 */
export function AssistStatus(props: {
  progress: AssistProgress;
  /** Main has closed the step (the person is reading its result): how it ended, if main said. */
  finished: TechnicianActionResult | null;
  username: string | null;
  idleSeconds: number;
}) {
  const { progress, finished, username, idleSeconds } = props;
  const words = useWords();
  const { t } = words;
  const endAssist = useTechnician((s) => s.endAssist);
  const forget = useTechnician((s) => s.forgetFinishedAssist);
  const refusal = useTechnicianError('assist');
  const policy = assistPolicyWords(words, progress);
  return (
    <section className="assist-status" data-area="technician" data-testid="technician-area" aria-labelledby="assist-heading">
      <h2 id="assist-heading">
        {username === null ? t('technician.assist.title', { kind: progress.kind }) : t('technician.assist.titleFor', { kind: progress.kind, username })}
      </h2>
      <p role="status" data-testid="assist-stage">
        {assistStageWords(words, progress.stage)}
      </p>
      {policy === null ? null : (
        <p data-testid="assist-policy" data-policy-met={progress.policyMet === null ? 'unknown' : String(progress.policyMet)}>
          <strong>{policy}</strong>
        </p>
      )}
      {finished === null ? null : (
        <p data-testid="assist-result">
          <strong>{lastActionWords(words, finished)}</strong>
        </p>
      )}
      <TechnicianIdle idleSeconds={idleSeconds} />
      <ErrorAlert message={refusal} />
      {finished === null && progress.stage !== 'done' ? (
        <button type="button" className="button button-secondary" onClick={() => void endAssist()}>
          {t('technician.assist.endStep')}
        </button>
      ) : (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            forget();
            void endWalkUpSession();
          }}
        >
          {t('technician.assist.backToConsole')}
        </button>
      )}
    </section>
  );
}
