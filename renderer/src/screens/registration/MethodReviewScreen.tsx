import type { MethodChange } from '../../../../shared/flow/stages.js';
import { ActionBar } from '../../components/ActionBar.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.js';
import { useMessageContext } from '../../hooks/use-message-context.js';
import { errorMessage } from '../../messages.js';
import { useWords } from '../../i18n/use-words.js';
import { changeWords } from '../../registration-messages.js';
import { useFlow } from '../../stores/bound-stores.js';

/** Nothing is saved until the person confirms here; the notice before and after is promised in words. */
export function MethodReviewScreen({ change }: { change: MethodChange }) {
  const context = useMessageContext();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const words = useWords();
  const { t } = words;
  const saveMethod = useFlow((s) => s.saveMethod);
  const cancelMethod = useFlow((s) => s.cancelMethod);
  const busy = useFlow((s) => s.busy);
  const error = useFlow((s) => s.error);

  return (
    <section className="stage" data-testid="stage-method_review" data-action={change.action} data-kind={change.kind} aria-busy={busy}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {t('registration.review.title')}
      </h1>
      <p className="lead">{t('registration.review.lead')}</p>
      <p className="reminder" data-testid="method-change">
        {changeWords(words, change)}
      </p>
      <p>{t('registration.review.notice')}</p>
      <ErrorAlert message={error === null ? null : errorMessage(error, context)} />
      <ActionBar>
        <button type="button" className="button button-primary" onClick={() => void saveMethod()}>
          {t('registration.review.confirm')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => void cancelMethod()}>
          {t('registration.review.cancel')}
        </button>
      </ActionBar>
    </section>
  );
}
