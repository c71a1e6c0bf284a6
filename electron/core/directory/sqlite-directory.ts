import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { AccountRecord, Clock, Directory, PasswordHasher, SignInOutcome } from '../ports.js';
import { accountRows, type StoredAccount } from '../store/accounts.js';
import { passwordHistoryRows } from '../store/password-history.js';
import type { Store } from '../store/store.js';
import { throttleRows } from '../store/throttle-records.js';

export type LockoutRules = KioskConfig['lockout'];

export const defaultLockout: LockoutRules = { failedSignIns: { limit: 10, windowMinutes: 30, lockMinutes: 30 } };

/** Failed sign-ins are counted with the kiosk's throttle rows, under their own scope. */
const failedSignInScope = 'directory.failedSignIns';
const subjectOf = (accountId: number) => `account:${accountId}`;

/**
 * The embedded directory, kept in the kiosk's own store (SQLite, or PostgreSQL shared by several
 * kiosks). Everything the journeys need from "the directory" goes through the Directory port, so an
 * LDAP / Active Directory implementation can replace this file alone. Like AD, it locks an account
 * after too many wrong passwords (`lockout`), for a while or until unlocked.
 */
export function createStoreDirectory(store: Store, hasher: PasswordHasher, clock: Clock, lockout: LockoutRules = defaultLockout): Directory {
  const rule = lockout.failedSignIns;

  /** A lock ends by itself after lockMinutes (0: only an unlock ends it). */
  function isLockedNow(account: StoredAccount): boolean {
    if (!account.locked) return false;
    if (rule.lockMinutes === 0 || account.lockedAt === null) return true;
    return clock.now().getTime() < Date.parse(account.lockedAt) + rule.lockMinutes * 60_000;
  }

  const toRecord = (account: StoredAccount): AccountRecord => ({
    id: account.id,
    username: account.username,
    firstName: account.firstName,
    lastName: account.lastName,
    status: account.status,
    locked: isLockedNow(account),
  });

  async function requireAccount(accountId: number): Promise<StoredAccount> {
    const account = await store.read((db) => accountRows.findById(db, accountId));
    if (account === null) throw new Error(`No account with id ${accountId}`);
    return account;
  }

  /** Counts one wrong password; the one that reaches the limit locks the account. */
  async function countFailure(accountId: number): Promise<void> {
    await store.run(async (tx) => {
      const now = clock.now();
      await throttleRows.addEvent(tx, failedSignInScope, subjectOf(accountId), now.toISOString());
      const windowStart = new Date(now.getTime() - rule.windowMinutes * 60_000).toISOString();
      const { count } = await throttleRows.windowAfter(tx, failedSignInScope, subjectOf(accountId), windowStart);
      if (count >= rule.limit) {
        await accountRows.setLocked(tx, accountId, now.toISOString());
        await throttleRows.clear(tx, failedSignInScope, subjectOf(accountId));
      }
    });
  }

  return {
    // The store is the directory: a store that cannot be used says so itself, as BUSY or UNAVAILABLE.
    async probe() {},
    async findAccount(username): Promise<AccountRecord | null> {
      const account = await store.read((db) => accountRows.findByUsername(db, username));
      return account === null ? null : toRecord(account);
    },
    async signIn(accountId, password): Promise<SignInOutcome> {
      const account = await requireAccount(accountId);
      // Verified first in every case, so the time taken says nothing about the account's state.
      const right = await hasher.verify(account.passwordHash, password);
      if (!right) {
        if (account.status === 'active' && !isLockedNow(account)) await countFailure(accountId);
        return 'wrong';
      }
      if (account.status !== 'active') return 'disabled';
      if (isLockedNow(account)) return 'locked';
      await store.run((tx) => throttleRows.clear(tx, failedSignInScope, subjectOf(accountId)));
      return 'ok';
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
        await throttleRows.clear(tx, failedSignInScope, subjectOf(accountId));
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
      const account = await store.read((db) => accountRows.findById(db, accountId));
      return account === null ? false : isLockedNow(account);
    },
    async unlock(accountId) {
      await store.run(async (tx) => {
        await accountRows.setLocked(tx, accountId, null);
        await throttleRows.clear(tx, failedSignInScope, subjectOf(accountId));
      });
    },
  };
}
