import type { Clock, RandomSource } from '../ports.js';
import { authenticatorRows } from '../store/authenticator-rows.js';
import type { Tx } from '../store/store.js';
import type { AppCodeVerdict, Authenticators, SavedAuthenticator } from './authenticator-types.js';
import { enrolmentFor, secretBytes, secretBytesOf } from './enrolment.js';
import { createSecretBox } from './secret-box.js';
import { createTotp } from './totp.js';

export interface AuthenticatorDeps {
  clock: Clock;
  random: RandomSource;
  /** The deployment's `authenticatorSecrets` key (keys/derived-keys.ts). */
  key: Buffer;
  /** The organisation's name, as apps show it (config.branding.organisationName). */
  issuer: string;
  /** From the KeyProtector: why secrets cannot be kept safely on this machine, or null. */
  refusal: string | null;
  log?: (line: string) => void;
}

/** No account has this id (ids start at 1): the stand-in for "no account" in the same query. */
const noAccountId = 0;

export function createAuthenticators(deps: AuthenticatorDeps): Authenticators {
  const { clock, random, refusal } = deps;
  const box = createSecretBox(deps.key, random);
  const totp = createTotp({ clock });
  // Opened and checked in place of a real secret when there is none, so "no such account" and
  // "no app" cost what a real check costs (a decryption and the TOTP window).
  const dummy = box.seal(noAccountId, random.bytes(secretBytes));

  const refuseWhenUnsafe = () => {
    if (refusal !== null) throw new Error(`authenticator apps are not offered on this kiosk: ${refusal}`);
  };

  return {
    refusal,

    enrol(username) {
      refuseWhenUnsafe();
      return enrolmentFor(random.bytes(secretBytes), deps.issuer, username);
    },

    checkNew(secret, code) {
      const bytes = secretBytesOf(secret);
      return bytes === null ? null : totp.match(bytes, code);
    },

    async save(tx, accountId, secret, acceptedStep) {
      refuseWhenUnsafe();
      const bytes = secretBytesOf(secret);
      if (bytes === null) throw new Error('not a base32 authenticator secret');
      const sealed = box.seal(accountId, bytes);
      const addedAt = clock.now().toISOString();
      // The step that proved the enrolment is recorded as used: that code cannot then reset the password.
      const id = await authenticatorRows.replace(tx, { accountId, ciphertext: sealed.ciphertext, nonce: sealed.nonce, addedAt, lastStep: acceptedStep });
      return { id, addedAt };
    },

    remove: (tx, accountId) => authenticatorRows.remove(tx, accountId),

    async find(tx, accountId) {
      const row = await authenticatorRows.find(tx, accountId);
      return row === null ? null : { id: row.id, addedAt: row.addedAt };
    },

    async verify(tx: Tx, accountId: number | null, code: string): Promise<AppCodeVerdict> {
      const row = await authenticatorRows.find(tx, accountId ?? noAccountId);
      const secret = row === null ? box.open(noAccountId, dummy) : box.open(row.accountId, row);
      // The dummy never opens to nothing; a real row that does not open was altered or moved.
      if (row !== null && secret === null) deps.log?.(`the authenticator app of account ${row.accountId} does not decrypt (altered, moved or another deployment key); refused`);
      const step = totp.match(secret ?? Buffer.alloc(secretBytes), code);
      if (row === null || secret === null || step === null) return { accepted: false };
      // Only a step newer than the last one accepted, recorded in this same transaction: a replay
      // here or on another kiosk sharing the store finds the step taken and is refused.
      if (!(await authenticatorRows.advanceStep(tx, row.id, step))) return { accepted: false };
      const authenticator: SavedAuthenticator = { id: row.id, addedAt: row.addedAt };
      return { accepted: true, authenticator };
    },
  };
}
