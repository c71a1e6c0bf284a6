import { fail, type Result } from '../../../shared/ipc/result.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { AccountRecord, Directory, PasswordHasher, SignInOutcome } from '../ports.js';
import { throttled } from '../proofs/proof-throttle.js';
import type { Store } from '../store/store.js';
import type { Throttle } from '../throttle/throttle.js';

export type SignInResult = { ok: true; account: AccountRecord } | { ok: false; result: Result<never> };

/**
 * Proof by the current password ("Change your password"). An unknown name is verified against a
 * fixed dummy hash made with the same argon2 parameters, so it takes the same time and gets the same
 * words as a wrong password; a locked or disabled account is named only to someone who typed its
 * right password. Wrong passwords count toward the directory's lockout and the kiosk's own pacing.
 */
export function createPasswordSignIn(deps: {
  store: Store;
  directory: Directory;
  hasher: PasswordHasher;
  throttle: Throttle;
  audit: AuditTrail;
  kioskId: string;
  /** Told of a password the person has just proved (the kiosk's history keeps it where the directory will not). */
  onProvenPassword?: (accountId: number, password: string) => Promise<void>;
  log?: (line: string) => void;
}) {
  const { store, directory, hasher, throttle, audit, kioskId } = deps;
  let dummyHash: Promise<string> | null = null;
  const dummy = () => (dummyHash ??= hasher.hash('sspr-kiosk dummy password, never anyone\u2019s'));

  return async function signIn(typedName: string, password: string, event: string): Promise<SignInResult> {
    const paced = await store.read((db) => throttle.status(db, 'kioskFailedProofs', kioskId));
    if (paced.blocked) {
      await store.run((tx) => audit.record(tx, { event, typedName, outcome: 'refused', detail: { reason: 'throttled' } }));
      return { ok: false, result: throttled(paced) };
    }
    const account = await directory.findAccount(typedName);
    let outcome: SignInOutcome;
    if (account === null) {
      await hasher.verify(await dummy(), password);
      outcome = 'wrong';
    } else {
      outcome = await directory.signIn(account.id, password);
    }
    if (outcome === 'ok' && account !== null) {
      await store.run((tx) => audit.record(tx, { event, typedName, account: account.username, outcome: 'ok' }));
      // Only a help to the history check: a failure here must not keep the person out.
      await deps.onProvenPassword?.(account.id, password).catch((error: unknown) => deps.log?.(`sign-in: the current password was not kept as history (${error instanceof Error ? error.message : String(error)})`));
      return { ok: true, account };
    }
    await store.run(async (tx) => {
      if (outcome === 'wrong') await throttle.record(tx, 'kioskFailedProofs', kioskId);
      await audit.record(tx, { event, typedName, outcome: 'refused', detail: { reason: outcome } });
    });
    if (outcome === 'locked') return { ok: false, result: fail('ACCOUNT_LOCKED') };
    if (outcome === 'disabled') return { ok: false, result: fail('ACCOUNT_DISABLED') };
    return { ok: false, result: fail('SIGN_IN_FAILED') };
  };
}

export type PasswordSignIn = ReturnType<typeof createPasswordSignIn>;
