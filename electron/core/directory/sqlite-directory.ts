import type { AccountRecord, Clock, Directory, PasswordHasher } from '../ports.js';
import { accountRows } from '../store/accounts.js';
import { passwordHistoryRows } from '../store/password-history.js';
import type { Store } from '../store/store.js';

/**
 * The embedded directory, kept in the kiosk's own store (SQLite, or PostgreSQL shared by several
 * kiosks). Everything the journeys need from "the directory" goes through the Directory port, so an
 * LDAP / Active Directory implementation can replace this file alone.
 */
export function createStoreDirectory(store: Store, hasher: PasswordHasher, clock: Clock): Directory {
  async function requireAccount(accountId: number) {
    const account = await store.read((db) => accountRows.findById(db, accountId));
    if (account === null) throw new Error(`No account with id ${accountId}`);
    return account;
  }

  return {
    async findAccount(username): Promise<AccountRecord | null> {
      const account = await store.read((db) => accountRows.findByUsername(db, username));
      if (account === null) return null;
      const { id, firstName, lastName, status, locked } = account;
      return { id, username: account.username, firstName, lastName, status, locked };
    },
    async verifyPassword(accountId, password) {
      const account = await store.read((db) => accountRows.findById(db, accountId));
      return account === null ? false : hasher.verify(account.passwordHash, password);
    },
    async setPassword(accountId, newPassword) {
      await requireAccount(accountId);
      // Always hashed with the current parameters, so an older, weaker hash is upgraded by the change.
      const newHash = await hasher.hash(newPassword);
      await store.run(async (tx) => {
        const account = await accountRows.findById(tx, accountId);
        if (account === null) throw new Error(`No account with id ${accountId}`);
        const at = clock.now().toISOString();
        await passwordHistoryRows.add(tx, accountId, account.passwordHash, account.passwordChangedAt, at);
        await accountRows.replacePassword(tx, accountId, newHash, at);
      });
    },
    async passwordHashes(accountId, limit) {
      return store.read(async (db) => {
        const account = await accountRows.findById(db, accountId);
        if (account === null) return [];
        return [account.passwordHash, ...(await passwordHistoryRows.hashes(db, accountId, limit))];
      });
    },
    async passwordChangedAt(accountId) {
      const account = await store.read((db) => accountRows.findById(db, accountId));
      return account === null ? null : new Date(account.passwordChangedAt);
    },
    async isLocked(accountId) {
      return (await store.read((db) => accountRows.findById(db, accountId)))?.locked ?? false;
    },
    async unlock(accountId) {
      await store.run((tx) => accountRows.setLocked(tx, accountId, null));
    },
  };
}
