import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { Authenticators } from '../authenticator/authenticator-types.js';
import type { RegistrationJourney } from '../journeys/registration/registration-journey.js';
import type { AccountUnlocker } from '../journeys/unlock-account.js';
import type { NamePseudonym } from '../keys/name-pseudonym.js';
import type { Clock, Directory } from '../ports.js';
import type { SessionHolder } from '../session/session-holder.js';
import type { Store } from '../store/store.js';
import type { Throttle } from '../throttle/throttle.js';
import type { CaseState, TechnicianSession, TechnicianSessionState } from './technician-session.js';

/** What a technician's work on a person needs: the person's records, and the walk-up screens. */
export interface TechnicianCasesDeps {
  session: TechnicianSession;
  store: Store;
  directory: Directory;
  audit: AuditTrail;
  pseudonym: NamePseudonym;
  throttle: Throttle;
  throttleRules: KioskConfig['throttle'];
  authenticators: Authenticators | null;
  /** The unlock "Account locked?" uses, so the person gets the same notice. */
  unlocker: AccountUnlocker;
  /** The walk-up session the person-only steps run on. */
  walkUp: SessionHolder;
  register: Pick<RegistrationJourney, 'beginAssisted'>;
  /** The walk-up chooser just opened: with one method offered, its code is sent as for anyone (kiosk-journeys.ts). */
  offerMethods: () => Promise<unknown>;
  clock: Clock;
  kiosk: { id: string; location: string };
  idDocuments: readonly string[];
  /** Whether notices also go to verified mobiles (a text provider is configured). */
  textNotices: boolean;
  onNoticesQueued?: () => void;
  /** One line for what went wrong in the background (never a secret). */
  log?: (line: string) => void;
}

export type SignedInState = Extract<TechnicianSessionState, { signedIn: true }>;

/** The technician session as a step finds it: null when it has ended (sign-out or idle) meanwhile. */
export function signedInState(session: TechnicianSession): SignedInState | null {
  const state = session.get();
  return state.signedIn ? state : null;
}

/** Replaces the case (or some of it) of the session still open; a session that ended is left alone. */
export function updateCase(session: TechnicianSession, change: (current: CaseState | null) => CaseState | null, lastAction?: SignedInState['lastAction']): void {
  const state = signedInState(session);
  if (state === null) return;
  session.set({ ...state, case: change(state.case), ...(lastAction === undefined ? {} : { lastAction }) });
}

