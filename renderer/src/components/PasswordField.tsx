/**
 * One labelled password box. Shown or hidden by the screen's own toggle; never auto-corrected or
 * spell-checked (once shown as text, a password must not be sent to a spelling service).
 */
export interface PasswordFieldProps {
  id: string;
  label: string;
  value: string;
  visible: boolean;
  invalid: boolean;
  describedBy: string;
  autoComplete: 'new-password' | 'current-password';
  onEdit: (value: string) => void;
}

export function PasswordField({ id, label, value, visible, invalid, describedBy, autoComplete, onEdit }: PasswordFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={id}
        type={visible ? 'text' : 'password'}
        autoComplete={autoComplete}
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        value={value}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(event) => onEdit(event.target.value)}
      />
    </div>
  );
}

/** The show/hide toggle: one real button that reports its state (styled like a checkbox). */
export function ShowPasswordToggle(props: { label: string; pressed: boolean; controls: string; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="button button-secondary toggle"
      aria-pressed={props.pressed}
      aria-controls={props.controls}
      onClick={props.onToggle}
    >
      {props.label}
    </button>
  );
}
