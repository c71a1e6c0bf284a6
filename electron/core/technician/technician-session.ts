import type { AssistKind, AssistProgress, IdCheck, PersonSummary, TechnicianActionResult, TechnicianView, TicketDetails } from '../../../shared/technician/technician-view.js';
import type { AuditEntry } from '../audit/audit-trail.js';
import type { AccountRecord, Clock } from '../ports.js';
import { createSerialQueue } from '../session/serial-queue.js';

/** A technician as main knows them once signed in: never their password hash or app secret. */
export interface SignedInTechnician {
  id: number;
  username: string;
  displayName: string;
}

/**
 * The person a technician is helping: looked up by username, or by a help ticket (whose typed name
 * may be no account at all: `account` is then null until the technician finds the right one).
 */
export interface CaseState {
  account: AccountRecord | null;
  /** As last read; refreshed after every action on the person. */
  person: PersonSummary | null;
  ticket: TicketDetails | null;
  idCheck: IdCheck | null;
  /** The person-only step running on the walk-up screens, if any. */
  assist: AssistKind | null;
}

export type TechnicianSessionState =
  | { signedIn: false }
  | {
      signedIn: true;
      technician: SignedInTechnician;
      startedAt: number;
      /** Last technician step, or activity reported by the page while the console (or an assisted step) is open. */
      lastActiveAt: number;
      case: CaseState | null;
      lastAction: TechnicianActionResult | null;
    };

export type TechnicianEndReason = 'sign_out' | 'idle' | 'disabled';

export interface TechnicianSessionDeps {
  clock: Clock;
  /** config.technician.idleSeconds: the session ends after this long without activity. */
  idleSeconds: number;
  idDocuments: string[];
  /** Writes one audit record in its own transaction. */
  record: (entry: AuditEntry) => Promise<void>;
  /**
   * Whether the signed-in technician is still active in the store (read on every gated call): an
   * administrator's `technician disable` ends an open session at the technician's next step, on any kiosk.
   */
  stillActive?: (technician: SignedInTechnician) => Promise<boolean>;
  /**
   * Told after the session ended, however: the kiosk ends an assisted walk-up step and the page returns
   * to the public start (and the shell clears the clipboard).
   */
  onEnded?: (reason: TechnicianEndReason) => Promise<void> | void;
}

/** The actor written on every audit record of a technician's action. */
export const technicianActor = (technician: SignedInTechnician) => `technician:${technician.username}`;

/**
 * The one technician session of this kiosk, held in main memory: the router lets technician channels
 * through only while `isOpen()` says so (never on a flag from the page). Idle expiry uses the injected
 * clock and is checked on every technician call and by the kiosk's sweep timer.
 */
export function createTechnicianSession(deps: TechnicianSessionDeps) {
  const { clock } = deps;
  const queue = createSerialQueue();
  let state: TechnicianSessionState = { signedIn: false };
  const now = () => clock.now().getTime();

  async function end(reason: TechnicianEndReason): Promise<void> {
    if (!state.signedIn) return;
    const { technician, case: current } = state;
    state = { signedIn: false };
    await deps.record({
      event: { idle: 'technician.idle_ended', sign_out: 'technician.signed_out', disabled: 'technician.disabled_ended' }[reason],
      outcome: 'ok',
      actor: technicianActor(technician),
      account: current?.account?.username ?? null,
    });
    await deps.onEnded?.(reason);
  }

  const stale = () => state.signedIn && now() >= state.lastActiveAt + deps.idleSeconds * 1000;

  const session = {
    get: (): TechnicianSessionState => state,
    set(next: TechnicianSessionState): void {
      state = next;
    },
    now,
    /** Opens the session for a technician who has just signed in (the caller audits the sign-in). */
    open(technician: SignedInTechnician): void {
      state = { signedIn: true, technician, startedAt: now(), lastActiveAt: now(), case: null, lastAction: null };
    },
    /** Whether a technician session is open now; a stale one, or a disabled technician's, is ended (and audited) first. */
    async isOpen(): Promise<boolean> {
      if (stale()) await end('idle');
      if (state.signedIn && deps.stillActive !== undefined && !(await deps.stillActive(state.technician))) await end('disabled');
      return state.signedIn;
    },
    /** A technician step or reported activity: the idle limit starts again. */
    touch(): void {
      if (state.signedIn) state = { ...state, lastActiveAt: now() };
    },
    /** Ends the session now (sign out) or for idleness; audited; `onEnded` is told. */
    end,
    /** Ends a session that main's idle limit says is over, without waiting for the page (a timer calls this). */
    sweep: async (): Promise<void> => {
      if (stale()) await end('idle');
    },
    view(assist: AssistProgress | null): TechnicianView {
      if (!state.signedIn) return { signedIn: false };
      const current = state.case;
      return {
        signedIn: true,
        technician: { username: state.technician.username, displayName: state.technician.displayName },
        idleSeconds: deps.idleSeconds,
        idDocuments: [...deps.idDocuments],
        person: current?.person ?? null,
        ticket: current?.ticket ?? null,
        idCheck: current?.idCheck ?? null,
        assist,
        lastAction: state.lastAction,
      };
    },
    /** Runs one technician step after every step before it. */
    run: <T>(step: () => Promise<T>): Promise<T> => queue.run(step),
  };
  return session;
}

export type TechnicianSession = ReturnType<typeof createTechnicianSession>;
