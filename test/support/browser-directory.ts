import { createStoreDirectory } from '../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../electron/core/hashing/argon2-hasher.js';
import { systemClock } from '../../electron/core/system.js';
import { demoAccounts } from '../../electron/core/demo/demo-accounts.js';
import type { Kiosk } from '../../electron/core/kiosk.js';

/**
 * What the directory behind a running preview says, read through the core's own Directory seam on
 * the kiosk's store, so browser tests check the real outcome rather than what the screen claims.
 */
export async function directoryVerifies(kiosk: Kiosk, username: string, password: string): Promise<boolean> {
  const directory = createStoreDirectory(kiosk.store, createArgon2Hasher(kiosk.config.hashing), systemClock);
  const account = await directory.findAccount(username);
  if (account === null) throw new Error(`No account "${username}" in the kiosk's directory`);
  return directory.verifyPassword(account.id, password);
}

function demoAccount(username: string) {
  const account = demoAccounts.find((candidate) => candidate.username === username);
  if (account === undefined) throw new Error(`"${username}" is not a demo account`);
  return account;
}

/** The starting password the demo seed gave an account (the same list the README shows). */
export function demoPasswordOf(username: string): string {
  return demoAccount(username).password;
}

/** The passwords the demo seed put in an account's history, oldest first. */
export function demoEarlierPasswordsOf(username: string): readonly string[] {
  return demoAccount(username).earlierPasswords;
}
