import type { FormEvent } from 'react';
import { useState } from 'react';
import type { RegisteredMethod } from '../../../../shared/flow/stages.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.js';
import { messageContextOf, useLoadedInfo } from '../../hooks/use-message-context.js';
import { errorMessage } from '../../messages.js';
import { addPhoneWords, formButtons } from '../../registration-messages.js';
import { useFlow } from '../../stores/bound-stores.js';

/**
 * Add or change a mobile number. Typed once: the text code sent to it proves it is right. Main parses
 * it (the same parser as for sending texts) and answers PHONE_INVALID in words.
 */
export function AddPhoneScreen({ replacing }: { replacing: RegisteredMethod | null }) {
  const info = useLoadedInfo();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const addPhone = useFlow((s) => s.addPhone);
  const openMethodForm = useFlow((s) => s.openMethodForm);
  const busy = useFlow((s) => s.busy);
  const error = useFlow((s) => s.error);
  const [phone, setPhone] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const incomplete = phone.trim() === '';
    setMissing(incomplete);
    if (!incomplete) void addPhone(phone.trim());
  };

  const message = missing ? addPhoneWords.missing : error === null ? null : errorMessage(error, messageContextOf(info));

  return (
    <section className="stage" data-testid="stage-methods" data-screen="add-phone" aria-busy={busy}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {replacing === null ? addPhoneWords.heading.add : addPhoneWords.heading.change}
      </h1>
      <p className="lead">{addPhoneWords.lead}</p>
      {replacing === null ? null : <p>{addPhoneWords.replacing(replacing.masked)}</p>}
      <form className="stage-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="new-phone">{addPhoneWords.number}</label>
          <p id="phone-hint" className="hint">
            {addPhoneWords.hint}
          </p>
          <input
            id="new-phone"
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            spellCheck={false}
            maxLength={32}
            value={phone}
            aria-invalid={message !== null}
            aria-describedby="phone-hint phone-error"
            onChange={(event) => {
              setMissing(false);
              setPhone(event.target.value);
            }}
          />
        </div>
        <div id="phone-error">
          <ErrorAlert message={message} />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary">
            {formButtons.sendCode}
          </button>
          <button type="button" className="button button-secondary" onClick={() => openMethodForm(null)}>
            {formButtons.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}
