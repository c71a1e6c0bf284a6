import type { FormEvent } from 'react';
import { useState } from 'react';
import type { RegistrationView } from '../../../../shared/flow/stages.js';
import { CodeField } from '../../components/CodeField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { QrCode } from '../../components/QrCode.js';
import { checkTypedCode } from '../../code-entry.js';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.js';
import { messageContextOf, useLoadedInfo } from '../../hooks/use-message-context.js';
import { errorMessage } from '../../messages.js';
import { appSetupWords, formButtons } from '../../registration-messages.js';
import { useFlow } from '../../stores/bound-stores.js';

type AppSetupView = Extract<RegistrationView, { stage: 'app_setup' }>;

/**
 * The one screen that shows an authenticator secret: as a QR code and as grouped text for typing by
 * hand. Leaving the stage (confirm, cancel, wipe) replaces the view, and main never sends it again.
 */
export function AppSetupScreen({ view }: { view: AppSetupView }) {
  const info = useLoadedInfo();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const confirmMethod = useFlow((s) => s.confirmMethod);
  const cancelMethod = useFlow((s) => s.cancelMethod);
  const busy = useFlow((s) => s.busy);
  const error = useFlow((s) => s.error);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkTypedCode(code, view.digits);
    setProblem(checked.problem);
    if (checked.problem === null) void confirmMethod(checked.digits);
  };

  const message = problem ?? (error === null ? null : errorMessage(error, messageContextOf(info)));

  return (
    <section className="stage" data-testid="stage-app_setup">
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {appSetupWords.heading}
      </h1>
      <ol className="steps">
        {appSetupWords.steps(view.issuer, view.digits).map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <div className="app-setup">
        <QrCode matrix={view.qr} name={appSetupWords.qrName} />
        <section className="manual-key" aria-labelledby="manual-key-heading">
          <h2 id="manual-key-heading">{appSetupWords.manualHeading}</h2>
          <p>{appSetupWords.manualLead}</p>
          <dl className="key-details">
            <div className="desk-row">
              <dt>{appSetupWords.account}</dt>
              <dd>
                {view.issuer} ({view.accountLabel})
              </dd>
            </div>
            <div className="desk-row">
              <dt>{appSetupWords.key}</dt>
              <dd className="secret-key" data-testid="app-secret">
                {view.secretGroups}
              </dd>
            </div>
            <div className="desk-row">
              <dt>{appSetupWords.keyType}</dt>
              <dd>{appSetupWords.timeBased}</dd>
            </div>
          </dl>
          <p className="hint">{appSetupWords.shownOnce}</p>
        </section>
      </div>
      <form className="stage-form" onSubmit={submit} noValidate aria-busy={busy}>
        <CodeField
          label={appSetupWords.codeLabel}
          hint={appSetupWords.codeHint(view.digits, view.periodSeconds)}
          codeLength={view.digits}
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
        <button type="submit" className="button button-primary">
          Verify
        </button>
      </form>
      <button type="button" className="button button-quiet start-over" onClick={() => void cancelMethod()}>
        {formButtons.cancel}
      </button>
    </section>
  );
}
