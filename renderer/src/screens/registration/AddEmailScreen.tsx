import { useState } from 'react';
import type { RegisteredMethod } from '../../../../shared/flow/stages.js';
import { LabelledField } from '../../components/LabelledField.js';
import { MethodFormFrame } from '../../components/MethodFormFrame.js';
import { useErrorWords } from '../../hooks/use-error-words.js';
import { useLoadedInfo } from '../../hooks/use-message-context.js';
import { useWords } from '../../i18n/use-words.js';
import { addEmailWords } from '../../registration-messages.js';
import { useFlow } from '../../stores/bound-stores.js';

/** Both boxes take an address the same way; only the label, id and name differ. */
const emailInput = {
  type: 'email',
  inputMode: 'email',
  autoComplete: 'off',
  autoCapitalize: 'none',
  autoCorrect: 'off',
  spellCheck: false,
  maxLength: 254,
  errorId: 'email-error',
} as const;

/**
 * Add or change a personal email address, typed twice (a typo here would send every future code to a
 * stranger). Main judges the address and the organisation's own domains; this screen only checks that
 * both boxes are filled. The address lives in this screen's state: a wipe unmounts it.
 */
export function AddEmailScreen({ replacing }: { replacing: RegisteredMethod | null }) {
  const info = useLoadedInfo();
  const words = useWords();
  const addEmail = useFlow((s) => s.addEmail);
  const [email, setEmail] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [missing, setMissing] = useState(false);
  const message = useErrorWords(missing ? words.t('registration.email.missing') : null);

  const submit = () => {
    const incomplete = email.trim() === '' || confirmation.trim() === '';
    setMissing(incomplete);
    if (!incomplete) void addEmail(email.trim(), confirmation.trim());
  };

  // Typing again withdraws "fill in both boxes": the person is doing just that.
  const edit = (set: (value: string) => void) => (value: string) => {
    setMissing(false);
    set(value);
  };

  return (
    <MethodFormFrame
      screen="add-email"
      words={addEmailWords(words)}
      lead={words.t('registration.email.lead', { organisationName: info.organisationName })}
      replacing={replacing}
      errorId={emailInput.errorId}
      message={message}
      onSubmit={submit}
    >
      <LabelledField {...emailInput} id="new-email" name="email" label={words.t('registration.email.address')} value={email} invalid={message !== null} onChange={edit(setEmail)} />
      <LabelledField
        {...emailInput}
        id="new-email-again"
        name="email-again"
        label={words.t('registration.email.again')}
        value={confirmation}
        invalid={message !== null}
        onChange={edit(setConfirmation)}
      />
    </MethodFormFrame>
  );
}
