/**
 * The one-time-code box of the registration screens: digits on a phone keypad, the browser's
 * `one-time-code` hint, and the hint and error read out with it.
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
    <div className="field">
      <label htmlFor="code">{props.label}</label>
      <p id="code-hint" className="hint">
        {props.hint}
      </p>
      <input
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
        value={props.value}
        aria-invalid={props.invalid}
        aria-describedby={`code-hint ${props.errorId}`}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}
