import { describe, expect, it } from 'vitest';
import type { RegistrationView, SessionView } from '../../../shared/flow/stages.js';
import { fail, ok } from '../../../shared/ipc/result.js';
import { createFlowStore } from '../../../renderer/src/stores/flow-store.js';
import { scriptedMain } from './scripted-main.js';

const identify: SessionView = { stage: 'identify' };
const methods: RegistrationView = {
  stage: 'methods',
  purpose: 'register',
  username: 'chloe.martin',
  methods: [{ id: 'email:7', kind: 'email', masked: 'c•••e@e•••.example', addedAt: '2026-03-03T12:00:00Z' }],
  canAdd: ['email', 'phone', 'app'],
  requiredMethods: 1,
  requiredProofs: 1,
  saved: null,
};
const methodCode: RegistrationView = {
  stage: 'method_code',
  purpose: 'register',
  kind: 'email',
  masked: 'c•••e@p•••.example',
  delivery: 'pending',
  codeLength: 8,
  expiresInSeconds: 600,
};

describe('flow store: "Set up password reset and sign-in methods"', () => {
  it('signs in for registration with the purpose given, and drops the typed password at once', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: identify, choice: 'register', usernameDraft: 'chloe.martin', currentPasswordDraft: 'Fz6hTk2wNq8jBm' });

    const signedIn = useFlow.getState().signIn('register', 'chloe.martin', 'Fz6hTk2wNq8jBm');
    expect(useFlow.getState().currentPasswordDraft).toBe('');
    expect(main.last('journey:signIn').payload).toEqual({ purpose: 'register', username: 'chloe.martin', password: 'Fz6hTk2wNq8jBm' });
    main.last('journey:signIn').answer(ok(methods));
    expect(await signedIn).toBe(true);
    expect(useFlow.getState()).toMatchObject({ view: methods, methodForm: null, error: null });
  });

  it('keeps the add/change form to the page until the address is sent, and sends what it replaces', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: methods, error: { code: 'METHODS_REQUIRED' } });

    useFlow.getState().openMethodForm({ kind: 'email', replaces: 'email:7' });
    // Opening a form is the page's own business: main hears nothing, and an old refusal goes away.
    expect(main.calls).toEqual([]);
    expect(useFlow.getState()).toMatchObject({ methodForm: { kind: 'email', replaces: 'email:7' }, error: null });

    const refused = useFlow.getState().addEmail('chloe@northfield.ac.uk', 'chloe@northfield.ac.uk');
    expect(main.last('method:addEmail').payload).toEqual({
      email: 'chloe@northfield.ac.uk',
      confirmation: 'chloe@northfield.ac.uk',
      replaces: 'email:7',
    });
    main.last('method:addEmail').answer(fail('EMAIL_DOMAIN_BLOCKED'));
    expect(await refused).toBe(false);
    // A refused address keeps the form open, with the refusal, on the same stage.
    expect(useFlow.getState()).toMatchObject({ view: methods, methodForm: { kind: 'email', replaces: 'email:7' }, error: { code: 'EMAIL_DOMAIN_BLOCKED' } });

    const sent = useFlow.getState().addEmail('chloe@personal.example', 'chloe@personal.example');
    main.last('method:addEmail').answer(ok(methodCode));
    expect(await sent).toBe(true);
    expect(useFlow.getState()).toMatchObject({ view: methodCode, methodForm: null, error: null });
  });

  it('adds a new phone without a replaces field, and closes the form with Cancel', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: methods });

    useFlow.getState().openMethodForm({ kind: 'phone', replaces: null });
    const added = useFlow.getState().addPhone('07700 900123');
    expect(main.last('method:addPhone').payload).toEqual({ phone: '07700 900123' });
    main.last('method:addPhone').answer(fail('PHONE_INVALID'));
    expect(await added).toBe(false);
    expect(useFlow.getState().methodForm).toEqual({ kind: 'phone', replaces: null });

    useFlow.getState().openMethodForm(null);
    expect(useFlow.getState()).toMatchObject({ methodForm: null, error: null });
  });

  it('calls each method channel with exactly its payload', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: methods });
    const steps: Array<[() => Promise<boolean>, string, unknown]> = [
      [() => useFlow.getState().addApp(), 'method:addApp', {}],
      [() => useFlow.getState().addApp('app:2'), 'method:addApp', { replaces: 'app:2' }],
      [() => useFlow.getState().resendMethodCode(), 'method:resendCode', {}],
      [() => useFlow.getState().confirmMethod('123456'), 'method:confirm', { code: '123456' }],
      [() => useFlow.getState().removeMethod('email:7'), 'method:remove', { id: 'email:7' }],
      [() => useFlow.getState().saveMethod(), 'method:save', {}],
      [() => useFlow.getState().cancelMethod(), 'method:cancel', {}],
    ];
    for (const [call, channel, payload] of steps) {
      const done = call();
      expect(main.calls.at(-1)).toMatchObject({ channel, payload });
      main.calls.at(-1)?.answer(ok(methods));
      expect(await done).toBe(true);
    }
    expect(main.calls).toHaveLength(steps.length);
  });

  it('ignores a second tap while a method call is in flight, and a form opened meanwhile', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: methods });

    const saving = useFlow.getState().saveMethod();
    expect(await useFlow.getState().saveMethod()).toBe(false);
    useFlow.getState().openMethodForm({ kind: 'email', replaces: null });
    expect(useFlow.getState().methodForm).toBeNull();
    main.last('method:save').answer(ok(methods));
    expect(await saving).toBe(true);
    expect(main.calls.filter((c) => c.channel === 'method:save')).toHaveLength(1);
  });

  it('forgets an open form when the session is wiped', () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: methods });
    useFlow.getState().openMethodForm({ kind: 'phone', replaces: null });
    useFlow.getState().reset();
    expect(useFlow.getState()).toMatchObject({ view: null, methodForm: null });
  });
});

describe('flow store: proof by authenticator app', () => {
  it('asks main where the session went after a cooling-off refusal, and keeps the refusal on screen', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    const appCode: SessionView = { stage: 'code_sent', purpose: 'reset', method: 'app', delivery: 'in_app', codeLength: 6, expiresInSeconds: 600 };
    const chooser: SessionView = { stage: 'choose_method', purpose: 'reset', methods: ['email', 'sms'], proof: { number: 1, of: 1 } };
    useFlow.setState({ view: appCode });

    const verified = useFlow.getState().verifyCode('123456');
    main.last('code:verify').answer(fail('METHOD_COOLING_OFF', { until: '2026-12-02T09:00:00Z' }));
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    main.last('session:get').answer(ok(chooser));
    expect(await verified).toBe(false);
    expect(useFlow.getState()).toMatchObject({ view: chooser, error: { code: 'METHOD_COOLING_OFF', details: { until: '2026-12-02T09:00:00Z' } } });
  });
});
