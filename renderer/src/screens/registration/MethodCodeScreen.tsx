import type { RegistrationView } from '../../../../shared/flow/stages.js';
import { CodeDeliveryNotice } from '../../components/CodeDeliveryNotice.js';
import { CodeEntryForm } from '../../components/CodeEntryForm.js';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.js';
import { formButtons, methodCodeWords } from '../../registration-messages.js';
import { useFlow } from '../../stores/bound-stores.js';

type MethodCodeView = Extract<RegistrationView, { stage: 'method_code' }>;

/**
 * The code sent to the new address or number: it counts only once typed here. The person is signed
 * in and typed the address themselves, so the masked address may be shown.
 */
export function MethodCodeScreen({ view }: { view: MethodCodeView }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const confirmMethod = useFlow((s) => s.confirmMethod);
  const resendMethodCode = useFlow((s) => s.resendMethodCode);
  const cancelMethod = useFlow((s) => s.cancelMethod);

  return (
    <section className="stage" data-testid="stage-method_code" data-kind={view.kind}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {methodCodeWords.heading}
      </h1>
      <p className="lead">{methodCodeWords.lead[view.kind](view.masked)}</p>
      <p>{methodCodeWords.whereToLook[view.kind]}</p>
      <CodeDeliveryNotice delivery={view.delivery} expiresInSeconds={view.expiresInSeconds} />
      <CodeEntryForm
        label="Code"
        hint={`${view.codeLength} digits`}
        codeLength={view.codeLength}
        verify={confirmMethod}
        resend={{ send: resendMethodCode, notice: methodCodeWords.resent[view.kind](view.masked) }}
      />
      <p className="hint">{methodCodeWords.noCode}</p>
      <button type="button" className="button button-quiet start-over" onClick={() => void cancelMethod()}>
        {formButtons.cancel}
      </button>
    </section>
  );
}
