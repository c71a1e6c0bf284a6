import { fail, ok, type Result } from '../../../shared/ipc/result.js';
import type { AssistProgress, TechnicianView } from '../../../shared/technician/technician-view.js';
import { recordAlone, type AuditTrail } from '../audit/audit-trail.js';
import type { NamePseudonym } from '../keys/name-pseudonym.js';
import type { PasswordHasher } from '../ports.js';
import { throttled } from '../proofs/proof-throttle.js';
import type { Store } from '../store/store.js';
import type { Throttle } from '../throttle/throttle.js';
import type { TechnicianAccounts } from './technician-accounts.js';
import type { TechnicianAccess } from './technician-desk.js';
import { technicianActor, type SignedInTechnician, type TechnicianSession } from './technician-session.js';

export interface TechnicianAccessDeps {
  session: TechnicianSession;
  accounts: TechnicianAccounts;
  store: Store;
  throttle: Throttle;
  audit: AuditTrail;
  pseudonym: NamePseudonym;
  hasher: PasswordHasher;
  kioskId: string;
  /** config.kiosk.adminPinHash: quitting without a technician, or undefined when only a technician can. */
  adminPinHash: string | undefined;
  /** The technician's side of a person-only step (technician-cases.ts), for every view. */
  assistProgress: () => AssistProgress | null;
}

const signInEvent = 'technician.sign_in';
const quitEvent = 'kiosk.quit';
const pinActor = 'admin-pin';

/**
 * Who is signed in at the technician console, and leaving kiosk mode. Every wrong sign-in gets the one
 * answer TECHNICIAN_SIGN_IN_FAILED after the same work (technician-accounts.ts `check`), counts toward
 * `throttle.technicianSignIns` for the name as typed (its pseudonym, as for people), and is audited with
 * the reason (the audit is the desk lead's, never the page's); never the password or the code.
 */
export function createTechnicianAccess(deps: TechnicianAccessDeps): TechnicianAccess {
  const { session, accounts, store, throttle, audit, pseudonym, hasher } = deps;
  const record = recordAlone({ store, audit });
  const view = (): Result<TechnicianView> => ok(session.view(deps.assistProgress()));
  // Wrong admin PINs at this kiosk: a subject no typed name can have (pseudonyms all start "n-").
  const pinSubject = `admin-pin:${deps.kioskId}`;

  async function signIn(username: string, password: string, code: string): Promise<Result<TechnicianView>> {
    // Whoever is typing now is not the technician who was signed in: that session ends first.
    if (await session.isOpen()) await session.end('sign_out');
    const subject = pseudonym(username);
    const known = await store.read((db) => throttle.status(db, 'technicianSignIns', subject));
    if (known.blocked) {
      await record({ event: signInEvent, typedName: username, outcome: 'refused', detail: { reason: 'throttled' } });
      return throttled(known);
    }
    const checked = await accounts.check(username, password, code);
    const signedIn = await store.run(async (tx): Promise<{ technician: SignedInTechnician } | { refused: Result<never> }> => {
      if (checked.refused === null && (await accounts.accept(tx, checked.id, checked.step))) {
        await audit.record(tx, { event: signInEvent, typedName: username, outcome: 'ok', actor: technicianActor(checked.technician) });
        return { technician: checked.technician };
      }
      // Password and code right but the code's step already spent: a replay (here or on another kiosk).
      const reason = checked.refused ?? 'replayed_code';
      const after = (await throttle.record(tx, 'technicianSignIns', subject)).status;
      await audit.record(tx, { event: signInEvent, typedName: username, outcome: 'refused', detail: { reason } });
      return { refused: after.blocked ? throttled(after) : fail('TECHNICIAN_SIGN_IN_FAILED') };
    });
    if ('refused' in signedIn) return signedIn.refused;
    session.open(signedIn.technician);
    return view();
  }

  async function quit(pin: string | undefined): Promise<Result<{ quitting: true }>> {
    const state = session.get();
    if ((await session.isOpen()) && state.signedIn) {
      await record({ event: quitEvent, outcome: 'ok', actor: technicianActor(state.technician) });
      return ok({ quitting: true });
    }
    if (pin === undefined || deps.adminPinHash === undefined) {
      const reason = pin === undefined ? 'no_technician' : 'no_admin_pin_configured';
      await record({ event: quitEvent, outcome: 'refused', ...(pin === undefined ? {} : { actor: pinActor }), detail: { reason } });
      return fail('QUIT_REFUSED');
    }
    const known = await store.read((db) => throttle.status(db, 'technicianSignIns', pinSubject));
    if (known.blocked) {
      await record({ event: quitEvent, outcome: 'refused', actor: pinActor, detail: { reason: 'throttled' } });
      return throttled(known);
    }
    if (await hasher.verify(deps.adminPinHash, pin)) {
      await record({ event: quitEvent, outcome: 'ok', actor: pinActor });
      return ok({ quitting: true });
    }
    return store.run(async (tx) => {
      const after = (await throttle.record(tx, 'technicianSignIns', pinSubject)).status;
      await audit.record(tx, { event: quitEvent, outcome: 'refused', actor: pinActor, detail: { reason: 'wrong_pin' } });
      return after.blocked ? throttled(after) : fail<never>('QUIT_REFUSED');
    });
  }

  return {
    // Reading the view is not activity (a page refreshing it must not keep a session alive), but a
    // stale session is ended (and audited) before it is answered for.
    view: () => session.run(async () => (await session.isOpen(), view())),
    signIn: (username, password, code) => session.run(() => signIn(username, password, code)),
    signOut: () =>
      session.run(async () => {
        await session.end('sign_out');
        return view();
      }),
    stillHere: () =>
      session.run(async () => {
        if (await session.isOpen()) session.touch();
        return view();
      }),
    quit: (pin) => session.run(() => quit(pin)),
  };
}
