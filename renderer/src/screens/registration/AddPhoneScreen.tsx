import { useState } from 'react';
import type { RegisteredMethod } from '../../../../shared/flow/stages.js';
import { LabelledField } from '../../components/LabelledField.js';
import { MethodFormFrame } from '../../components/MethodFormFrame.js';
import { useErrorWords } from '../../hooks/use-error-words.js';
import { useWords } from '../../i18n/use-words.js';
import { addPhoneWords } from '../../registration-messages.js';
import { useFlow } from '../../stores/bound-stores.js';

/**
 * Add or change a mobile number. Typed once: the text code sent to it proves it is right. Main parses
 * it (the same parser as for sending texts) and answers PHONE_INVALID in words.
 */
export function AddPhoneScreen({ replacing }: { replacing: RegisteredMethod | null }) {
  const words = useWords();
  const addPhone = useFlow((s) => s.addPhone);
  const [phone, setPhone] = useState('');
  const [missing, setMissing] = useState(false);
  const message = useErrorWords(missing ? words.t('registration.phone.missing') : null);

  const submit = () => {
    const incomplete = phone.trim() === '';
    setMissing(incomplete);
    if (!incomplete) void addPhone(phone.trim());
  };

  return (
    <MethodFormFrame
      screen="add-phone"
      words={addPhoneWords(words)}
      lead={words.t('registration.phone.lead')}
      replacing={replacing}
      errorId="phone-error"
      message={message}
      onSubmit={submit}
    >
      <LabelledField
        id="new-phone"
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        spellCheck={false}
        maxLength={32}
        label={words.t('registration.phone.number')}
        hint={{ id: 'phone-hint', text: words.t('registration.phone.hint') }}
        errorId="phone-error"
        value={phone}
        invalid={message !== null}
        onChange={(value) => {
          setMissing(false);
          setPhone(value);
        }}
      />
    </MethodFormFrame>
  );
}
