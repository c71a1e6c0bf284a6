import { create } from 'zustand';
import type { KioskApi } from '../../../shared/ipc/kiosk-api.js';
import type { KioskError, Result } from '../../../shared/ipc/result.js';
import type { AssistKind, AssistProgress, TechnicianView } from '../../../shared/technician/technician-view.js';

/**
 * Technician mode as the renderer sees it. Main holds the technician session (who, the person, the
 * ID check, the assisted step); this store keeps the last view main reported, which form the last
 * refusal belongs to, and whether the sign-in screen is open (the page's own choice, like the menu).
 * It never keeps a technician's password, app code or PIN: the forms hand them straight to main.
 */
export type TechnicianForm = 'sign_in' | 'quit_pin' | 'lookup' | 'id_check' | 'actions' | 'assist' | 'session';

export interface TechnicianState {
  /** null until main has answered technician:get. */
  view: TechnicianView | null;
  /** The sign-in screen is open over the public screens (nothing in main changes until it is sent). */
  signInOpen: boolean;
  error: { form: TechnicianForm; error: KioskError } | null;
  busy: boolean;
  /** "Quit kiosk" was answered: the shell is closing the app. */
  quitting: boolean;
  /**
   * The assisted step main has just closed (the person reached the end of it): kept so the person
   * can still read their result screen, which main no longer counts as part of the step.
   */
  finishedAssist: AssistProgress | null;

  openSignIn(): void;
  closeSignIn(): void;
  load(): Promise<void>;
  /** Quiet re-read while signed in: idle expiry in main, the assisted person's progress. */
  poll(): Promise<void>;
  signIn(username: string, password: string, code: string): Promise<boolean>;
  signOut(): Promise<boolean>;
  /** The technician (or the person they help) is still at the kiosk: main's idle limit starts again. */
  stillHere(): Promise<void>;
  lookUpPerson(username: string): Promise<boolean>;
  lookUpTicket(ticket: string): Promise<boolean>;
  recordIdCheck(document: string): Promise<boolean>;
  unlock(): Promise<boolean>;
  clearBlocks(): Promise<boolean>;
  assist(kind: AssistKind): Promise<boolean>;
  endAssist(): Promise<boolean>;
  closeCase(): Promise<boolean>;
  /** With a technician signed in (no PIN), or with the admin PIN from the sign-in screen. */
  quit(pin?: string): Promise<boolean>;
  clearError(): void;
  /** The person's result screen has gone: back to the console. */
  forgetFinishedAssist(): void;
  reset(): void;
}

const internalError: KioskError = { code: 'INTERNAL' };
const signedOut: TechnicianView = { signedIn: false };

async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch {
    return { ok: false, error: internalError };
  }
}

/** The next view, and the assisted step it closes (if it closes one). */
function withFinishedAssist(state: TechnicianState, next: TechnicianView): Pick<TechnicianState, 'view' | 'finishedAssist'> {
  const before = signedInView(state.view)?.assist ?? null;
  const after = signedInView(next)?.assist ?? null;
  if (!next.signedIn || after !== null) return { view: next, finishedAssist: null };
  return { view: next, finishedAssist: before === null ? state.finishedAssist : { ...before, stage: 'done' } };
}

export function createTechnicianStore(kiosk: () => KioskApi) {
  /** Bumped by every action, so a poll that started earlier cannot overwrite the action's answer. */
  let actions = 0;

  return create<TechnicianState>()((set, get, store) => {
    async function act(form: TechnicianForm, call: (api: KioskApi) => Promise<Result<TechnicianView>>): Promise<boolean> {
      if (get().busy) return false;
      actions += 1;
      set({ busy: true, error: null });
      const result = await settle(() => call(kiosk()));
      if (result.ok) {
        // Ended by the technician: nothing of the person's step is held back.
        const closing = form === 'assist' ? { finishedAssist: null } : {};
        set({ ...withFinishedAssist(get(), result.value), ...closing, busy: false, signInOpen: result.value.signedIn ? false : get().signInOpen });
        return true;
      }
      // Main has no technician session (idle, or signed out elsewhere): the console must go.
      if (result.error.code === 'TECHNICIAN_REQUIRED') set({ view: signedOut, finishedAssist: null, busy: false, error: null });
      else set({ busy: false, error: { form, error: result.error } });
      return false;
    }

    return {
      view: null,
      signInOpen: false,
      error: null,
      busy: false,
      quitting: false,
      finishedAssist: null,

      openSignIn: () => set({ signInOpen: true, error: null }),
      closeSignIn: () => set({ signInOpen: false, error: null }),
      load: async () => {
        const result = await settle(() => kiosk().technician());
        if (result.ok) set(withFinishedAssist(get(), result.value));
      },
      poll: async () => {
        if (get().busy) return;
        const actionsBefore = actions;
        const result = await settle(() => kiosk().technician());
        if (!result.ok || actionsBefore !== actions || get().busy) return;
        set(withFinishedAssist(get(), result.value));
      },
      signIn: (username, password, code) => act('sign_in', (api) => api.technicianSignIn(username, password, code)),
      signOut: () => act('session', (api) => api.technicianSignOut()),
      stillHere: async () => {
        if (get().view?.signedIn !== true) return;
        const result = await settle(() => kiosk().technicianStillHere());
        if (!result.ok && result.error.code === 'TECHNICIAN_REQUIRED' && !get().busy) set({ view: signedOut, finishedAssist: null });
      },
      lookUpPerson: (username) => act('lookup', (api) => api.lookUpPerson(username)),
      lookUpTicket: (ticket) => act('lookup', (api) => api.lookUpTicket(ticket)),
      recordIdCheck: (document) => act('id_check', (api) => api.recordIdCheck(document)),
      unlock: () => act('actions', (api) => api.unlockPerson()),
      clearBlocks: () => act('actions', (api) => api.clearPersonBlocks()),
      assist: (kind) => act('actions', (api) => api.assist(kind)),
      endAssist: () => act('assist', (api) => api.endAssist()),
      closeCase: () => act('actions', (api) => api.closeCase()),
      quit: async (pin) => {
        if (get().busy) return false;
        actions += 1;
        const form: TechnicianForm = pin === undefined ? 'session' : 'quit_pin';
        set({ busy: true, error: null });
        const result = await settle(() => kiosk().quitKiosk(pin));
        if (result.ok) {
          set({ busy: false, quitting: true });
          return true;
        }
        set({ busy: false, error: { form, error: result.error } });
        return false;
      },
      clearError: () => set({ error: null }),
      forgetFinishedAssist: () => set({ finishedAssist: null }),
      reset: () => {
        actions += 1;
        set(store.getInitialState());
      },
    };
  });
}

export type TechnicianStore = ReturnType<typeof createTechnicianStore>;

/** The signed-in view, or null: what the console and the assisted layout read. */
export function signedInView(view: TechnicianView | null): Extract<TechnicianView, { signedIn: true }> | null {
  return view !== null && view.signedIn ? view : null;
}
