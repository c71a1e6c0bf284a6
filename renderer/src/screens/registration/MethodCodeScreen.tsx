import type { FormEvent } from 'react';
import { useState } from 'react';
import type { RegistrationView } from '../../../../shared/flow/stages.js';
import { CodeField } from '../../components/CodeField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { checkTypedCode } from '../../code-entry.js';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.js';
import { useInterval } from '../../hooks/use-interval.js';
import { messageContextOf, useLoadedInfo } from '../../hooks/use-message-context.js';
import { humanDuration } from '../../human-duration.js';
import { errorMessage, errorMessages } from '../../messages.js';
import { formButtons, methodCodeWords } from '../../registration-messages.js';
import { useFlow } from '../../stores/bound-stores.js';

type MethodCodeView = Extract<RegistrationView, { stage: 'method_code' }>;

/** Sending happens in the background in main; a failure only shows up by asking again. */
const deliveryPollMilliseconds = 2000;

/**
 * The code sent to the new address or number: it counts only once typed here. The person is signed
 * in and typed the address themselves, so the masked address may be shown.
 */
export function MethodCodeScreen({ view }: { view: MethodCodeView }) {
  const info = useLoadedInfo();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const confirmMethod = useFlow((s) => s.confirmMethod);
  const resendMethodCode = useFlow((s) => s.resendMethodCode);
  const cancelMethod = useFlow((s) => s.cancelMethod);
  const poll = useFlow((s) => s.poll);
  const busy = useFlow((s) => s.busy);
  const error = useFlow((s) => s.error);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [resent, setResent] = useState(false);
  const context = messageContextOf(info);

  useInterval(() => void poll(), deliveryPollMilliseconds, view.delivery === 'pending');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkTypedCode(code, view.codeLength);
    setProblem(checked.problem);
    setResent(false);
    if (checked.problem === null) void confirmMethod(checked.digits);
  };

  const sendAgain = async () => {
    setProblem(null);
    setCode('');
    setResent(await resendMethodCode());
  };

  const message = problem ?? (error === null ? null : errorMessage(error, context));

  return (
    <section className="stage" data-testid="stage-method_code" data-kind={view.kind}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {methodCodeWords.heading}
      </h1>
      <p className="lead">{methodCodeWords.lead[view.kind](view.masked)}</p>
      <p>{methodCodeWords.whereToLook[view.kind]}</p>
      <p>The code works for {humanDuration(view.expiresInSeconds)}.</p>
      {view.delivery === 'failed' ? (
        <div role="alert" className="error-alert">
          <p>{errorMessages.SEND_FAILED(undefined, context)}</p>
        </div>
      ) : null}
      <form className="stage-form" onSubmit={submit} noValidate aria-busy={busy}>
        <CodeField
          label="Code"
          hint={`${view.codeLength} digits`}
          codeLength={view.codeLength}
          value={code}
          invalid={message !== null}
          errorId="code-error"
          onChange={(value) => {
            setProblem(null);
            setCode(value);
          }}
        />
        <div id="code-error">
          <ErrorAlert message={message} />
        </div>
        {resent && message === null ? (
          <p role="status" className="status">
            {methodCodeWords.resent[view.kind](view.masked)}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button button-primary">
            Verify
          </button>
          <button type="button" className="button button-secondary" onClick={() => void sendAgain()}>
            Send a new code
          </button>
        </div>
      </form>
      <p className="hint">{methodCodeWords.noCode}</p>
      <button type="button" className="button button-quiet start-over" onClick={() => void cancelMethod()}>
        {formButtons.cancel}
      </button>
    </section>
  );
}
