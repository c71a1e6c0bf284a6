import { create } from 'zustand';
import type { CodePurpose, Purpose, SessionView, ProofMethod } from '../../../shared/flow/stages.js';
import type { KioskApi } from '../../../shared/ipc/kiosk-api.js';
import type { KioskError, Result } from '../../../shared/ipc/result.js';

/**
 * The walk-up journey as the renderer sees it. Main owns the stage; this store only keeps the last
 * view main reported, the last refusal, the start-screen choice (main knows the journey only from
 * its first call), and what is being typed at the start (so a wipe clears it).
 */
export interface FlowState {
  /** null until main has answered, and again right after a wipe. */
  view: SessionView | null;
  /** The last refusal from main, shown in words by the current screen. */
  error: KioskError | null;
  /** A call is in flight: further taps are ignored rather than queued. */
  busy: boolean;
  /**
   * The journey picked on the start screen's menu, before main has been told anything: null shows
   * the menu. Kept until the session is wiped, so a refusal at the start shows that journey's screen.
   */
  choice: Purpose | null;
  /**
   * The journey whose "How this works" view is open over the start screen (read-only help, so the
   * renderer's own like `choice`; main is told nothing). null: no help open.
   */
  helpFor: Purpose | null;
  usernameDraft: string;
  /**
   * The current password typed on the "Change your password" screen. Held here (not in the screen)
   * so the idle guard sees it and a wipe clears it; it is dropped the moment it is sent to main.
   */
  currentPasswordDraft: string;
  /**
   * The add/change form open on the registration's `methods` stage. Renderer-local like `choice`:
   * main's stage only moves once a code is sent, so a refused address keeps the form open. Any answer
   * that moves the session (or a wipe) closes it.
   */
  methodForm: MethodForm | null;

  /** Picks a journey on the menu (null: back to the menu, which drops anything typed). */
  choose(choice: Purpose | null): void;
  /** Opens a journey's "How this works" from the menu (null: back to the menu). */
  showHelp(purpose: Purpose | null): void;
  setUsernameDraft(value: string): void;
  setCurrentPasswordDraft(value: string): void;
  load(): Promise<void>;
  /** Quiet re-read of the session (delivery state, expiry); never shows an error or overtakes an action. */
  poll(): Promise<void>;
  begin(purpose: CodePurpose, username: string): Promise<boolean>;
  /** "Change your password" or registration: proof by the current password, which leaves this store as it is sent. */
  signIn(purpose: SignInPurpose, username: string, password: string): Promise<boolean>;
  chooseMethod(method: ProofMethod): Promise<boolean>;
  resendCode(): Promise<boolean>;
  verifyCode(code: string): Promise<boolean>;
  setPassword(password: string, confirmation: string): Promise<boolean>;
  /** Opens (or with null closes) the add/change form for an email address or a mobile number. */
  openMethodForm(form: MethodForm | null): void;
  /** The open form's address, typed twice; `replaces` comes from the form, never from the page. */
  addEmail(email: string, confirmation: string): Promise<boolean>;
  addPhone(phone: string): Promise<boolean>;
  /** Starts setting up an authenticator app, or replacing the one with this id. */
  addApp(replaces?: string): Promise<boolean>;
  resendMethodCode(): Promise<boolean>;
  confirmMethod(code: string): Promise<boolean>;
  removeMethod(id: string): Promise<boolean>;
  saveMethod(): Promise<boolean>;
  cancelMethod(): Promise<boolean>;
  /** "Get a help ticket": main makes one from what it saw in this session, for any typed name alike. */
  createTicket(): Promise<boolean>;
  /** Always goes through, even while another call is in flight: it is how a session is abandoned. */
  startOver(): Promise<boolean>;
  /** Tells main the person is still here (main ends a session on its own idle limit too). */
  reportActivity(): Promise<void>;
  reset(): void;
}

export type SignInPurpose = Parameters<KioskApi['signIn']>[0];

/** An open add/change form: which kind, and the id of the method it replaces (null: add a new one). */
export interface MethodForm {
  kind: 'email' | 'phone';
  replaces: string | null;
}

/**
 * After these refusals main's stage may differ from what is on screen, so ask main again. A method
 * in its cooling-off period sends the person back to the chooser without it (or ends the session);
 * a name that reached its failed-proof limit ends in the blocked stage; with one method offered the
 * start goes straight to sending its code, so a code that could not be sent leaves the chooser.
 */
const refusalsThatMoveTheStage = new Set<KioskError['code']>(['WRONG_STAGE', 'SESSION_EXPIRED', 'METHOD_COOLING_OFF', 'TOO_MANY_ATTEMPTS', 'DELIVERY_UNAVAILABLE']);

