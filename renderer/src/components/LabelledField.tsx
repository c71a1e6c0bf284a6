import type { InputHTMLAttributes } from 'react';

type PlainInputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'aria-invalid' | 'aria-describedby'>;

/**
 * A labelled text box whose hint (if any) and error are read out with it: screen readers announce the
 * error region named by `errorId` whenever the box is focused, so a person hears why it was refused.
 */
export function LabelledField({
  id,
  label,
  hint,
  errorId,
  invalid,
  value,
  onChange,
  ...input
}: PlainInputAttributes & {
  id: string;
  label: string;
  hint?: { id: string; text: string };
  errorId: string;
  invalid: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint === undefined ? null : (
        <p id={hint.id} className="hint">
          {hint.text}
        </p>
      )}
      <input
        id={id}
        {...input}
        value={value}
        aria-invalid={invalid}
        aria-describedby={hint === undefined ? errorId : `${hint.id} ${errorId}`}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
