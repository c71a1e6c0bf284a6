import type { MethodKind, RegisteredMethod, RegistrationView } from '../../../../shared/flow/stages.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.js';
import { useMessageContext } from '../../hooks/use-message-context.js';
import { errorMessage } from '../../messages.js';
import { addMethodLabels, methodKindNames, methodLine, methodsWords, savedWords } from '../../registration-messages.js';
import { setUpOnWords } from '../../set-up-on.js';
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
  const busy = useFlow((s) => s.busy);
  const error = useFlow((s) => s.error);
  const needed = Math.max(view.requiredMethods, view.requiredProofs);

  return (
    <section className="stage" data-testid="stage-methods" data-screen="list" aria-busy={busy}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {methodsWords.heading}
      </h1>
      <p className="lead">
        {methodsWords.signedInAs(view.username)} {methodsWords.required(view.requiredMethods, view.requiredProofs)}
      </p>
      {view.saved === null ? null : (
        <div role="status" className="status" data-testid="method-saved">
          {savedWords(view.saved.change, view.saved.notice).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      {view.methods.length < needed ? <p className="reminder">{methodsWords.tooFew(view.methods.length, needed)}</p> : null}
      <ErrorAlert message={error === null ? null : errorMessage(error, context)} />
      {kinds
        .filter((kind) => view.canAdd.includes(kind) || view.methods.some((method) => method.kind === kind))
        .map((kind) => (
          <MethodGroup key={kind} kind={kind} methods={view.methods.filter((method) => method.kind === kind)} canAdd={view.canAdd.includes(kind)} />
        ))}
      <p className="hint">{methodsWords.finishHint}</p>
      <button type="button" className="button button-primary" onClick={() => void endWalkUpSession()}>
        {methodsWords.finish}
      </button>
    </section>
  );
}

function MethodGroup({ kind, methods, canAdd }: { kind: MethodKind; methods: RegisteredMethod[]; canAdd: boolean }) {
  const openMethodForm = useFlow((s) => s.openMethodForm);
  const addApp = useFlow((s) => s.addApp);
  // One authenticator app per account: a second phone is set up by changing the app, not adding one.
  const offerAdd = canAdd && (kind !== 'app' || methods.length === 0);
  const add = () => (kind === 'app' ? void addApp() : openMethodForm({ kind, replaces: null }));

  return (
    <section className="method-group" data-kind={kind} aria-labelledby={`methods-${kind}`}>
      <h2 id={`methods-${kind}`}>{methodKindNames[kind]}</h2>
      {methods.length === 0 ? (
        <p>{methodsWords.none}</p>
      ) : (
        <ul className="method-list">
          {methods.map((method) => (
            <MethodRow key={method.id} method={method} canChange={canAdd} />
          ))}
        </ul>
      )}
      {offerAdd ? (
        <button type="button" className="button button-secondary" onClick={add}>
          {addMethodLabels[kind]}
        </button>
      ) : null}
    </section>
  );
}

function MethodRow({ method, canChange }: { method: RegisteredMethod; canChange: boolean }) {
  const openMethodForm = useFlow((s) => s.openMethodForm);
  const addApp = useFlow((s) => s.addApp);
  const removeMethod = useFlow((s) => s.removeMethod);
  const which = methodsWords.whichMethod(method.kind, method.masked);
  const change = () => (method.kind === 'app' ? void addApp(method.id) : openMethodForm({ kind: method.kind, replaces: method.id }));

  return (
    <li className="method-row" data-method-id={method.id}>
      <span className="method-line">{methodLine(method.kind, method.masked, setUpOnWords(method.addedAt))}</span>
      <span className="button-row">
        {canChange ? (
          <button type="button" className="button button-secondary" onClick={change}>
            {methodsWords.change}
            <span className="visually-hidden"> {which}</span>
          </button>
        ) : null}
        <button type="button" className="button button-secondary" onClick={() => void removeMethod(method.id)}>
          {methodsWords.remove}
          <span className="visually-hidden"> {which}</span>
        </button>
      </span>
    </li>
  );
}
