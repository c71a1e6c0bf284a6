import { useWords } from '../i18n/use-words.js';

/**
 * The username box of every first screen: no autocorrect or capitals (usernames are typed exactly),
 * the browser's own `username` hint, and the error below it announced with the field.
 */
export function UsernameField(props: { value: string; invalid: boolean; describedBy: string; onChange: (value: string) => void }) {
  const { t } = useWords();
  return (
    <div className="field">
      <label htmlFor="username">{t('walkUp.field.username')}</label>
      <input
        id="username"
        name="username"
        type="text"
        autoComplete="username"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        maxLength={256}
        value={props.value}
        aria-invalid={props.invalid}
        aria-describedby={props.describedBy}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}
