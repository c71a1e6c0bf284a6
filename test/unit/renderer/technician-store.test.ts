import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../shared/ipc/result.js';
import type { TechnicianView } from '../../../shared/technician/technician-view.js';
import { createTechnicianStore, signedInView } from '../../../renderer/src/stores/technician-store.js';
import { scriptedMain } from './scripted-main.js';

const signedIn: TechnicianView = {
  signedIn: true,
  technician: { username: 'desk.demo', displayName: 'Sam Okoye (demo technician)' },
  idleSeconds: 180,
  idDocuments: ['Passport', 'Staff or student card'],
  person: null,
  ticket: null,
  idCheck: null,
  assist: null,
  lastAction: null,
};

describe('technician store', () => {
  it('opens the sign-in screen without telling main, and closes it on a successful sign-in', async () => {
    const main = scriptedMain();
    const useTechnician = createTechnicianStore(() => main.api);
    useTechnician.getState().openSignIn();
    expect(useTechnician.getState().signInOpen).toBe(true);
    expect(main.calls).toEqual([]);

    const signingIn = useTechnician.getState().signIn('desk.demo', 'Helpdesk4Demo7Kq', '123456');
    expect(main.last('technician:signIn').payload).toEqual({ username: 'desk.demo', password: 'Helpdesk4Demo7Kq', code: '123456' });
    main.last('technician:signIn').answer(ok(signedIn));
    expect(await signingIn).toBe(true);
    expect(useTechnician.getState()).toMatchObject({ view: signedIn, signInOpen: false, error: null, busy: false });
    // Nothing typed is kept: the store has no field that could hold the password or the code.
    expect(JSON.stringify(useTechnician.getState())).not.toContain('Helpdesk4Demo7Kq');
    expect(JSON.stringify(useTechnician.getState())).not.toContain('123456');
  });

  it('keeps a refusal with the form it belongs to, and the sign-in screen open', async () => {
    const main = scriptedMain();
    const useTechnician = createTechnicianStore(() => main.api);
    useTechnician.getState().openSignIn();
    const signingIn = useTechnician.getState().signIn('desk.demo', 'wrong', '000000');
    main.last('technician:signIn').answer(fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: 600, until: '2026-11-29T20:40:00Z' }));
    expect(await signingIn).toBe(false);
    expect(useTechnician.getState()).toMatchObject({
      signInOpen: true,
      error: { form: 'sign_in', error: { code: 'TOO_MANY_ATTEMPTS' } },
    });

    const lookingUp = useTechnician.getState().lookUpPerson('nobody');
    expect(useTechnician.getState().error).toBeNull();
    main.last('technician:lookup').answer(fail('PERSON_NOT_FOUND'));
    await lookingUp;
    expect(useTechnician.getState().error).toEqual({ form: 'lookup', error: { code: 'PERSON_NOT_FOUND' } });
  });

  it('treats TECHNICIAN_REQUIRED from any channel as "signed out by main"', async () => {
    const main = scriptedMain();
    const useTechnician = createTechnicianStore(() => main.api);
    useTechnician.setState({ view: signedIn });
    const unlocking = useTechnician.getState().unlock();
    main.last('technician:unlock').answer(fail('TECHNICIAN_REQUIRED'));
    expect(await unlocking).toBe(false);
    expect(useTechnician.getState()).toMatchObject({ view: { signedIn: false }, error: null });

    useTechnician.setState({ view: signedIn });
    const stillHere = useTechnician.getState().stillHere();
    main.last('technician:stillHere').answer(fail('TECHNICIAN_REQUIRED'));
    await stillHere;
    expect(useTechnician.getState().view).toEqual({ signedIn: false });
  });

  it('says nothing to main about activity when nobody is signed in', async () => {
    const main = scriptedMain();
    const useTechnician = createTechnicianStore(() => main.api);
    useTechnician.setState({ view: { signedIn: false } });
    await useTechnician.getState().stillHere();
    expect(main.calls).toEqual([]);
  });

  it('ignores taps while a call is in flight, and a poll never overwrites an action that started after it', async () => {
    const main = scriptedMain();
    const useTechnician = createTechnicianStore(() => main.api);
    useTechnician.setState({ view: signedIn });

    const polling = useTechnician.getState().poll();
    const withPerson: TechnicianView = {
      ...signedIn,
      person: {
        username: 'dev.patel',
        displayName: 'Dev Patel',
        locked: true,
        disabled: false,
        methods: [],
        passwordChangedAt: null,
        recentFailedProofs: 0,
        blocks: [],
      },
    };
    const lookingUp = useTechnician.getState().lookUpPerson('dev.patel');
    expect(await useTechnician.getState().closeCase()).toBe(false);
    expect(main.calls.filter((call) => call.channel === 'technician:closeCase')).toEqual([]);
    main.last('technician:lookup').answer(ok(withPerson));
    await lookingUp;
    main.last('technician:get').answer(ok(signedIn));
    await polling;
    expect(useTechnician.getState().view).toEqual(withPerson);
  });

  it('sends the right payloads for every case action', async () => {
    const main = scriptedMain();
    const useTechnician = createTechnicianStore(() => main.api);
    useTechnician.setState({ view: signedIn });
    const steps: Array<[() => Promise<boolean>, string, unknown]> = [
      [() => useTechnician.getState().lookUpTicket('k7p 4qx'), 'technician:lookup', { ticket: 'k7p 4qx' }],
      [() => useTechnician.getState().recordIdCheck('Passport'), 'technician:recordIdCheck', { document: 'Passport', seenInPerson: true }],
      [() => useTechnician.getState().clearBlocks(), 'technician:clearBlocks', {}],
      [() => useTechnician.getState().assist('reset_with_code'), 'technician:assist', { kind: 'reset_with_code' }],
      [() => useTechnician.getState().endAssist(), 'technician:endAssist', {}],
      [() => useTechnician.getState().signOut(), 'technician:signOut', {}],
    ];
    for (const [step, channel, payload] of steps) {
      const pending = step();
      expect(main.last(channel as never).payload).toEqual(payload);
      main.last(channel as never).answer(ok(signedIn));
      expect(await pending).toBe(true);
    }
  });

  it('quits with the admin PIN, and keeps QUIT_REFUSED with the PIN form', async () => {
    const main = scriptedMain();
    const useTechnician = createTechnicianStore(() => main.api);
    const refused = useTechnician.getState().quit('123456');
    expect(main.last('kiosk:quit').payload).toEqual({ pin: '123456' });
    main.last('kiosk:quit').answer(fail('QUIT_REFUSED'));
    expect(await refused).toBe(false);
    expect(useTechnician.getState().error).toEqual({ form: 'quit_pin', error: { code: 'QUIT_REFUSED' } });

    const quitting = useTechnician.getState().quit();
    expect(main.last('kiosk:quit').payload).toEqual({});
    main.last('kiosk:quit').answer(ok({ quitting: true }));
    expect(await quitting).toBe(true);
    expect(useTechnician.getState().quitting).toBe(true);
  });

  it('holds the assisted step main has just closed, so the person can still read their result', async () => {
    const main = scriptedMain();
    const useTechnician = createTechnicianStore(() => main.api);
    const assisting: TechnicianView = { ...signedIn, assist: { kind: 'reset', stage: 'new_password', policyMet: true } };
    const closed: TechnicianView = { ...signedIn, lastAction: { action: 'assist_finished', kind: 'reset', outcome: 'changed' } };
    useTechnician.setState({ view: assisting });

    const polling = useTechnician.getState().poll();
    main.last('technician:get').answer(ok(closed));
    await polling;
    expect(useTechnician.getState().finishedAssist).toEqual({ kind: 'reset', stage: 'done', policyMet: true });

    useTechnician.getState().forgetFinishedAssist();
    expect(useTechnician.getState().finishedAssist).toBeNull();

    // Ended by the technician ("End this step"): nothing is held back.
    useTechnician.setState({ view: assisting });
    const ending = useTechnician.getState().endAssist();
    main.last('technician:endAssist').answer(ok(closed));
    await ending;
    expect(useTechnician.getState().finishedAssist).toBeNull();
  });

  it('signedInView picks the signed-in view only', () => {
    expect(signedInView(null)).toBeNull();
    expect(signedInView({ signedIn: false })).toBeNull();
    expect(signedInView(signedIn)).toBe(signedIn);
  });
});
