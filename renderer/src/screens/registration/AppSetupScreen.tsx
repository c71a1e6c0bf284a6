import type { RegistrationView } from '../../../../shared/flow/stages.js';
import { CodeEntryForm } from '../../components/CodeEntryForm.js';
import { QrCode } from '../../components/QrCode.js';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.js';
import { appSetupWords, formButtons } from '../../registration-messages.js';
import { useFlow } from '../../stores/bound-stores.js';

type AppSetupView = Extract<RegistrationView, { stage: 'app_setup' }>;

/**
 * The one screen that shows an authenticator secret: as a QR code and as grouped text for typing by
 * hand. Leaving the stage (confirm, cancel, wipe) replaces the view, and main never sends it again.
 */
export function AppSetupScreen({ view }: { view: AppSetupView }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const confirmMethod = useFlow((s) => s.confirmMethod);
  const cancelMethod = useFlow((s) => s.cancelMethod);

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
      <CodeEntryForm
        label={appSetupWords.codeLabel}
        hint={appSetupWords.codeHint(view.digits, view.periodSeconds)}
        codeLength={view.digits}
        verify={confirmMethod}
      />
      <button type="button" className="button button-quiet start-over" onClick={() => void cancelMethod()}>
        {formButtons.cancel}
      </button>
    </section>
  );
}
