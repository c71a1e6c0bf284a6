import type { AppSetupDetails } from '../../../shared/flow/stages.js';
import type { Tx } from '../store/store.js';

/**
 * What a person needs to set up an authenticator app: made in main, shown on the enrolment screen
 * only, then kept in main until the first code from the app proves it was copied right.
 */
export interface AppEnrolment extends AppSetupDetails {
  /** Base32, RFC 4648, no padding. Never logged, audited or sent after the enrolment screen. */
  secret: string;
}

/** A saved authenticator app of one account (at most one per account). */
export interface SavedAuthenticator {
  id: number;
  /** ISO time the app was set up (cooling-off and "set up on 3 March" count from it). */
  addedAt: string;
}

export type AppCodeVerdict = { accepted: true; authenticator: SavedAuthenticator } | { accepted: false };

/**
 * Authenticator apps (TOTP, RFC 6238: SHA-1, 6 digits, 30 s, one step of drift either way). Secrets
 * are stored only as AES-256-GCM ciphertext bound to the account; an accepted time step is recorded
 * so the same code can never be accepted twice for that account.
 */
export interface Authenticators {
  /** null when the kiosk can keep secrets safely; otherwise why not, in words (nothing is offered). */
  refusal: string | null;
  /** A new secret and everything the enrolment screen shows for it. */
  enrol(username: string): AppEnrolment;
  /** Checks a code against a secret not saved yet; the accepted time step, or null. */
  checkNew(secret: string, code: string): number | null;
  /** Saves (encrypted), replacing any app the account had; `acceptedStep` cannot be used again. */
  save(tx: Tx, accountId: number, secret: string, acceptedStep: number): Promise<SavedAuthenticator>;
  remove(tx: Tx, accountId: number): Promise<boolean>;
  find(tx: Tx, accountId: number): Promise<SavedAuthenticator | null>;
  /**
   * A code offered as proof (reset, unlock). The same work whether or not the account exists or has an
   * app (`accountId` null: a dummy secret is checked), so the answer's cost reveals nothing; an
   * accepted step is recorded in `tx`, so a replay in any kiosk sharing the store is refused.
   */
  verify(tx: Tx, accountId: number | null, code: string): Promise<AppCodeVerdict>;
}
