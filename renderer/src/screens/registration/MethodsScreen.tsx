import type { MethodKind, RegisteredMethod, RegistrationView } from '../../../../shared/flow/stages.js';
import { ActionBar } from '../../components/ActionBar.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.js';
import { useMessageContext } from '../../hooks/use-message-context.js';
import { errorMessage } from '../../messages.js';
import { useWords } from '../../i18n/use-words.js';
import {
  addMethodLabel,
  changeMethodLabel,
  methodKindName,
  methodLine,
  removeMethodLabel,
  requiredWords,
  savedWords,
  tooFewWords,
} from '../../registration-messages.js';
import { useFlow } from '../../stores/bound-stores.js';
import { endWalkUpSession } from '../../walk-up-wipe.js';

type MethodsView = Extract<RegistrationView, { stage: 'methods' }>;

const kinds: readonly MethodKind[] = ['email', 'phone', 'app'];

/**
 * The person's methods, masked, one group per kind, with Add / Change / Remove. Main decides what can
 * be added (`canAdd`) and refuses what may not be removed; the page only offers the obvious.
 */
export function MethodsScreen({ view }: { view: MethodsView }) {
  const context = useMessageContext();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const words = useWords();
  const { t } = words;
  const busy = useFlow((s) => s.busy);
  const error = useFlow((s) => s.error);
  const needed = Math.max(view.requiredMethods, view.requiredProofs);

  return (
    <section className="stage" data-testid="stage-methods" data-screen="list" aria-busy={busy}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {t('registration.methods.title')}
      </h1>
      <p className="lead">
        {t('registration.methods.signedInAs', { username: view.username })} {requiredWords(words, view.requiredMethods, view.requiredProofs)}
      </p>
      {view.saved === null ? null : (
        <div role="status" className="status" data-testid="method-saved">
          {savedWords(words, view.saved.change, view.saved.notice).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      {view.methods.length < needed ? <p className="reminder">{tooFewWords(words, view.methods.length, needed)}</p> : null}
      <ErrorAlert message={error === null ? null : errorMessage(error, context)} />
      {kinds
        .filter((kind) => view.canAdd.includes(kind) || view.methods.some((method) => method.kind === kind))
        .map((kind) => (
          <MethodGroup key={kind} kind={kind} methods={view.methods.filter((method) => method.kind === kind)} canAdd={view.canAdd.includes(kind)} />
        ))}
      <p className="hint">{t('registration.methods.finishHint')}</p>
      <ActionBar startOver={false}>
        <button type="button" className="button button-primary" onClick={() => void endWalkUpSession()}>
          {t('registration.methods.finish')}
        </button>
      </ActionBar>
    </section>
  );
}

function MethodGroup({ kind, methods, canAdd }: { kind: MethodKind; methods: RegisteredMethod[]; canAdd: boolean }) {
  const words = useWords();
  const openMethodForm = useFlow((s) => s.openMethodForm);
  const addApp = useFlow((s) => s.addApp);
  // One authenticator app per account: a second phone is set up by changing the app, not adding one.
  const offerAdd = canAdd && (kind !== 'app' || methods.length === 0);
  const add = () => (kind === 'app' ? void addApp() : openMethodForm({ kind, replaces: null }));

  return (
    <section className="method-group" data-kind={kind} aria-labelledby={`methods-${kind}`}>
      <h2 id={`methods-${kind}`}>{methodKindName(words, kind)}</h2>
      {methods.length === 0 ? (
        <p>{words.t('registration.methods.none')}</p>
      ) : (
        <ul className="method-list">
          {methods.map((method) => (
            <MethodRow key={method.id} method={method} canChange={canAdd} />
          ))}
        </ul>
      )}
      {offerAdd ? (
        <button type="button" className="button button-secondary" onClick={add}>
          {addMethodLabel(words, kind)}
        </button>
      ) : null}
    </section>
  );
}

function MethodRow({ method, canChange }: { method: RegisteredMethod; canChange: boolean }) {
  const openMethodForm = useFlow((s) => s.openMethodForm);
  const addApp = useFlow((s) => s.addApp);
  const removeMethod = useFlow((s) => s.removeMethod);
  const words = useWords();
  const change = () => (method.kind === 'app' ? void addApp(method.id) : openMethodForm({ kind: method.kind, replaces: method.id }));

  return (
    <li className="method-row" data-method-id={method.id}>
      <span className="method-line">{methodLine(words, method)}</span>
      <span className="button-row">
        {canChange ? (
          <button type="button" className="button button-secondary" aria-label={changeMethodLabel(words, method)} onClick={change}>
            {words.t('registration.methods.change')}
          </button>
        ) : null}
        <button
          type="button"
          className="button button-secondary"
          aria-label={removeMethodLabel(words, method)}
          onClick={() => void removeMethod(method.id)}
        >
          {words.t('registration.methods.remove')}
        </button>
      </span>
    </li>
  );
}
