import type { RegistrationView } from '../../../../shared/flow/stages.js';
import { CodeEntryForm } from '../../components/CodeEntryForm.js';
import { QrCode } from '../../components/QrCode.js';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.js';
import { useWords } from '../../i18n/use-words.js';
import { appSetupSteps } from '../../registration-messages.js';
import { useFlow } from '../../stores/bound-stores.js';

type AppSetupView = Extract<RegistrationView, { stage: 'app_setup' }>;

/**
 * The one screen that shows an authenticator secret: as a QR code and as grouped text for typing by
 * hand. Leaving the stage (confirm, cancel, wipe) replaces the view, and main never sends it again.
 */
export function AppSetupScreen({ view }: { view: AppSetupView }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const words = useWords();
  const { t } = words;
  const confirmMethod = useFlow((s) => s.confirmMethod);
  const cancelMethod = useFlow((s) => s.cancelMethod);

  return (
    <section className="stage" data-testid="stage-app_setup">
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {t('registration.app.title')}
      </h1>
      <ol className="steps">
        {appSetupSteps(words, view.issuer, view.digits).map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <div className="app-setup">
        <QrCode matrix={view.qr} name={t('registration.app.qrName')} />
        <section className="manual-key" aria-labelledby="manual-key-heading">
          <h2 id="manual-key-heading">{t('registration.app.manual.title')}</h2>
          <p>{t('registration.app.manual.lead')}</p>
          <dl className="key-details">
            <div className="desk-row">
              <dt>{t('registration.app.manual.account')}</dt>
              <dd>{t('registration.app.manual.accountValue', { issuer: view.issuer, account: view.accountLabel })}</dd>
            </div>
            <div className="desk-row">
              <dt>{t('registration.app.manual.key')}</dt>
              {/* The key itself: letters and digits to type, not words to translate. */}
              <dd className="secret-key" data-testid="app-secret" data-value-text>
                {view.secretGroups}
              </dd>
            </div>
            <div className="desk-row">
              <dt>{t('registration.app.manual.keyType')}</dt>
              <dd>{t('registration.app.manual.timeBased')}</dd>
            </div>
          </dl>
          <p className="hint">{t('registration.app.manual.shownOnce')}</p>
        </section>
      </div>
      <CodeEntryForm
        label={t('registration.app.codeLabel')}
        hint={t('registration.app.codeHint', { digits: view.digits, seconds: view.periodSeconds })}
        codeLength={view.digits}
        verify={confirmMethod}
        actions={
          <button type="button" className="button button-secondary" onClick={() => void cancelMethod()}>
            {t('registration.form.cancel')}
          </button>
        }
      />
    </section>
  );
}
