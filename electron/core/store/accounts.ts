import type { AccountRecord } from '../ports.js';
import type { AccountsTable } from './database-schema.js';
import type { Tx } from './store.js';
import { usernameKeyOf } from './username-key.js';

export interface StoredAccount extends AccountRecord {
  passwordHash: string;
  passwordChangedAt: string;
  lockedAt: string | null;
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

type AccountRow = Pick<
  AccountsTable,
  'username' | 'first_name' | 'last_name' | 'status' | 'locked' | 'locked_at' | 'password_hash' | 'password_changed_at'
> & { id: number };

const columns = ['id', 'username', 'first_name', 'last_name', 'status', 'locked', 'locked_at', 'password_hash', 'password_changed_at'] as const;

function toAccount(row: AccountRow): StoredAccount {
  return {
    id: Number(row.id),
    username: row.username,
    firstName: row.first_name,
    lastName: row.last_name,
    status: row.status,
    locked: Number(row.locked) === 1,
    lockedAt: row.locked_at,
    passwordHash: row.password_hash,
    passwordChangedAt: row.password_changed_at,
  };
}

/** Rows of the accounts table (the embedded directory) and nothing else; callers own the transaction. */
export const accountRows = {
  /** Case-insensitive through username_key, so "Amira.Khan" finds amira.khan. */
  async findByUsername(tx: Tx, username: string): Promise<StoredAccount | null> {
    const row = await tx.selectFrom('accounts').select(columns).where('username_key', '=', usernameKeyOf(username)).executeTakeFirst();
    return row === undefined ? null : toAccount(row);
  },

  async findById(tx: Tx, id: number): Promise<StoredAccount | null> {
    const row = await tx.selectFrom('accounts').select(columns).where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toAccount(row);
  },

  async insert(tx: Tx, account: NewAccount): Promise<number> {
    const lockedAt = account.lockedAt ?? null;
    const row = await tx
      .insertInto('accounts')
      .values({
        username: account.username,
        username_key: usernameKeyOf(account.username),
        first_name: account.firstName,
        last_name: account.lastName,
        status: account.status ?? 'active',
        locked: lockedAt === null ? 0 : 1,
        locked_at: lockedAt,
        password_hash: account.passwordHash,
        password_changed_at: account.passwordChangedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  },

  /** A new password also clears the lock: proving identity and choosing a password is the unlock. */
  async replacePassword(tx: Tx, id: number, passwordHash: string, changedAt: string): Promise<void> {
    await tx
      .updateTable('accounts')
      .set({ password_hash: passwordHash, password_changed_at: changedAt, locked: 0, locked_at: null })
      .where('id', '=', id)
      .execute();
  },

  async setLocked(tx: Tx, id: number, lockedAt: string | null): Promise<void> {
    await tx
      .updateTable('accounts')
      .set({ locked: lockedAt === null ? 0 : 1, locked_at: lockedAt })
      .where('id', '=', id)
      .execute();
  },

  async usernames(tx: Tx): Promise<string[]> {
    const rows = await tx.selectFrom('accounts').select('username').execute();
    return rows.map((row) => row.username);
  },
};
