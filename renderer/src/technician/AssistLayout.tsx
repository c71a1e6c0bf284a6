import { useEffect } from 'react';
import type { AssistProgress, TechnicianView } from '../../../shared/technician/technician-view.js';
import { AssistedMode } from '../assisted-mode.js';
import { StageScreen } from '../components/StageScreen.js';
import { useFlow } from '../stores/bound-stores.js';
import { useWords } from '../i18n/use-words.js';
import { AssistStatus } from './AssistStatus.js';

type SignedIn = Extract<TechnicianView, { signedIn: true }>;

/**
 * An assisted step: the person's own walk-up screen (the one main's walk-up session is at), with a
 * technician area beside it that shows only progress. The person area is the ordinary StageScreen
 * in assisted mode (no reveal button, no help-ticket offer).
 */
export function AssistLayout({ view, progress, finished }: { view: SignedIn; progress: AssistProgress; finished: boolean }) {
  const { t } = useWords();
  const flowStage = useFlow((s) => s.view?.stage ?? null);

  useEffect(() => {
    // Main switched the walk-up session when the step began: read it rather than assume it.
    void useFlow.getState().load();
    // And back at the console, the page's copy of the walk-up must not keep the step's stage (the
    // walk-up idle warning would otherwise appear over the console).
    return () => void useFlow.getState().load();
  }, []);

  useEffect(() => {
    // Main's stage moved without the page (the step ended or timed out): catch up quietly.
    if (flowStage !== null && flowStage !== progress.stage) void useFlow.getState().poll();
  }, [flowStage, progress.stage]);

  // The page may still show the start for a moment after the step began, until main's stage is read.
  const person =
    progress.stage === 'identify' ? <StepEnded /> : flowStage === null || flowStage === 'identify' ? <p className="loading">{t('technician.assist.loading')}</p> : <StageScreen />;
  return (
    <div className="assist-layout" data-testid="assist-layout" data-kind={progress.kind}>
      <AssistStatus
        progress={progress}
        finished={finished ? view.lastAction : null}
        username={view.person?.username ?? null}
        idleSeconds={view.idleSeconds}
      />
      <div className="assist-person" data-area="person" data-testid="person-area">
        <AssistedMode.Provider value={true}>{person}</AssistedMode.Provider>
      </div>
    </div>
  );
}

function StepEnded() {
  const { t } = useWords();
  return (
    <section className="stage" data-testid="assist-ended">
      <h1>{t('technician.assist.stepEnded')}</h1>
      <p className="lead">{t('technician.assist.stepEndedLead')}</p>
    </section>
  );
}
