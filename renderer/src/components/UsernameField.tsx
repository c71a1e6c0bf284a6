import { useLoadedInfo } from '../hooks/use-message-context.js';
import { useWords } from '../i18n/use-words.js';

/**
 * The username box of every first screen: no autocorrect or capitals (usernames are typed exactly),
 * the browser's own `username` hint, a hint saying what a username looks like here (with the
 * example from config, if any), and the error below it announced with the field.
 */
export function UsernameField(props: { value: string; invalid: boolean; describedBy: string; onChange: (value: string) => void }) {
  const { t } = useWords();
  const info = useLoadedInfo();
  const organisation = info.organisationName;
  const hint =
    info.usernameExample === null
      ? t('walkUp.username.hintNoExample', { organisation })
      : t('walkUp.username.hint', { organisation, example: info.usernameExample });
  return (
    <div className="field">
      <label htmlFor="username">{t('walkUp.field.username')}</label>
      <p id="username-hint" className="hint" data-testid="username-hint">
        {hint}
      </p>
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
        aria-describedby={`username-hint ${props.describedBy}`}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}
