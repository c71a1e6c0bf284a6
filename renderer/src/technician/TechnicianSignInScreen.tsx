import type { FormEvent } from 'react';
import { useState } from 'react';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { LabelledField } from '../components/LabelledField.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useLoadedInfo } from '../hooks/use-message-context.js';
import { useTechnicianError } from '../hooks/use-technician-error.js';
import { useTechnician } from '../stores/bound-stores.js';
import { useWords } from '../i18n/use-words.js';
import { QuitByPinForm } from './QuitByPinForm.js';

/**
 * Technician sign-in: username, password and an app code. The password and code live only in this
 * form and are emptied once sent, whatever main answers (a refusal means typing them again).
 */
export function TechnicianSignInScreen() {
  const info = useLoadedInfo();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const { t } = useWords();
  const signIn = useTechnician((s) => s.signIn);
  const close = useTechnician((s) => s.closeSignIn);
  const busy = useTechnician((s) => s.busy);
  const refusal = useTechnicianError('sign_in');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    const found = username.trim() === '' || password === '' || digits === '' ? t('technician.signIn.missing') : /^[0-9]{6}$/.test(digits) ? null : t('technician.signIn.codeShape');
    setProblem(found);
    if (found !== null) return;
    setPassword('');
    setCode('');
    void signIn(username.trim(), password, digits);
  };

  const message = problem ?? refusal;
  return (
    <section className="stage technician-sign-in" data-testid="technician-sign-in" aria-labelledby="technician-sign-in-heading">
      <h1 id="technician-sign-in-heading" ref={heading} tabIndex={-1}>
        {t('technician.signIn.title')}
      </h1>
      <p className="lead">{t('technician.signIn.lead')}</p>
      <form className="stage-form" onSubmit={submit} noValidate aria-busy={busy}>
        <LabelledField
          id="technician-username"
          name="technician-username"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={256}
          label={t('technician.signIn.username')}
          errorId="technician-sign-in-error"
          invalid={message !== null}
          value={username}
          onChange={(value) => {
            setProblem(null);
            setUsername(value);
          }}
        />
        <LabelledField
          id="technician-password"
          name="technician-password"
          type="password"
          autoComplete="current-password"
          spellCheck={false}
          label={t('technician.signIn.password')}
          errorId="technician-sign-in-error"
          invalid={message !== null}
          value={password}
          onChange={(value) => {
            setProblem(null);
            setPassword(value);
          }}
        />
        <LabelledField
          id="technician-code"
          name="technician-code"
          type="text"
          className="code-input"
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]*"
          spellCheck={false}
          maxLength={8}
          label={t('technician.signIn.code')}
          hint={{ id: 'technician-code-hint', text: t('technician.signIn.codeHint') }}
          errorId="technician-sign-in-error"
          invalid={message !== null}
          value={code}
          onChange={(value) => {
            setProblem(null);
            setCode(value);
          }}
        />
        <div id="technician-sign-in-error">
          <ErrorAlert message={message} />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary">
            {t('technician.signIn.submit')}
          </button>
          <button type="button" className="button button-quiet" onClick={close}>
            {t('technician.signIn.cancel')}
          </button>
        </div>
      </form>
      {info.technician.quitByPin ? <QuitByPinForm /> : null}
    </section>
  );
}
