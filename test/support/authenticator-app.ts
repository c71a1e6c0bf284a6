import { Secret, TOTP } from 'otpauth';
import { accountRows } from '../../electron/core/store/accounts.js';
import type { TestKiosk } from './core-kiosk.js';

/**
 * The code a person's authenticator app shows at `at`, computed from the secret by otpauth itself
 * (not by the kiosk's own TOTP code): SHA-1, 6 digits, 30 s.
 */
export function appCodeAt(secret: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at.getTime() });
}

/**
 * Sets up an authenticator app for `username` the way registration does (enrol, a first code from
 * the app, save), at the kiosk's clock; returns the base32 secret. The step of that first code is
 * used: a proof needs a later one (move the clock on by 30 s).
 */
export async function enrolTestApp(t: TestKiosk, username: string): Promise<string> {
  const { authenticators, store } = t.kiosk;
  const { secret } = authenticators.enrol(username);
  const step = authenticators.checkNew(secret, appCodeAt(secret, t.clock.now()));
  if (step === null) throw new Error('the app code computed from the secret was refused at enrolment');
  const account = await store.read((db) => accountRows.findByUsername(db, username));
  if (account === null) throw new Error(`no account ${username}`);
  await store.run((tx) => authenticators.save(tx, account.id, secret, step));
  return secret;
}
