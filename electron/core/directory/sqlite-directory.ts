import type { Db } from '../store/database.js';
import { createAccountStore } from '../store/accounts.js';
import { createPasswordHistoryStore } from '../store/password-history.js';
import type { AccountRecord, Clock, Directory, PasswordHasher } from '../ports.js';

/**
 * The embedded directory. Everything the reset flow needs from "the directory" goes through the
 * Directory port, so an LDAP / Active Directory implementation can replace this file alone.
 */
export function createSqliteDirectory(db: Db, hasher: PasswordHasher, clock: Clock): Directory {
  const accounts = createAccountStore(db);
  const history = createPasswordHistoryStore(db);

  function requireAccount(accountId: number) {
    const account = accounts.findById(accountId);
    if (account === null) throw new Error(`No account with id ${accountId}`);
    return account;
  }

  const replacePassword = db.transaction((accountId: number, newHash: string, at: string) => {
    const account = requireAccount(accountId);
    history.add(accountId, account.passwordHash, account.passwordChangedAt, at);
    accounts.replacePassword(accountId, newHash, at);
  });

  return {
    findAccount(username): AccountRecord | null {
      const account = accounts.findByUsername(username);
      if (account === null) return null;
      const { id, firstName, lastName, status, locked } = account;
      return { id, username: account.username, firstName, lastName, status, locked };
    },
    verifyPassword(accountId, password) {
      const account = accounts.findById(accountId);
      return account === null ? Promise.resolve(false) : hasher.verify(account.passwordHash, password);
    },
    async setPassword(accountId, newPassword) {
      requireAccount(accountId);
      // Always hashed with the current parameters, so an older, weaker hash is upgraded by the change.
      const newHash = await hasher.hash(newPassword);
      replacePassword(accountId, newHash, clock.now().toISOString());
    },
    passwordHashes(accountId, limit) {
      const account = accounts.findById(accountId);
      if (account === null) return [];
      return [account.passwordHash, ...history.hashes(accountId, limit)];
    },
    isLocked(accountId) {
      return accounts.findById(accountId)?.locked ?? false;
    },
    unlock(accountId) {
      accounts.setLocked(accountId, null);
    },
  };
}
