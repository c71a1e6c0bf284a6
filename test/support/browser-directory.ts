import { createStoreDirectory } from '../../electron/core/directory/sqlite-directory.js';
import { createArgon2Hasher } from '../../electron/core/hashing/argon2-hasher.js';
import { systemClock } from '../../electron/core/system.js';
import { demoAccounts } from '../../electron/core/demo/demo-accounts.js';
import type { Kiosk } from '../../electron/core/kiosk.js';

/**
 * What the directory behind a running preview says, read through the core's own Directory seam on
 * the kiosk's store, so browser tests check the real outcome rather than what the screen claims.
 */
async function accountIn(kiosk: Kiosk, username: string) {
  const directory = createStoreDirectory(kiosk.store, createArgon2Hasher(kiosk.config.hashing), systemClock, kiosk.config.lockout);
  const account = await directory.findAccount(username);
  if (account === null) throw new Error(`No account "${username}" in the kiosk's directory`);
  return { directory, account };
}

export async function directoryVerifies(kiosk: Kiosk, username: string, password: string): Promise<boolean> {
  const { directory, account } = await accountIn(kiosk, username);
  return directory.verifyPassword(account.id, password);
}

/** Whether the directory holds the account locked (the lock "Account locked?" clears). */
export async function directoryIsLocked(kiosk: Kiosk, username: string): Promise<boolean> {
  const { directory, account } = await accountIn(kiosk, username);
  return directory.isLocked(account.id);
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

/** What an administrator does in the directory: switches an account off (the demo has no such account). */
export async function disableAccount(kiosk: Kiosk, username: string): Promise<void> {
  const { account } = await accountIn(kiosk, username);
  await kiosk.store.run((tx) => tx.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', account.id).execute());
}
