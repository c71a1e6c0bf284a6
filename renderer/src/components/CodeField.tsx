import { LabelledField } from './LabelledField.js';

/**
 * The one-time-code box: digits on a phone keypad, the browser's `one-time-code` hint, and the hint
 * and error read out with it.
 */
export function CodeField(props: {
  label: string;
  hint: string;
  codeLength: number;
  value: string;
  invalid: boolean;
  errorId: string;
  onChange: (value: string) => void;
}) {
  return (
    <LabelledField
      id="code"
      name="code"
      type="text"
      className="code-input"
      autoComplete="one-time-code"
      inputMode="numeric"
      pattern="[0-9]*"
      spellCheck={false}
      // Room for the spaces or hyphen people copy along with a code.
      maxLength={props.codeLength + 4}
      label={props.label}
      hint={{ id: 'code-hint', text: props.hint }}
      errorId={props.errorId}
      invalid={props.invalid}
      value={props.value}
      onChange={props.onChange}
    />
  );
}
