import type { RegistrationView } from '../../../../shared/flow/stages.js';
import { CodeDeliveryNotice } from '../../components/CodeDeliveryNotice.js';
import { CodeEntryForm } from '../../components/CodeEntryForm.js';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.js';
import { useWords } from '../../i18n/use-words.js';
import { useFlow } from '../../stores/bound-stores.js';

type MethodCodeView = Extract<RegistrationView, { stage: 'method_code' }>;

/**
 * The code sent to the new address or number: it counts only once typed here. The person is signed
 * in and typed the address themselves, so the masked address may be shown.
 */
export function MethodCodeScreen({ view }: { view: MethodCodeView }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const { t } = useWords();
  const about = { kind: view.kind, masked: view.masked };
  const confirmMethod = useFlow((s) => s.confirmMethod);
  const resendMethodCode = useFlow((s) => s.resendMethodCode);
  const cancelMethod = useFlow((s) => s.cancelMethod);

  return (
    <section className="stage" data-testid="stage-method_code" data-kind={view.kind}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {t('registration.code.title')}
      </h1>
      <p className="lead">{t('registration.code.lead', about)}</p>
      <p>{t('registration.code.whereToLook', { kind: view.kind })}</p>
      <CodeDeliveryNotice delivery={view.delivery} expiresInSeconds={view.expiresInSeconds} />
      <CodeEntryForm
        label={t('registration.code.label')}
        hint={t('registration.code.hint', { digits: view.codeLength })}
        codeLength={view.codeLength}
        verify={confirmMethod}
        resend={{ send: resendMethodCode, notice: t('registration.code.resent', about) }}
        after={<p className="hint">{t('registration.code.noCode')}</p>}
        actions={
          <button type="button" className="button button-secondary" onClick={() => void cancelMethod()}>
            {t('registration.form.cancel')}
          </button>
        }
      />
    </section>
  );
}