const internalError: KioskError = { code: 'INTERNAL' };

async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch {
    // A broken transport must still end in words on screen, not a frozen button.
    return { ok: false, error: internalError };
  }
}

export function createFlowStore(kiosk: () => KioskApi) {
  /** Bumped by reset(): answers to calls made before a wipe must not bring the old session back. */
  let epoch = 0;
  /** Bumped by every action, so a poll that started earlier cannot overwrite the action's result. */
  let actions = 0;

  return create<FlowState>()((set, get, store) => {
    async function refreshAfterRefusal(startedInEpoch: number): Promise<void> {
      const result = await settle(() => kiosk().session());
      if (result.ok && startedInEpoch === epoch) set({ view: result.value });
    }

    async function act(call: (api: KioskApi) => Promise<Result<SessionView>>, options = { evenWhenBusy: false }) {
      if (get().busy && !options.evenWhenBusy) return false;
      const startedInEpoch = epoch;
      actions += 1;
      set({ busy: true, error: null });
      const result = await settle(() => call(kiosk()));
      if (startedInEpoch !== epoch) return false;
      if (result.ok) {
        set({ view: result.value, busy: false, methodForm: null });
        return true;
      }
      set({ error: result.error, busy: false });
      if (refusalsThatMoveTheStage.has(result.error.code)) await refreshAfterRefusal(startedInEpoch);
      return false;
    }

    return {
      view: null,
      error: null,
      busy: false,
      choice: null,
      helpFor: null,
      usernameDraft: '',
      currentPasswordDraft: '',
      methodForm: null,

      choose: (choice) => {
        if (get().busy) return;
        set(
          choice === null
            ? { choice, helpFor: null, error: null, usernameDraft: '', currentPasswordDraft: '' }
            : { choice, helpFor: null, error: null, currentPasswordDraft: '' },
        );
      },
      showHelp: (purpose) => {
        if (get().busy) return;
        set({ helpFor: purpose, error: null });
      },
      setUsernameDraft: (value) => set({ usernameDraft: value }),
      setCurrentPasswordDraft: (value) => set({ currentPasswordDraft: value }),
      load: async () => {
        await act((api) => api.session());
      },
      poll: async () => {
        if (get().busy) return;
        const startedInEpoch = epoch;
        const actionsBefore = actions;
        const result = await settle(() => kiosk().session());
        if (!result.ok || startedInEpoch !== epoch || actionsBefore !== actions || get().busy) return;
        set({ view: result.value });
      },
      begin: (purpose, username) => act((api) => api.begin(purpose, username)),
      signIn: (purpose, username, password) => {
        if (get().busy) return Promise.resolve(false);
        // Whatever main answers, the typed password is not kept: a refusal means typing it again.
        set({ currentPasswordDraft: '' });
        return act((api) => api.signIn(purpose, username, password));
      },
      chooseMethod: (method) => act((api) => api.chooseMethod(method)),
      resendCode: () => act((api) => api.resendCode()),
      verifyCode: (code) => act((api) => api.verifyCode(code)),
      setPassword: (password, confirmation) => act((api) => api.setPassword(password, confirmation)),
      openMethodForm: (form) => {
        if (get().busy) return;
        set({ methodForm: form, error: null });
      },
      addEmail: (email, confirmation) => {
        const replaces = get().methodForm?.replaces ?? undefined;
        return act((api) => api.addEmail(email, confirmation, replaces));
      },
      addPhone: (phone) => {
        const replaces = get().methodForm?.replaces ?? undefined;
        return act((api) => api.addPhone(phone, replaces));
      },
      addApp: (replaces) => act((api) => api.addApp(replaces)),
      resendMethodCode: () => act((api) => api.resendMethodCode()),
      confirmMethod: (code) => act((api) => api.confirmMethod(code)),
      removeMethod: (id) => act((api) => api.removeMethod(id)),
      saveMethod: () => act((api) => api.saveMethod()),
      cancelMethod: () => act((api) => api.cancelMethod()),
      createTicket: () => act((api) => api.createTicket()),
      startOver: () => act((api) => api.startOver(), { evenWhenBusy: true }),
      reportActivity: async () => {
        const startedInEpoch = epoch;
        const result = await settle(() => kiosk().stillHere());
        // Main already ended the session (it was idle too long): show the start, and say why.
        if (!result.ok && result.error.code === 'SESSION_EXPIRED' && startedInEpoch === epoch && !get().busy) {
          set({ error: result.error });
          await refreshAfterRefusal(startedInEpoch);
        }
      },
      reset: () => {
        epoch += 1;
        set(store.getInitialState());
      },
    };
  });
}

export type FlowStore = ReturnType<typeof createFlowStore>;
