import type { AccountRecord } from '../ports.js';
import type { Db } from './database.js';

export interface StoredAccount extends AccountRecord {
  passwordHash: string;
  passwordChangedAt: string;
}

export interface NewAccount {
  username: string;
  firstName: string;
  lastName: string;
  passwordHash: string;
  passwordChangedAt: string;
  status?: 'active' | 'disabled';
  lockedAt?: string | null;
}

interface AccountRow {
  id: number;
  username: string;
  first_name: string;
  last_name: string;
  status: 'active' | 'disabled';
  locked: number;
  password_hash: string;
  password_changed_at: string;
}

const columns = 'id, username, first_name, last_name, status, locked, password_hash, password_changed_at';

function toAccount(row: AccountRow): StoredAccount {
  return {
    id: row.id,
    username: row.username,
    firstName: row.first_name,
    lastName: row.last_name,
    status: row.status,
    locked: row.locked === 1,
    passwordHash: row.password_hash,
    passwordChangedAt: row.password_changed_at,
  };
}

/** Rows of the accounts table and nothing else; callers own the transaction. */
export function createAccountStore(db: Db) {
  const byUsername = db.prepare<[string], AccountRow>(`SELECT ${columns} FROM accounts WHERE username = ?`);
  const byId = db.prepare<[number], AccountRow>(`SELECT ${columns} FROM accounts WHERE id = ?`);
  const insert = db.prepare(
    `INSERT INTO accounts (username, first_name, last_name, status, locked, locked_at, password_hash, password_changed_at)
     VALUES (@username, @firstName, @lastName, @status, @locked, @lockedAt, @passwordHash, @passwordChangedAt)`,
  );
  const updatePassword = db.prepare(
    'UPDATE accounts SET password_hash = ?, password_changed_at = ?, locked = 0, locked_at = NULL WHERE id = ?',
  );
  const setLock = db.prepare('UPDATE accounts SET locked = ?, locked_at = ? WHERE id = ?');

  return {
    /** Case-insensitive (the column is COLLATE NOCASE), so "Amira.Khan" finds amira.khan. */
    findByUsername(username: string): StoredAccount | null {
      const row = byUsername.get(username);
      return row === undefined ? null : toAccount(row);
    },
    findById(id: number): StoredAccount | null {
      const row = byId.get(id);
      return row === undefined ? null : toAccount(row);
    },
    insert(account: NewAccount): number {
      const lockedAt = account.lockedAt ?? null;
      const result = insert.run({
        username: account.username,
        firstName: account.firstName,
        lastName: account.lastName,
        status: account.status ?? 'active',
        locked: lockedAt === null ? 0 : 1,
        lockedAt,
        passwordHash: account.passwordHash,
        passwordChangedAt: account.passwordChangedAt,
      });
      return Number(result.lastInsertRowid);
    },
    /** A new password also clears the lock: proving identity and choosing a password is the unlock. */
    replacePassword(id: number, passwordHash: string, changedAt: string): void {
      updatePassword.run(passwordHash, changedAt, id);
    },
    setLocked(id: number, lockedAt: string | null): void {
      setLock.run(lockedAt === null ? 0 : 1, lockedAt, id);
    },
  };
}

export type AccountStore = ReturnType<typeof createAccountStore>;
