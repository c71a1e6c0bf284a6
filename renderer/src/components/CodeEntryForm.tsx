import type { FormEvent, ReactNode } from 'react';
import { useState } from 'react';
import { checkTypedCode } from '../code-entry.js';
import { useErrorWords } from '../hooks/use-error-words.js';
import { useWords } from '../i18n/use-words.js';
import { useFlow } from '../stores/bound-stores.js';
import { ActionBar } from './ActionBar.js';
import { CodeField } from './CodeField.js';
import { ErrorAlert } from './ErrorAlert.js';

/**
 * The form where a one-time code is typed: checked for shape here first (so a typo costs no attempt
 * in main), then handed to `verify`. `resend` is absent where nothing was sent (an authenticator
 * app): there is nothing to send again. The typed code lives in this form's state, so a wipe that
 * unmounts the screen forgets it. Verify and "Send a new code" sit in the screen's action bar, after
 * whatever the screen shows below the form (`after`), with the screen's own extra actions.
 */
export function CodeEntryForm(props: {
  label: string;
  hint: string;
  codeLength: number;
  verify: (digits: string) => Promise<unknown>;
  resend?: { send: () => Promise<boolean>; notice: string };
  /** Shown between the form and the action bar (help, the Service Desk). */
  after?: ReactNode;
  /** More buttons for the action bar, after Verify and "Send a new code". */
  actions?: ReactNode;
}) {
  const { resend } = props;
  const busy = useFlow((s) => s.busy);
  const words = useWords();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [resent, setResent] = useState(false);
  const message = useErrorWords(problem);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkTypedCode(code, props.codeLength, words);
    setProblem(checked.problem);
    setResent(false);
    if (checked.problem === null) void props.verify(checked.digits);
  };

  const sendAgain = async (send: () => Promise<boolean>) => {
    setProblem(null);
    setCode('');
    setResent(await send());
  };

  return (
    <>
      <form id="code-form" className="stage-form" onSubmit={submit} noValidate aria-busy={busy}>
        <CodeField
          label={props.label}
          hint={props.hint}
          codeLength={props.codeLength}
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
        {resend !== undefined && resent && message === null ? (
          <p role="status" className="status">
            {resend.notice}
          </p>
        ) : null}
      </form>
      {props.after}
      <ActionBar>
        <button type="submit" form="code-form" className="button button-primary">
          {words.t('walkUp.code.verify')}
        </button>
        {resend === undefined ? null : (
          <button type="button" className="button button-secondary" onClick={() => void sendAgain(resend.send)}>
            {words.t('walkUp.code.sendNew')}
          </button>
        )}
        {props.actions}
      </ActionBar>
    </>
  );
}
