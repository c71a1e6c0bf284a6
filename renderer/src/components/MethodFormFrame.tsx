import type { FormEvent, ReactNode } from 'react';
import type { RegisteredMethod } from '../../../shared/flow/stages.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useWords } from '../i18n/use-words.js';
import type { MethodFormWords } from '../registration-messages.js';
import { useFlow } from '../stores/bound-stores.js';
import { ActionBar } from './ActionBar.js';
import { ErrorAlert } from './ErrorAlert.js';

/**
 * What the add-email and add-phone screens share: the heading (focused on arrival, so a screen reader
 * starts there), which method is being replaced, the error region the fields point at, and the send
 * and cancel buttons. Each screen supplies only its fields and what submitting means.
 */
export function MethodFormFrame(props: {
  screen: 'add-email' | 'add-phone';
  words: MethodFormWords;
  lead: string;
  replacing: RegisteredMethod | null;
  errorId: string;
  message: string | null;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const { t } = useWords();
  const openMethodForm = useFlow((s) => s.openMethodForm);
  const busy = useFlow((s) => s.busy);
  const { words, replacing } = props;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };

  return (
    <section className="stage" data-testid="stage-methods" data-screen={props.screen} aria-busy={busy}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {replacing === null ? words.heading.add : words.heading.change}
      </h1>
      <p className="lead">{props.lead}</p>
      {replacing === null ? null : <p>{words.replacing(replacing.masked)}</p>}
      <form id="method-form" className="stage-form" onSubmit={submit} noValidate>
        {props.children}
        <div id={props.errorId}>
          <ErrorAlert message={props.message} />
        </div>
      </form>
      <ActionBar>
        <button type="submit" form="method-form" className="button button-primary">
          {t('registration.form.sendCode')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => openMethodForm(null)}>
          {t('registration.form.cancel')}
        </button>
      </ActionBar>
    </section>
  );
}
