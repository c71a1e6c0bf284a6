import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../../shared/flow/stages.js';
import { createKioskApi, type Invoke, type KioskApi } from '../../../shared/ipc/kiosk-api.js';
import { fail, ok } from '../../../shared/ipc/result.js';
import { createFlowStore } from '../../../renderer/src/stores/flow-store.js';
import { scriptedMain } from './scripted-main.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const identify: SessionView = { stage: 'identify' };
// Before a proof main never reports the typed name; after it, the account's own username.
const chooseMethod: SessionView = { stage: 'choose_method', purpose: 'reset', methods: ['email'], proof: { number: 1, of: 1 } };
const codeSent = (delivery: 'pending' | 'failed'): SessionView => ({
  stage: 'code_sent',
  purpose: 'reset',
  method: 'email',
  delivery,
  codeLength: 8,
  expiresInSeconds: 600,
});
const newPassword: SessionView = { stage: 'new_password', purpose: 'reset', username: 'amira.khan' };
const done: SessionView = { stage: 'done', purpose: 'reset', outcome: 'changed', notice: 'queued', returnAfterSeconds: 10 };

describe('flow store', () => {
  it('starts empty and shows whatever stage main reports', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    expect(useFlow.getState()).toMatchObject({ view: null, error: null, busy: false, choice: null, usernameDraft: '', currentPasswordDraft: '' });

    const begun = useFlow.getState().begin('reset', 'amira.khan');
    expect(useFlow.getState().busy).toBe(true);
    expect(main.last('journey:begin').payload).toEqual({ purpose: 'reset', username: 'amira.khan' });
    main.last('journey:begin').answer(ok(chooseMethod));
    expect(await begun).toBe(true);
    expect(useFlow.getState()).toMatchObject({ view: chooseMethod, busy: false, error: null });
  });

  it('keeps the menu choice to itself: main hears of the journey only with its first call', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: identify });

    useFlow.getState().choose('unlock');
    expect(useFlow.getState().choice).toBe('unlock');
    expect(main.calls).toEqual([]);

    useFlow.getState().setUsernameDraft('dev.patel');
    const begun = useFlow.getState().begin('unlock', 'dev.patel');
    expect(main.calls.map((c) => [c.channel, c.payload])).toEqual([['journey:begin', { purpose: 'unlock', username: 'dev.patel' }]]);
    main.last('journey:begin').answer(ok({ stage: 'choose_method', purpose: 'unlock', methods: ['email', 'sms'] }));
    expect(await begun).toBe(true);
  });

  it('opens and closes a journey\'s "How this works" on its own: main hears nothing, starting the journey closes it, a wipe clears it', () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: identify });

    useFlow.getState().showHelp('register');
    expect(useFlow.getState()).toMatchObject({ helpFor: 'register', choice: null });
    useFlow.getState().showHelp(null);
    expect(useFlow.getState().helpFor).toBeNull();

    useFlow.getState().showHelp('unlock');
    useFlow.getState().choose('unlock');
    expect(useFlow.getState()).toMatchObject({ helpFor: null, choice: 'unlock' });

    useFlow.getState().choose(null);
    useFlow.getState().showHelp('reset');
    useFlow.getState().reset();
    expect(useFlow.getState().helpFor).toBeNull();
    expect(main.calls).toEqual([]);
  });

  it('going back to the menu drops what was typed and the last refusal', () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: identify, choice: 'change', usernameDraft: 'amira.khan', currentPasswordDraft: 'Wq3nVb8zHt5kLp', error: { code: 'SIGN_IN_FAILED' } });

    useFlow.getState().choose(null);
    expect(useFlow.getState()).toMatchObject({ view: identify, choice: null, usernameDraft: '', currentPasswordDraft: '', error: null });
    expect(main.calls).toEqual([]);
  });

  it('switching journey keeps the typed username but never the typed password', () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: identify, choice: 'change', usernameDraft: 'dev.patel', currentPasswordDraft: 'Gm5rXv3bPc9yTs', error: { code: 'ACCOUNT_LOCKED' } });

    useFlow.getState().choose('unlock');
    expect(useFlow.getState()).toMatchObject({ choice: 'unlock', usernameDraft: 'dev.patel', currentPasswordDraft: '', error: null });
  });

  it('signs in for a change with the current password, and drops that password as soon as it is sent', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: identify, choice: 'change' });
    useFlow.getState().setUsernameDraft('amira.khan');
    useFlow.getState().setCurrentPasswordDraft('Wq3nVb8zHt5kLp');

    const signedIn = useFlow.getState().signIn('change', 'amira.khan', 'Wq3nVb8zHt5kLp');
    expect(useFlow.getState()).toMatchObject({ busy: true, currentPasswordDraft: '' });
    expect(main.last('journey:signIn').payload).toEqual({ purpose: 'change', username: 'amira.khan', password: 'Wq3nVb8zHt5kLp' });
    const changing: SessionView = { stage: 'new_password', purpose: 'change', username: 'amira.khan' };
    main.last('journey:signIn').answer(ok(changing));
    expect(await signedIn).toBe(true);
    expect(useFlow.getState()).toMatchObject({ view: changing, error: null, currentPasswordDraft: '' });
  });

  it('holds a refused sign-in as a refusal, at the start, with the password box empty again', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: identify, choice: 'change', usernameDraft: 'amira.khan', currentPasswordDraft: 'not-it' });

    const signedIn = useFlow.getState().signIn('change', 'amira.khan', 'not-it');
    expect(await useFlow.getState().signIn('change', 'amira.khan', 'not-it')).toBe(false);
    expect(main.calls.filter((c) => c.channel === 'journey:signIn')).toHaveLength(1);
    main.last('journey:signIn').answer(fail('SIGN_IN_FAILED'));
    expect(await signedIn).toBe(false);
    expect(useFlow.getState()).toMatchObject({
      view: identify,
      choice: 'change',
      usernameDraft: 'amira.khan',
      currentPasswordDraft: '',
      error: { code: 'SIGN_IN_FAILED' },
      busy: false,
    });
  });

  it('keeps the stage and holds the refusal when main says no', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: codeSent('pending') });

    const verified = useFlow.getState().verifyCode('11111111');
    main.last('code:verify').answer(fail('CODE_WRONG', { triesLeft: 4 }));
    expect(await verified).toBe(false);
    expect(useFlow.getState().view).toEqual(codeSent('pending'));
    expect(useFlow.getState().error).toEqual({ code: 'CODE_WRONG', details: { triesLeft: 4 } });
  });

  it('clears the previous refusal when the next call starts', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: codeSent('pending'), error: { code: 'CODE_WRONG', details: { triesLeft: 4 } } });

    const verified = useFlow.getState().verifyCode('48291357');
    expect(useFlow.getState().error).toBeNull();
    main.last('code:verify').answer(ok(newPassword));
    await verified;
    expect(useFlow.getState().view).toEqual(newPassword);
  });

  it('asks main for the current stage after a refusal that means the screen is out of date', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: codeSent('pending') });

    const verified = useFlow.getState().verifyCode('48291357');
    main.last('code:verify').answer(fail('SESSION_EXPIRED'));
    await flush();
    main.last('session:get').answer(ok(identify));
    await verified;
    expect(useFlow.getState().view).toEqual(identify);
    expect(useFlow.getState().error).toEqual({ code: 'SESSION_EXPIRED' });
  });

  it('ignores a second tap while a call is in flight', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: chooseMethod });

    const first = useFlow.getState().chooseMethod('email');
    expect(await useFlow.getState().chooseMethod('email')).toBe(false);
    expect(main.calls.filter((c) => c.channel === 'code:choose')).toHaveLength(1);
    main.last('code:choose').answer(ok(codeSent('pending')));
    expect(await first).toBe(true);
  });

  it('lets "start over" through even while another call is in flight', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: chooseMethod });

    const sending = useFlow.getState().chooseMethod('email');
    const startingOver = useFlow.getState().startOver();
    expect(main.calls.map((c) => c.channel)).toEqual(['code:choose', 'session:startOver']);
    main.last('code:choose').answer(ok(codeSent('pending')));
    main.last('session:startOver').answer(ok(identify));
    await Promise.all([sending, startingOver]);
    expect(useFlow.getState().view).toEqual(identify);
  });

  it('reset() restores the initial state, including the menu choice and anything typed', () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.getState().choose('change');
    useFlow.getState().setUsernameDraft('amira.khan');
    useFlow.getState().setCurrentPasswordDraft('Wq3nVb8zHt5kLp');
    useFlow.setState({ view: newPassword, error: { code: 'PASSWORDS_DIFFER' }, busy: true });

    useFlow.getState().reset();
    expect(useFlow.getState()).toMatchObject({ view: null, error: null, busy: false, choice: null, usernameDraft: '', currentPasswordDraft: '' });
    expect(useFlow.getState()).toMatchObject(
      Object.fromEntries(
        Object.entries(useFlow.getInitialState()).filter(([, value]) => typeof value !== 'function'),
      ),
    );
  });

  it('drops an answer that arrives after a wipe, so the old session cannot come back', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: codeSent('pending') });

    const verified = useFlow.getState().verifyCode('48291357');
    useFlow.getState().reset();
    main.last('code:verify').answer(ok(newPassword));
    expect(await verified).toBe(false);
    expect(useFlow.getState().view).toBeNull();
  });

  it('polls quietly: a failed poll shows nothing and changes nothing', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: codeSent('pending') });

    const polled = useFlow.getState().poll();
    main.last('session:get').answer(fail('INTERNAL'));
    await polled;
    expect(useFlow.getState()).toMatchObject({ view: codeSent('pending'), error: null });

    const polledAgain = useFlow.getState().poll();
    main.last('session:get').answer(ok(codeSent('failed')));
    await polledAgain;
    expect(useFlow.getState().view).toEqual(codeSent('failed'));
  });

  it('never lets a poll that started earlier overwrite the result of an action', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: codeSent('pending') });

    const polled = useFlow.getState().poll();
    const verified = useFlow.getState().verifyCode('48291357');
    main.last('code:verify').answer(ok(newPassword));
    await verified;
    main.last('session:get').answer(ok(codeSent('pending')));
    await polled;
    expect(useFlow.getState().view).toEqual(newPassword);
  });

  it('does not poll while an action is in flight', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: codeSent('pending') });

    const verified = useFlow.getState().verifyCode('48291357');
    await useFlow.getState().poll();
    expect(main.calls.map((c) => c.channel)).toEqual(['code:verify']);
    main.last('code:verify').answer(ok(newPassword));
    await verified;
  });

  it('shows how the change ended, as main reports it', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: newPassword });

    const set = useFlow.getState().setPassword('GreenTulip7Harbour', 'GreenTulip7Harbour');
    expect(main.last('password:set').payload).toEqual({ password: 'GreenTulip7Harbour', confirmation: 'GreenTulip7Harbour' });
    main.last('password:set').answer(ok(done));
    expect(await set).toBe(true);
    expect(useFlow.getState()).toMatchObject({ view: done, error: null, busy: false });
  });

  it('tells main the person is still here, without changing what is on screen', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: codeSent('pending'), error: { code: 'CODE_WRONG', details: { triesLeft: 4 } } });

    const reported = useFlow.getState().reportActivity();
    expect(main.last('session:stillHere').payload).toEqual({});
    main.last('session:stillHere').answer(ok(codeSent('pending')));
    await reported;
    // The refusal the person is reading stays; a busy flag is never set for a report.
    expect(useFlow.getState()).toMatchObject({ view: codeSent('pending'), error: { code: 'CODE_WRONG', details: { triesLeft: 4 } }, busy: false });

    const failed = useFlow.getState().reportActivity();
    main.last('session:stillHere').answer(fail('INTERNAL'));
    await failed;
    expect(useFlow.getState()).toMatchObject({ view: codeSent('pending'), error: { code: 'CODE_WRONG', details: { triesLeft: 4 } } });
    expect(main.calls.map((c) => c.channel)).toEqual(['session:stillHere', 'session:stillHere']);
  });

  it('goes back to the start, saying why, when main already ended the idle session', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: codeSent('pending') });

    const reported = useFlow.getState().reportActivity();
    main.last('session:stillHere').answer(fail('SESSION_EXPIRED'));
    await flush();
    main.last('session:get').answer(ok(identify));
    await reported;
    expect(useFlow.getState()).toMatchObject({ view: identify, error: { code: 'SESSION_EXPIRED' } });
  });

  it('reports activity even while an action is in flight, and lets the action decide the screen', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: codeSent('pending') });

    const verified = useFlow.getState().verifyCode('48291357');
    const reported = useFlow.getState().reportActivity();
    expect(main.calls.map((c) => c.channel)).toEqual(['code:verify', 'session:stillHere']);
    main.last('session:stillHere').answer(fail('SESSION_EXPIRED'));
    await reported;
    // The action is still running: its own answer (here, the same expiry) will move the screen.
    expect(main.calls.map((c) => c.channel)).toEqual(['code:verify', 'session:stillHere']);
    expect(useFlow.getState()).toMatchObject({ view: codeSent('pending'), error: null, busy: true });
    main.last('code:verify').answer(ok(newPassword));
    await verified;
    expect(useFlow.getState().view).toEqual(newPassword);
  });

  it('ignores an expiry reported for a session that was already wiped', async () => {
    const main = scriptedMain();
    const useFlow = createFlowStore(() => main.api);
    useFlow.setState({ view: codeSent('pending') });

    const reported = useFlow.getState().reportActivity();
    useFlow.getState().reset();
    main.last('session:stillHere').answer(fail('SESSION_EXPIRED'));
    await reported;
    expect(useFlow.getState()).toMatchObject({ view: null, error: null });
    expect(main.calls.map((c) => c.channel)).toEqual(['session:stillHere']);
  });

  it('turns a broken transport into an INTERNAL refusal instead of a stuck screen', async () => {
    const throwing: KioskApi = createKioskApi((() => Promise.reject(new Error('channel closed'))) as Invoke);
    const useFlow = createFlowStore(() => throwing);
    useFlow.setState({ view: newPassword });

    expect(await useFlow.getState().setPassword('GreenTulip7Harbour', 'GreenTulip7Harbour')).toBe(false);
    expect(useFlow.getState()).toMatchObject({ view: newPassword, error: { code: 'INTERNAL' }, busy: false });
    // An activity report over the same broken transport stays quiet.
    await useFlow.getState().reportActivity();
    expect(useFlow.getState()).toMatchObject({ view: newPassword, error: { code: 'INTERNAL' }, busy: false });
  });
});
